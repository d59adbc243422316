/**
 * `braid accounts add|list|remove`. Sign-in is interactive in a terminal (Mastodon: the server's
 * page, then its code pasted here or the browser coming back to Braid; Bluesky: an app password
 * typed without echo), or non-interactive from environment variables for scripts and CI.
 * Secrets are read from the environment or the terminal only: never from arguments, never shown.
 */
import type { AppError } from '../../shared/contract.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import { ServerError } from '../core/base/errors.ts';
import { describeAccount, findAccount } from './account-names.ts';
import { CliError, exitCodes, setupError, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { ask, oneLine, print, say } from './terminal.ts';

export const environment = {
  mastodonInstance: 'BRAID_MASTODON_INSTANCE',
  mastodonToken: 'BRAID_MASTODON_TOKEN',
  blueskyHandle: 'BRAID_BLUESKY_HANDLE',
  blueskyPassword: 'BRAID_BLUESKY_APP_PASSWORD',
} as const;

/** A sign-in that did not work is a configuration problem, unless no server answered. */
const signInExitCode = (error: Pick<AppError, 'code'>): ExitCode =>
  error.code === 'network' || error.code === 'server' || error.code === 'rate_limited' || error.code === 'internal' ? exitCodes.failed : exitCodes.setup;

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

function required(name: string): string {
  const value = env(name);
  if (!value) throw setupError(`--from-env: ${name} is not set.`);
  return value;
}

function signedIn(session: Session, account: AccountSummary, json: boolean): void {
  if (json) print(JSON.stringify(accountJson(account)));
  else print(`Signed in: ${describeAccount(account)}  ${account.id}`);
  say(`braid: account secrets are encrypted with ${session.core.secrets.description}.`);
}

export interface AddOptions {
  fromEnv?: boolean;
  instance?: string;
  handle?: string;
  loopback?: boolean;
  json?: boolean;
}

export async function addMastodon(session: Session, options: AddOptions): Promise<void> {
  const tokenFromEnv = options.fromEnv || env(environment.mastodonToken) !== undefined;
  if (tokenFromEnv) {
    const instance = options.instance ?? required(environment.mastodonInstance);
    const token = required(environment.mastodonToken);
    try {
      signedIn(session, await session.core.addToken('mastodon', instance, token), Boolean(options.json));
    } catch (error) {
      if (error instanceof ServerError) throw new CliError(`Signing in to ${oneLine(instance)} with ${environment.mastodonToken}: ${error.message}`, signInExitCode(error));
      throw error;
    }
    return;
  }
  const instance = options.instance ?? env(environment.mastodonInstance) ?? (await ask('Your Mastodon server (like mastodon.social): '));
  const mode = options.loopback ? 'loopback' : 'oob';
  const begun = await session.call('accounts.mastodon.begin', { instance, mode }, signInExitCode);
  say(`Open this page in a browser, sign in there and approve Braid:\n\n  ${begun.authorizeUrl}\n`);
  let account: AccountSummary;
  if (mode === 'loopback') {
    say('Waiting for the browser to come back to Braid…');
    account = await session.call('accounts.mastodon.await', { flowId: begun.flowId }, signInExitCode);
  } else {
    const code = await ask('Then paste the code the server shows: ', { secret: true });
    account = await session.call('accounts.mastodon.finish', { flowId: begun.flowId, code }, signInExitCode);
  }
  signedIn(session, account, Boolean(options.json));
}

export async function addBluesky(session: Session, options: AddOptions): Promise<void> {
  const passwordFromEnv = options.fromEnv || env(environment.blueskyPassword) !== undefined;
  const identifier = options.handle ?? (passwordFromEnv ? required(environment.blueskyHandle) : (env(environment.blueskyHandle) ?? (await ask('Your Bluesky handle (like alice.bsky.social): '))));
  if (!passwordFromEnv) say('Use an app password (Bluesky: Settings → Privacy and security → App passwords), not your main password.');
  const password = passwordFromEnv ? required(environment.blueskyPassword) : await ask('App password: ', { secret: true });
  const signIn = (authFactorToken?: string) => session.call('accounts.bluesky.signIn', { identifier, password, ...(authFactorToken ? { authFactorToken } : {}) }, signInExitCode);
  try {
    signedIn(session, await signIn(), Boolean(options.json));
  } catch (error) {
    const needsCode = error instanceof CliError && error.code === 'auth_factor_required' && !passwordFromEnv;
    if (!needsCode) throw error;
    say(error.message);
    signedIn(session, await signIn(await ask('Code from the e-mail: ', { secret: true })), Boolean(options.json));
  }
}

/** What --json shows of an account: never a secret (the core has none to give). */
export const accountJson = (account: AccountSummary) => ({
  id: account.id,
  network: account.network,
  handle: account.handle,
  server: account.server,
  displayName: account.displayName,
  status: account.status,
  postByDefault: account.postByDefault,
});

const statusWords: Record<AccountSummary['status'], string> = {
  ok: 'signed in',
  auth_expired: 'needs to sign in again',
  unreachable: 'server not reachable',
};

export async function listAccounts(session: Session, { json = false, check = false }): Promise<void> {
  const accounts = await session.call(check ? 'accounts.check' : 'accounts.list');
  if (json) {
    print(JSON.stringify(accounts.map(accountJson)));
    if (check) failUnlessAllOk(accounts);
    return;
  }
  if (accounts.length === 0) {
    say('No accounts yet: add one with `braid accounts add mastodon` or `braid accounts add bluesky`.');
    return;
  }
  for (const account of accounts) {
    const flags = [statusWords[account.status], account.postByDefault ? 'posts by default' : 'only with --to'].join(', ');
    print(`${account.id}\n  ${describeAccount(account)}  ${oneLine(account.displayName)}  [${flags}]`);
  }
  if (check) failUnlessAllOk(accounts);
}

/** After --check, a script learns from the exit code too: 3 when one needs signing in again, else 1 when a server is not reachable. */
function failUnlessAllOk(accounts: AccountSummary[]): void {
  const expired = accounts.filter((account) => account.status === 'auth_expired');
  const unreachable = accounts.filter((account) => account.status === 'unreachable');
  if (expired.length > 0) throw new CliError(`${expired.map(describeAccount).join(', ')} must sign in again (braid accounts add).`, exitCodes.setup);
  if (unreachable.length > 0) throw new CliError(`${unreachable.map(describeAccount).join(', ')}: the server did not answer.`, exitCodes.failed);
}

export async function removeAccount(session: Session, name: string): Promise<void> {
  const account = findAccount(await session.call('accounts.list'), name);
  await session.call('accounts.remove', { id: account.id });
  print(`Removed ${describeAccount(account)}`);
}
