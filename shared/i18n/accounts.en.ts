/** The accounts screens' words in English (part of en.ts; see there). */
export const accountsEn = {
  // The overview
  'accounts.title': 'Your accounts',
  'accounts.status.ok': 'Signed in',
  'accounts.status.authExpired': 'Needs sign-in: the server no longer accepts Braid’s access',
  'accounts.status.unreachable': 'Server unreachable: Braid will try again',
  'accounts.postByDefault': 'Post here by default',
  'accounts.signInAgain': 'Sign in again',
  'accounts.removeLabel': 'Remove {handle}',
  'accounts.removeConfirm': 'Remove @{handle} from Braid? Braid signs it out on its server too.',
  'accounts.remove': 'Remove',

  // The rail
  'accounts.rail.label': 'Accounts',
  'accounts.rail.brand': 'Braid',
  'accounts.rail.account':
    '{name} · @{handle} · {network}{status, select, auth_expired { (needs sign-in)} unreachable { (server unreachable)} other {}}{count, plural, =0 {} other { · # unread}}',
  'accounts.rail.unreadFor': 'unread for @{handle}',
  'accounts.rail.add': 'Add account',

  // First run
  'accounts.first.title': 'Add your first account',
  'accounts.first.intro': 'Braid reads and posts for your Mastodon and Bluesky accounts, as many as you like: one home timeline, and one composer that posts everywhere.',
  'accounts.first.add': 'Add {network} account',

  // Signing in
  'accounts.add.title': 'Add an account',
  'accounts.add.network': 'Network',
  'accounts.approve.intro': 'Approve Braid on <strong>{host}</strong>: the server asks for your password on its own page, never Braid.',
  'accounts.approve.introCode': 'Approve Braid on <strong>{host}</strong>: the server asks for your password on its own page, never Braid. It then shows a code to paste here.',
  'accounts.approve.open': 'Open {host} to approve Braid',
  'accounts.approve.waiting': 'Waiting for {host}… Braid continues by itself once you approve.',
  'accounts.approve.startAgain': 'Start again',
  'accounts.cancel': 'Cancel',
  'accounts.signIn': 'Sign in',
  'accounts.signingIn': 'Signing in…',
  'accounts.signInWithBrowser': 'Sign in with your browser',
  'accounts.bluesky.finding': 'Finding your server…',
  'accounts.bluesky.useAppPassword': 'Use an app password instead',
  'accounts.bluesky.identifier': 'Handle or e-mail',
  'accounts.bluesky.identifierPlaceholder': 'you.bsky.social',
  'accounts.bluesky.appPassword': 'App password',
  'accounts.bluesky.appPasswordHint': 'Make one for Braid in Bluesky: Settings → Privacy and security → App passwords. Braid keeps it encrypted.',
  'accounts.bluesky.code': 'Code from your e-mail',
  'accounts.bluesky.browserInstead': 'Sign in with your browser instead',
  'accounts.mastodon.server': 'Your Mastodon server',
  'accounts.mastodon.serverPlaceholder': 'mastodon.social',
  'accounts.mastodon.serverHint': 'The address of your server, or your full handle like @you@mastodon.social.',
  'accounts.mastodon.contacting': 'Contacting the server…',
  'accounts.mastodon.codeInstead': 'Sign in with a code instead',
  'accounts.mastodon.useToken': 'Use an access token',
  'accounts.mastodon.pasteCode': 'The page shows a code? Paste it instead',
  'accounts.mastodon.codeFrom': 'Code from {host}',
  'accounts.mastodon.finish': 'Finish signing in',
  'accounts.mastodon.token': 'Access token',
  'accounts.mastodon.tokenHint':
    'Make one on your server: Preferences → Development → New application, with the scopes read and write. Braid keeps it like a sign-in and never shows it again.',
  'accounts.mastodon.signInWithToken': 'Sign in with this token',
  'accounts.mastodon.checkingToken': 'Checking the token…',
} as const satisfies Record<string, string>;
