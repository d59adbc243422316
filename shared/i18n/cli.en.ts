/**
 * The command line's words in English (a catalogue of its own: the window never loads it): what `braid` says on stdout
 * and stderr, its errors and questions, and its --help. Never its --json, which is the same in
 * every language. Flags, commands and environment variables are named as typed.
 */
export const cliEn = {
  // Errors (electron/cli/main.ts)
  'cli.error': 'braid: {message}',
  'cli.unexpected': 'braid: unexpected error: {message}',
  'cli.dataFolder': 'Braid cannot open its data folder {folder}: {message}',
  'cli.noAnswer': 'No answer to “{question}”: nothing more to read on stdin.',
  /** An account, a job or a target, then what is said of it. */
  'cli.about': '{subject}: {message}',

  // Help (electron/cli/program.ts): commander's headings and additions
  'cli.help.usage': 'Usage:',
  'cli.help.arguments': 'Arguments:',
  'cli.help.options': 'Options:',
  'cli.help.globalOptions': 'Global Options:',
  'cli.help.commands': 'Commands:',
  'cli.help.choices': 'choices: {choices}',
  'cli.help.default': 'default: {value}',
  'cli.help.help': 'display help for command',
  'cli.help.helpCommand': 'display help for a command',
  'cli.help.version': 'output the version number',
  'cli.help.afterError': '(braid --help shows the commands; braid COMMAND --help their flags)',
  'cli.help.program': 'Braid on the command line: cross-post to Mastodon and Bluesky, on the same accounts, rules and outbox as the app.',
  'cli.help.exitCodes': `
Exit codes:
  0  done: every target posted
  1  some target failed (the others stay posted: see braid outbox list), a server could
     not be reached, or --timeout passed before every target settled (braid outbox retry
     finishes them)
  2  usage error: a bad flag or argument, or a post that cannot be sent as written
     (too long without --split, ...); nothing was sent
  3  configuration or authentication: no accounts, an unknown --to, a target that needs
     to sign in again (revoked or expired), a sign-in refused`,
  'cli.help.secrets': `
Data and secrets:
  The command line keeps its accounts, outbox and cache in its own data folder, never the
  desktop app's: BRAID_DATA_DIR when set, else the app's folder with -cli added:
    Linux    ~/.local/share/braid-cli (or $XDG_DATA_HOME/braid-cli)
    macOS    ~/Library/Application Support/Braid-cli
    Windows  %APPDATA%\\Braid-cli
  The desktop app keeps account tokens in the system keyring, which the command line cannot
  read: braid has its own sign-ins, encrypted with BRAID_SECRET_KEY (64 hex characters) or a key
  file in its data folder, the same as the browser host. Point BRAID_DATA_DIR at a browser
  host's data folder to share its accounts; never at the desktop app's.
  Secrets are read from the environment or typed without echo: never from arguments, and never
  printed (not in --json either).

Environment for scripts and CI (braid accounts add … --from-env):
  BRAID_MASTODON_INSTANCE, BRAID_MASTODON_TOKEN   a Mastodon server and an access token
      made there (Preferences → Development → New application; scopes read, write)
  BRAID_BLUESKY_HANDLE, BRAID_BLUESKY_APP_PASSWORD   a Bluesky handle and an app password`,
  'cli.help.postExamples': `
Examples:
  braid post "Braid 1.2 is out: https://example.com/1.2"
  braid post --file notes.txt --split --to amy@mastodon.social --to alice.bsky.social
  git log -1 --format=%B | braid post - --image shot.png --alt "The new timeline" --json
  braid post "Release 1.2" --key release-1.2 --dry-run`,
  'cli.help.post': 'Post to your accounts, wait until every target has settled: progress on stderr, results on stdout.',
  'cli.help.post.text': 'the text; - reads it from stdin',
  'cli.help.post.file': 'read the text from a file (- for stdin)',
  'cli.help.post.to':
    'an account: its id, handle (amy@mastodon.social, alice.bsky.social) or handle@server; repeatable or comma-separated (default: the accounts that post by default)',
  'cli.help.post.image': 'attach an image (repeatable, up to 4)',
  'cli.help.post.alt': 'the description of the --image in the same place (repeatable)',
  'cli.help.post.cw': 'a content warning (Mastodon); Bluesky has no written warning: add a --label',
  'cli.help.post.label': 'a Bluesky self-label, repeatable: {labels}',
  'cli.help.post.visibility': 'who sees it on Mastodon (Bluesky is always public)',
  'cli.help.post.lang': 'the language, like en or pt-BR',
  'cli.help.post.split': 'allow a numbered thread where the text is too long (without it: refused, exit 2)',
  'cli.help.post.dryRun': 'print exactly what each account would get, and send nothing',
  'cli.help.post.json': 'print one JSON object on stdout: each target with its state, links and error',
  'cli.help.post.key': 'an idempotency key: the same command with the same key resumes the post instead of sending it again',
  'cli.help.timeout':
    'stop waiting after this many seconds: each target’s state on stderr, exit 1; the outbox is left as it is, and braid outbox retry finishes it later (default: wait until every target has settled)',
  'cli.help.accounts': 'Sign in, list and remove accounts.',
  'cli.help.accounts.add': 'Sign in: in the terminal, or from the environment (--from-env, or whenever the token or app password variable is set).',
  'cli.help.accounts.add.network': 'mastodon or bluesky',
  'cli.help.accounts.add.fromEnv': 'sign in from BRAID_MASTODON_INSTANCE + BRAID_MASTODON_TOKEN, or BRAID_BLUESKY_HANDLE + BRAID_BLUESKY_APP_PASSWORD',
  'cli.help.accounts.add.instance': 'Mastodon: the server (like mastodon.social)',
  'cli.help.accounts.add.handle': 'Bluesky: the handle (like alice.bsky.social)',
  'cli.help.accounts.add.loopback': 'Mastodon: let the browser come back to Braid on this machine, instead of pasting a code',
  'cli.help.accounts.add.json': 'print the account as JSON',
  'cli.help.accounts.list': 'The accounts Braid posts as.',
  'cli.help.accounts.list.check': 'ask each server whether the sign-in still works',
  'cli.help.accounts.list.json': 'print them as JSON',
  'cli.help.accounts.remove': 'Sign out and remove an account from Braid.',
  'cli.help.accounts.remove.account': 'its id, handle or handle@server',
  'cli.help.outbox': 'Posts sent and where each target is; finish what a stopped run left.',
  'cli.help.outbox.list': 'Every post in the outbox, with each target’s state.',
  'cli.help.outbox.list.json': 'print it as JSON',
  'cli.help.outbox.retry': 'Resume what a stopped run left and try failed targets again (never posting twice), then wait until all have settled.',
  'cli.help.outbox.retry.job': 'only this target (a job id from braid outbox list)',
  'cli.help.outbox.retry.asThread': 'a target its server refused as too long: send it as a numbered thread',
  'cli.help.outbox.retry.cut': 'a target its server refused as too long: cut it to fit, ending with …',
  'cli.help.outbox.retry.json': 'print the results as JSON',
  'cli.help.outbox.discard': 'Remove a post from the outbox: targets not posted yet are cancelled; what was posted stays.',
  'cli.help.outbox.discard.draft': 'its id (from braid outbox list)',
  'cli.help.timeline': 'The merged home timeline, refreshed, newest first.',
  'cli.help.timeline.limit': 'how many items',
  'cli.help.timeline.json': 'print the items as JSON',

  // Commander's own complaints, as it words them in English (electron/cli/commander-words.ts)
  'cli.parse.error': 'error: {message}',
  'cli.parse.unknownOption': "unknown option ''{option}''",
  'cli.parse.unknownCommand': "unknown command ''{command}''",
  'cli.parse.missingArgument': "missing required argument ''{argument}''",
  'cli.parse.optionMissingArgument': "option ''{option}'' argument missing",
  'cli.parse.invalidOptionValue': "option ''{option}'' argument ''{value}'' is invalid.",
  'cli.parse.invalidArgumentValue': "command-argument value ''{value}'' is invalid for argument ''{argument}''.",
  'cli.parse.tooManyArguments': 'too many arguments. Expected {expected, plural, one {# argument} other {# arguments}} but got {received}: {details}.',
  'cli.parse.allowedChoices': 'Allowed choices are {choices}.',
  'cli.parse.didYouMean': '(Did you mean {suggestion}?)',
  'cli.parse.didYouMeanOneOf': '(Did you mean one of {suggestions}?)',

  // Values of flags (commander's own "error: option … argument … is invalid." comes before them)
  'cli.flag.labels': 'Allowed: {labels}.',
  'cli.flag.count': 'A whole number from 1 to 10000.',
  'cli.flag.seconds': 'A number of seconds above 0, like 300.',
  'cli.flag.oneFix': 'Choose one: --as-thread or --cut.',

  // Accounts (electron/cli/accounts.ts, account-names.ts)
  'cli.accounts.none': 'Braid has no accounts yet: add one with `braid accounts add mastodon` or `braid accounts add bluesky`.',
  'cli.accounts.noneYet': 'No accounts yet: add one with `braid accounts add mastodon` or `braid accounts add bluesky`.',
  'cli.accounts.unknown': 'No account “{name}” in Braid. The accounts are:\n{known}',
  'cli.accounts.ambiguous': '“{name}” names more than one account: use one of these ids:\n{found}',
  'cli.accounts.noDefault': 'No account posts by default: name the accounts with --to.',
  'cli.accounts.notSet': '--from-env: {variable} is not set.',
  'cli.accounts.signedIn': 'Signed in: {account}  {id}',
  'cli.accounts.secrets': 'braid: account secrets are encrypted with {how}.',
  'cli.accounts.signInFailed': 'Signing in to {server} with {variable}: {message}',
  'cli.accounts.askServer': 'Your Mastodon server (like mastodon.social): ',
  'cli.accounts.openPage': 'Open this page in a browser, sign in there and approve Braid:\n\n  {url}\n',
  'cli.accounts.waitingForBrowser': 'Waiting for the browser to come back to Braid…',
  'cli.accounts.askCode': 'Then paste the code the server shows: ',
  'cli.accounts.askHandle': 'Your Bluesky handle (like alice.bsky.social): ',
  'cli.accounts.appPasswordHint': 'Use an app password (Bluesky: Settings → Privacy and security → App passwords), not your main password.',
  'cli.accounts.askAppPassword': 'App password: ',
  'cli.accounts.askEmailCode': 'Code from the e-mail: ',
  'cli.accounts.status': '{status, select, ok {signed in} auth_expired {needs to sign in again} other {server not reachable}}',
  'cli.accounts.postsByDefault': 'posts by default',
  'cli.accounts.onlyWithTo': 'only with --to',
  'cli.accounts.mustSignIn': '{accounts} must sign in again (braid accounts add).',
  'cli.accounts.noAnswer': '{accounts}: the server did not answer.',
  'cli.accounts.removed': 'Removed {account}',

  // Posting (electron/cli/post.ts)
  'cli.post.textTwice': 'Give the text once: as an argument or with --file, not both.',
  'cli.post.cannotRead': 'Cannot read {flag} {file}: {reason}',
  'cli.post.fileNeedsName': '--file needs a file name (or - for stdin).',
  'cli.post.altCount': '{alts} --alt for {images} --image: each --alt describes the --image before it.',
  'cli.post.badLanguage': '--lang {tag} is not a language tag (like en or pt-BR).',
  'cli.post.emptyKey': '--key needs a value (like release-1.2.0).',
  'cli.post.imageTooLarge': '--image {file} is larger than 32 MB.',
  'cli.post.imageRefused': '--image {file}: {message}',
  'cli.post.invalid': 'This post cannot be sent as written: {problems}',
  'cli.post.nothing': 'Nothing to post: give the text (braid post TEXT, - for stdin, or --file FILE), or an --image.',
  'cli.post.resuming': 'This --key was sent at {time}: resuming that post, not sending it again.',
  'cli.post.textDiffers': 'Note: its text differs from the text given now; the text sent then stands.',
  'cli.post.signInFirst': '{account} needs to sign in again: run `braid accounts add {network}`.',
  'cli.post.nothingSent': 'Nothing was sent.',
  'cli.post.nothingSentSplit': 'Nothing was sent. (--split allows a thread.)',
  'cli.post.labelWithoutBluesky': 'Note: --label is for Bluesky, and no target is on Bluesky.',
  'cli.post.keyDryRun': 'This --key was sent at {time}: running this without --dry-run resumes that post; it does not send again.',
  'cli.post.note': 'Note: {handle}: {note}',
  'cli.post.stopped': '\nStopped. Whatever was sent is kept: `braid outbox retry` finishes this post without doubling it.',
  'cli.post.stoppedKeyed': '\nStopped. Whatever was sent is kept: `braid outbox retry` (or this command again, with the same --key) finishes this post without doubling it.',

  // What --dry-run prints (electron/cli/plan-output.ts)
  'cli.plan.visibility': 'visibility: {visibility}',
  'cli.plan.language': 'language: {language}',
  'cli.plan.noLanguage': 'language: not set',
  'cli.plan.warning': 'content warning: {warning}',
  'cli.plan.labels': 'labels: {labels}',
  'cli.plan.noLabels': 'labels: none',
  'cli.plan.length': 'length: {length} of {limit} {unit, select, characters {characters} graphemes {graphemes} other {bytes}}',
  'cli.plan.image': 'image {number}: {file} — “{alt}”',
  'cli.plan.imageNoAlt': 'image {number}: {file} — no description',
  'cli.plan.post': 'post:',
  'cli.plan.postOf': 'post {number} of {count}:',
  'cli.plan.note': 'note: {note}',
  'cli.plan.cannotSend': 'cannot send: {problem}',
  'cli.plan.dryRun': 'Dry run: nothing was sent.',
  'cli.plan.dryRunBlocked': 'Dry run: nothing was sent, and this post cannot be sent as it is.',

  // Where each target is (electron/cli/settle.ts, outbox.ts)
  'cli.state':
    '{state, select, queued {queued} scheduled {scheduled} uploading {uploading} sending {sending} checking {checking} waiting {waiting} posted {posted} failed {failed} stopped {stopped} other {{state}}}',
  'cli.progress.queued': 'queued',
  'cli.progress.uploading': 'uploading images',
  'cli.progress.uploadingCount': 'uploading images ({done} of {total})',
  'cli.progress.sending': 'sending',
  'cli.progress.checking': 'checking whether an earlier attempt was posted',
  'cli.progress.waitingUntil': 'will try again at {time}: {reason}',
  'cli.progress.waiting': 'will try again once possible: {reason}',
  'cli.progress.scheduledFor': 'scheduled for {time}',
  'cli.progress.scheduled': 'scheduled for later',
  'cli.progress.posted': 'posted {links}',
  'cli.progress.failed': 'failed: {reason}',
  'cli.progress.noReason': 'no reason given',
  'cli.timeout.where': '--timeout passed. Where each target is:',
  'cli.timeout.passed':
    '--timeout passed with {open} of {count, plural, one {# target} other {# targets}} not settled. They stay in the outbox as they are: `braid outbox retry` finishes them later without posting twice.',
  'cli.timeout.others':
    '--timeout passed: {count, plural, one {# earlier post} other {# earlier posts}} not finished; `braid outbox retry` finishes {count, plural, one {it} other {them}} later.',
  'cli.finishingOthers': 'Finishing {count, plural, one {# earlier post} other {# earlier posts}} that a stopped run left in the outbox…',
  'cli.advise.signIn': '{handle} needs to sign in again: run `braid accounts add {network}`, then `braid outbox retry {job}`.',
  'cli.advise.gone': 'The account {account} is no longer in Braid: `braid outbox discard` removes this post from the outbox.',

  // The outbox (electron/cli/outbox.ts)
  'cli.outbox.empty': 'The outbox is empty.',
  'cli.outbox.entry': '{draft}  sent {time}  “{text}”',
  'cli.outbox.retryHint': '`braid outbox retry` finishes what is not done (stopped and failed targets).',
  'cli.outbox.tooLong': '{handle}: refused as too long; retry it with --as-thread or --cut.',
  'cli.outbox.noTarget': 'No target {job} in the outbox (see braid outbox list).',
  'cli.outbox.nothingToRetry': 'Nothing to retry: every target in the outbox has settled.',
  'cli.outbox.noPost': 'No post {draft} in the outbox (see braid outbox list).',
  'cli.outbox.removed': 'Removed “{text}” from the outbox (what was posted stays posted).',

  // The timeline (electron/cli/timeline.ts)
  'cli.timeline.warning': 'CW: {warning}',
  'cli.timeline.media': '{kind, select, image {image} video {video} gifv {GIF} audio {audio} other {attachment}}',

  // The archive (electron/cli/archive.ts)
  'cli.help.archive': 'Your own posts on every account, kept on this computer: bring them up to date, import, search, export.',
  'cli.help.archive.sync': 'Read every post of your accounts (the whole history the first time, then what is new); stopped with Ctrl-C, the next run resumes.',
  'cli.help.archive.sync.account': 'only this account (handle or id; repeat or separate with commas)',
  'cli.help.archive.import': 'Import an export file offline: a Mastodon account export (.zip), a Bluesky repository (.car) or a Twitter/X archive (.zip).',
  'cli.help.archive.import.file': 'the export file',
  'cli.help.archive.search': 'Search the archive (accents ignored; Japanese and Chinese found inside words).',
  'cli.help.archive.search.query': 'the words to look for',
  'cli.help.archive.search.account': 'only this account’s posts (repeatable)',
  'cli.help.archive.search.network': 'only this network (mastodon, bluesky, twitter; repeatable)',
  'cli.help.archive.search.since': 'posts from this date on (YYYY-MM-DD)',
  'cli.help.archive.search.until': 'posts before this date (YYYY-MM-DD)',
  'cli.help.archive.search.media': 'only posts with pictures or videos',
  'cli.help.archive.search.replies': 'only replies',
  'cli.help.archive.search.noReplies': 'no replies',
  'cli.help.archive.search.best': 'best matches first (default: newest first)',
  'cli.help.archive.export': 'Write the whole archive into a new folder: posts.jsonl, media/ and web pages that open in any browser; then check it.',
  'cli.help.archive.export.dir': 'a folder that does not exist yet, or is empty',
  'cli.help.archive.status': 'How many posts each account’s archive holds, and whether its import is complete.',
  'cli.help.json': 'print the result as JSON',
  'cli.flag.date': 'expected a date such as 2024-05-31.',
  'cli.archive.progress': '{archived, plural, one {# post} other {# posts}} archived ({added} new, page {pages})',
  'cli.archive.waiting': 'the server asks to wait: going on at {time}',
  'cli.archive.synced': 'up to date, {archived, plural, one {# post} other {# posts}} archived ({added} new)',
  'cli.archive.paused': 'stopped at {archived, plural, one {# post} other {# posts}} ({added} new); `braid archive sync` resumes',
  'cli.archive.mediaMissing': '{count, plural, one {# picture or video is} other {# pictures and videos are}} not downloaded yet: the next sync tries again.',
  'cli.archive.importing': '{added, plural, one {# post} other {# posts}} imported so far…',
  'cli.archive.imported': 'Imported {added, plural, one {# new post} other {# new posts}} of {label} ({posts} in the file).',
  'cli.archive.unreadable': '{count, plural, one {# entry} other {# entries}} of the file could not be read and {count, plural, one {was} other {were}} left out.',
  'cli.archive.deleted': '(deleted from its server)',
  'cli.archive.noMatch': 'Nothing in the archive matches.',
  'cli.archive.exporting': 'Exporting: {done} of {total} posts…',
  'cli.archive.checking': 'Checking the export: {done} of {total}…',
  'cli.archive.exported': 'Exported {posts, plural, one {# post} other {# posts}} and {media, plural, one {# media file} other {# media files}} to {dir}',
  'cli.archive.checked': 'Checked: every post is there and every media file matches its hash.',
  'cli.archive.checkFailed': 'The export’s check found problems:',
  'cli.archive.count': '{posts, plural, one {# post} other {# posts}}{deleted, plural, =0 {} one {, # deleted from its server} other {, # deleted from their server}}',
  'cli.archive.stateStopped': 'import stopped part-way: `braid archive sync` resumes it',
  'cli.archive.stateNotComplete': 'the whole history has not been read yet: `braid archive sync`',
  'cli.archive.empty': 'The archive is empty: `braid archive sync` reads your accounts’ posts.',

  // People (electron/cli/people.ts)
  'cli.help.people': 'People: find the ones you follow on your other network, and follow them there.',
  'cli.help.people.find': 'For everyone an account follows, look for the same person on another network, with the evidence (Bridgy Fed, profiles that name each other, their website’s links, a name alone as a maybe).',
  'cli.help.people.find.from': 'the account whose follows to look for',
  'cli.help.people.find.to': 'the account to look with, on the other network (default: the only one there)',
  'cli.help.people.find.fromFile': 'instead of --from: a Twitter/X data export (its zip): the people it followed and its followers, looked for by handle and name only (every match a maybe)',
  'cli.help.people.find.noNames': 'do not search display names where nothing else was found',
  'cli.help.people.find.noWebsites': 'do not read the websites people’s profiles link (their rel="me" links to the other network)',
  'cli.help.people.follow': 'Follow people as one account, one at a time; running it again finishes what a stopped run left (a follow that exists is a success).',
  'cli.help.people.follow.people': 'the people: handles, addresses or ids (as `people find --json` prints them)',
  'cli.help.people.follow.to': 'the account that follows them',
  'cli.people.chooseTo': 'Choose the account to look with: --to ACCOUNT (an account on another network).',
  'cli.people.chooseFrom': 'Say whose people to look for: --from ACCOUNT or --from-file EXPORT.zip.',
  'cli.people.unnamed': 'Handles and names only, every match a maybe: {count, plural, =0 {the export names everyone.} one {# person has no name in the export and was not looked up.} other {# people have no name in the export and were not looked up.}}',
  'cli.people.nobody': 'Name at least one person to follow.',
  'cli.people.looking': '{done} of {total} people looked up…',
  'cli.people.confidence': '{confidence, select, sure {sure} likely {likely} other {maybe}}',
  'cli.people.following': '(following already)',
  'cli.people.evidence': '{kind, select, bridged {bridged by Bridgy Fed} names {{by, select, followed {their profile names this account} other {this account’s profile names them}}{verified, select, yes { (verified link)} other {}}} handle {same username only} website {their website links to this account} other {same name only}}',
  'cli.people.found': 'Found {found} of {total} people.',
  'cli.people.unfinished': '{count, plural, one {# person} other {# people}} could not be looked up (their server failed): run it again later.',
  'cli.people.following.progress': '{done} of {total} followed…',
  'cli.people.followed': 'Followed {done} of {total} as {handle}.{requested, plural, =0 {} one { # of them is a request: that person approves their followers.} other { # of them are requests: those people approve their followers.}}',
} as const satisfies Record<string, string>;

export type CliMessageId = keyof typeof cliEn;
