/**
 * Naming an account on the command line: its id (mastodon:host:id, bluesky:did), its handle
 * (amy@mastodon.social, alice.bsky.social, with or without a leading @), a Bluesky handle with
 * its server (alice.bsky.social@pds.example), or a Mastodon user name alone when only one
 * account has it.
 */
import type { AccountSummary } from '../../shared/domain/account.ts';
import { setupError } from './exit.ts';
import { oneLine } from './terminal.ts';

export const describeAccount = (account: AccountSummary) => `${oneLine(account.handle)} (${account.network})`;

function candidates(accounts: readonly AccountSummary[], name: string): AccountSummary[] {
  const byId = accounts.filter((account) => account.id === name);
  if (byId.length) return byId;
  const wanted = name.trim().replace(/^@/, '').toLowerCase();
  const exact = accounts.filter(
    (account) => account.handle.toLowerCase() === wanted || `${account.handle}@${account.server}`.toLowerCase() === wanted,
  );
  if (exact.length) return exact;
  return accounts.filter((account) => account.network === 'mastodon' && account.handle.toLowerCase().split('@')[0] === wanted);
}

/** The one account `name` means; a CliError (configuration) when none or several. */
export function findAccount(accounts: readonly AccountSummary[], name: string): AccountSummary {
  const found = candidates(accounts, name);
  if (found.length === 1) return found[0]!;
  const known = accounts.map((account) => `  ${account.id}  ${describeAccount(account)}`).join('\n');
  if (found.length === 0) {
    throw setupError(accounts.length ? { id: 'cli.accounts.unknown', values: { name: oneLine(name), known } } : { id: 'cli.accounts.none' });
  }
  const ids = found.map((account) => `  ${account.id}  ${describeAccount(account)}`).join('\n');
  throw setupError({ id: 'cli.accounts.ambiguous', values: { name: oneLine(name), found: ids } });
}

/** The accounts a post goes to: the ones named (in order, each once), else the default set. */
export function chooseTargets(accounts: readonly AccountSummary[], names: readonly string[]): AccountSummary[] {
  if (accounts.length === 0) {
    throw setupError({ id: 'cli.accounts.none' });
  }
  if (names.length === 0) {
    const defaults = accounts.filter((account) => account.postByDefault);
    if (defaults.length === 0) throw setupError({ id: 'cli.accounts.noDefault' });
    return defaults;
  }
  const chosen = names.map((name) => findAccount(accounts, name));
  return chosen.filter((account, index) => chosen.indexOf(account) === index);
}
