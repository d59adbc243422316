/**
 * The `braid` command line (commander): every command, flag and help text. Each action opens the
 * core only after its flags have been checked, so a usage error never reaches a server.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { selfLabels, visibilitySchema, type SelfLabel } from '../../shared/domain/draft.ts';
import { addBluesky, addMastodon, environment, listAccounts, removeAccount, type AddOptions } from './accounts.ts';
import { exitCodes, helpText, usageError, type ExitCode } from './exit.ts';
import { discardFromOutbox, listOutbox, retryOutbox } from './outbox.ts';
import { post, type PostOptions } from './post.ts';
import type { Session } from './session.ts';
import { showTimeline } from './timeline.ts';

export interface ProgramDeps {
  /** Opens the core (once). */
  open: () => Promise<Session>;
  /** The exit code the command ended with. */
  done: (code: ExitCode) => void;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Repeatable options start with no default (commander would print "default: []" in the help).
const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)];

function collectLabel(value: string, previous: SelfLabel[] = []): SelfLabel[] {
  const label = selfLabels.find((known) => known === value);
  if (!label) throw new InvalidArgumentError(`Allowed: ${selfLabels.join(', ')}.`);
  return [...previous, label];
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 10_000) throw new InvalidArgumentError('A whole number from 1 to 10000.');
  return number;
}

