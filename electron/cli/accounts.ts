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
import { coreWords, words } from './words.ts';

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
  if (!value) throw setupError({ id: 'cli.accounts.notSet', values: { variable: name } });
  return value;
}

function signedIn(session: Session, account: AccountSummary, json: boolean): void {
  if (json) print(JSON.stringify(accountJson(account)));
  else print(words('cli.accounts.signedIn', { account: describeAccount(account), id: account.id }));
  say(words('cli.accounts.secrets', { how: session.core.secrets.description }));
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
      if (error instanceof ServerError) {
        const values = { server: oneLine(instance), variable: environment.mastodonToken };
        throw new CliError((translate) => translate('cli.accounts.signInFailed', { ...values, message: coreWords(error, translate) }), signInExitCode(error));
      }
      throw error;
    }
    return;
  }
  const instance = options.instance ?? env(environment.mastodonInstance) ?? (await ask(words('cli.accounts.askServer')));
  const mode = options.loopback ? 'loopback' : 'oob';
  const begun = await session.call('accounts.mastodon.begin', { instance, mode }, signInExitCode);
  say(words('cli.accounts.openPage', { url: begun.authorizeUrl }));
  let account: AccountSummary;
  if (mode === 'loopback') {
    say(words('cli.accounts.waitingForBrowser'));
    account = await session.call('accounts.mastodon.await', { flowId: begun.flowId }, signInExitCode);
  } else {
    const code = await ask(words('cli.accounts.askCode'), { secret: true });
    account = await session.call('accounts.mastodon.finish', { flowId: begun.flowId, code }, signInExitCode);
  }
  signedIn(session, account, Boolean(options.json));
}

export async function addBluesky(session: Session, options: AddOptions): Promise<void> {
  const passwordFromEnv = options.fromEnv || env(environment.blueskyPassword) !== undefined;
  const identifier = options.handle ?? (passwordFromEnv ? required(environment.blueskyHandle) : (env(environment.blueskyHandle) ?? (await ask(words('cli.accounts.askHandle')))));
  if (!passwordFromEnv) say(words('cli.accounts.appPasswordHint'));
  const password = passwordFromEnv ? required(environment.blueskyPassword) : await ask(words('cli.accounts.askAppPassword'), { secret: true });
  const signIn = (authFactorToken?: string) => session.call('accounts.bluesky.signIn', { identifier, password, ...(authFactorToken ? { authFactorToken } : {}) }, signInExitCode);
  try {
    signedIn(session, await signIn(), Boolean(options.json));
  } catch (error) {
    const needsCode = error instanceof CliError && error.code === 'auth_factor_required' && !passwordFromEnv;
    if (!needsCode) throw error;
    say(error.message);
    signedIn(session, await signIn(await ask(words('cli.accounts.askEmailCode'), { secret: true })), Boolean(options.json));
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

export async function listAccounts(session: Session, { json = false, check = false }): Promise<void> {
  const accounts = await session.call(check ? 'accounts.check' : 'accounts.list');
  if (json) {
    print(JSON.stringify(accounts.map(accountJson)));
    if (check) failUnlessAllOk(accounts);
    return;
  }
  if (accounts.length === 0) {
    say(words('cli.accounts.noneYet'));
    return;
  }
  for (const account of accounts) {
    const flags = [words('cli.accounts.status', { status: account.status }), words(account.postByDefault ? 'cli.accounts.postsByDefault' : 'cli.accounts.onlyWithTo')].join(', ');
    print(`${account.id}\n  ${describeAccount(account)}  ${oneLine(account.displayName)}  [${flags}]`);
  }
  if (check) failUnlessAllOk(accounts);
}

/** After --check, a script learns from the exit code too: 3 when one needs signing in again, else 1 when a server is not reachable. */
function failUnlessAllOk(accounts: AccountSummary[]): void {
  const expired = accounts.filter((account) => account.status === 'auth_expired');
  const unreachable = accounts.filter((account) => account.status === 'unreachable');
  if (expired.length > 0) throw new CliError({ id: 'cli.accounts.mustSignIn', values: { accounts: expired.map(describeAccount).join(', ') } }, exitCodes.setup);
  if (unreachable.length > 0) throw new CliError({ id: 'cli.accounts.noAnswer', values: { accounts: unreachable.map(describeAccount).join(', ') } }, exitCodes.failed);
}

export async function removeAccount(session: Session, name: string): Promise<void> {
  const account = findAccount(await session.call('accounts.list'), name);
  await session.call('accounts.remove', { id: account.id });
  print(words('cli.accounts.removed', { account: describeAccount(account) }));
}