function seconds(value: string): number {
  const number = Number(value);
  if (!value.trim() || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('A number of seconds above 0, like 300.');
  return number;
}

const timeoutHelp =
  'stop waiting after this many seconds: each target\'s state on stderr, exit 1; the outbox is left as it is, and braid outbox retry finishes it later (default: wait until every target has settled)';

const aboutSecrets = `
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
  ${environment.mastodonInstance}, ${environment.mastodonToken}   a Mastodon server and an access token
      made there (Preferences → Development → New application; scopes read, write)
  ${environment.blueskyHandle}, ${environment.blueskyPassword}   a Bluesky handle and an app password`;

const postExamples = `
Examples:
  braid post "Braid 1.2 is out: https://example.com/1.2"
  braid post --file notes.txt --split --to amy@mastodon.social --to alice.bsky.social
  git log -1 --format=%B | braid post - --image shot.png --alt "The new timeline" --json
  braid post "Release 1.2" --key release-1.2 --dry-run`;

export function buildProgram({ open, done }: ProgramDeps): Command {
  const program = new Command('braid')
    .description('Braid on the command line: cross-post to Mastodon and Bluesky, on the same accounts, rules and outbox as the app.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(braid --help shows the commands; braid COMMAND --help their flags)')
    .addHelpText('after', `${aboutSecrets}\n${helpText}`);

  program
    .command('post')
    .description('Post to your accounts, wait until every target has settled: progress on stderr, results on stdout.')
    .argument('[text]', 'the text; - reads it from stdin')
    .option('-f, --file <file>', 'read the text from a file (- for stdin)')
    .option('--to <account>', 'an account: its id, handle (amy@mastodon.social, alice.bsky.social) or handle@server; repeatable or comma-separated (default: the accounts that post by default)', collectList)
    .option('--image <file>', 'attach an image (repeatable, up to 4)', collect)
    .option('--alt <text>', 'the description of the --image in the same place (repeatable)', collect)
    .option('--cw <text>', 'a content warning (Mastodon); Bluesky has no written warning: add a --label')
    .option('--label <label>', `a Bluesky self-label, repeatable: ${selfLabels.join(', ')}`, collectLabel)
    .addOption(new Option('--visibility <visibility>', 'who sees it on Mastodon (Bluesky is always public)').choices(visibilitySchema.options).default('public'))
    .option('--lang <tag>', 'the language, like en or pt-BR')
    .option('--split', 'allow a numbered thread where the text is too long (without it: refused, exit 2)')
    .option('--dry-run', 'print exactly what each account would get, and send nothing')
    .option('--json', 'print one JSON object on stdout: each target with its state, links and error')
    .option('--key <key>', 'an idempotency key: the same command with the same key resumes the post instead of sending it again')
    .option('--timeout <seconds>', timeoutHelp, seconds)
    .addHelpText('after', `${postExamples}\n${helpText}`)
    .action(async (text: string | undefined, options: Partial<PostOptions> & Pick<PostOptions, 'visibility'>) =>
      done(await post(open, text, { ...options, to: options.to ?? [], image: options.image ?? [], alt: options.alt ?? [], label: options.label ?? [] })),
    );

  const accounts = program.command('accounts').description('Sign in, list and remove accounts.');
  accounts
    .command('add')
    .description('Sign in: in the terminal, or from the environment (--from-env, or whenever the token or app password variable is set).')
    .addArgument(new Argument('<network>', 'mastodon or bluesky').choices(['mastodon', 'bluesky']))
    .option('--from-env', `sign in from ${environment.mastodonInstance} + ${environment.mastodonToken}, or ${environment.blueskyHandle} + ${environment.blueskyPassword}`)
    .option('--instance <server>', 'Mastodon: the server (like mastodon.social)')
    .option('--handle <handle>', 'Bluesky: the handle (like alice.bsky.social)')
    .option('--loopback', 'Mastodon: let the browser come back to Braid on this machine, instead of pasting a code')
    .option('--json', 'print the account as JSON')
    .addHelpText('after', aboutSecrets)
    .action(async (network: 'mastodon' | 'bluesky', options: AddOptions) => {
      const session = await open();
      await (network === 'mastodon' ? addMastodon(session, options) : addBluesky(session, options));
      done(exitCodes.ok);
    });
  accounts
    .command('list')
    .description('The accounts Braid posts as.')
    .option('--check', 'ask each server whether the sign-in still works')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean; check?: boolean }) => {
      await listAccounts(await open(), options);
      done(exitCodes.ok);
    });
  accounts
    .command('remove')
    .description('Sign out and remove an account from Braid.')
    .argument('<account>', 'its id, handle or handle@server')
    .action(async (name: string) => {
      await removeAccount(await open(), name);
      done(exitCodes.ok);
    });

  const outbox = program.command('outbox').description('Posts sent and where each target is; finish what a stopped run left.');
  outbox
    .command('list')
    .description('Every post in the outbox, with each target’s state.')
    .option('--json', 'print it as JSON')
    .action(async (options: { json?: boolean }) => {
      await listOutbox(await open(), options);
      done(exitCodes.ok);
    });
  outbox
    .command('retry')
    .description('Resume what a stopped run left and try failed targets again (never posting twice), then wait until all have settled.')
    .argument('[job]', 'only this target (a job id from braid outbox list)')
    .option('--as-thread', 'a target its server refused as too long: send it as a numbered thread')
    .option('--cut', 'a target its server refused as too long: cut it to fit, ending with …')
    .option('--json', 'print the results as JSON')
    .option('--timeout <seconds>', timeoutHelp, seconds)
    .addHelpText('after', helpText)
    .action(async (job: string | undefined, options: { json?: boolean; timeout?: number; asThread?: boolean; cut?: boolean }) => {
      if (options.asThread && options.cut) throw usageError('Choose one: --as-thread or --cut.');
      const fix = options.asThread ? 'thread' : options.cut ? 'cut' : undefined;
      done(await retryOutbox(await open(), job, { ...options, fix }));
    });
  outbox
    .command('discard')
    .description('Remove a post from the outbox: targets not posted yet are cancelled; what was posted stays.')
    .argument('<draft>', 'its id (from braid outbox list)')
    .action(async (draftId: string) => {
      await discardFromOutbox(await open(), draftId);
      done(exitCodes.ok);
    });

  program
    .command('timeline')
    .description('The merged home timeline, refreshed, newest first.')
    .option('-n, --limit <n>', 'how many items', positiveInteger, 20)
    .option('--json', 'print the items as JSON')
    .action(async (options: { limit: number; json?: boolean }) => done(await showTimeline(await open(), options)));

  return program;
}
