/**
 * Accounts across networks: the registry of who Braid acts as, checks, removal. Each network's
 * module signs in, keeps its own secrets and talks to its servers; this service keeps the table,
 * the reachability seen lately, and tells every window when the list changes. The renderer only
 * ever sees AccountSummary.
 */
import type { AccountStatus, AccountSummary, Network } from '../../../shared/domain/account.ts';
import { phrase, ServerError } from '../base/errors.ts';
import type { EventHub } from '../events.ts';
import type { NetworkModule, SignedInAccount } from '../networks/network.ts';
import type { Database } from '../store/database.ts';
import { deleteAccount, findAccount, listAccounts, saveAccount, setAccountStatus, setPostByDefault } from './registry.ts';

export interface AccountsDeps {
  db: Database;
  events: EventHub;
  /** The module of a network (from the registry, built after this service: called lazily). */
  network: (network: Network) => NetworkModule;
}

export function createAccountsService({ db, events, network }: AccountsDeps) {
  const unreachable = new Set<string>();
  const list = (): AccountSummary[] =>
    listAccounts(db).map((account) => (account.status === 'ok' && unreachable.has(account.id) ? { ...account, status: 'unreachable' } : account));
  const changed = () => events.emit('accounts.changed', list());
  const markExpired = (id: string) => {
    setAccountStatus(db, id, 'auth_expired');
    changed();
  };
  const find = (id: string): AccountSummary => {
    const account = findAccount(db, id);
    if (!account) throw new ServerError('not_found', phrase('error.accountGone'));
    return account;
  };

  /** Asks the account's server whether its credentials still work; records the answer. */
  async function check(account: AccountSummary): Promise<AccountStatus> {
    let status: AccountStatus | 'unchanged' = 'ok';
    try {
      await network(account.network).accounts.check(account.id);
    } catch (error) {
      const code = error instanceof ServerError ? error.code : 'network';
      // Anything else (rate limited, an odd answer) says nothing about the sign-in: keep the state.
      status = code === 'auth_expired' ? 'auth_expired' : code === 'network' || code === 'server' ? 'unreachable' : 'unchanged';
    }
    if (status === 'unchanged') return account.status;
    if (status === 'auth_expired') setAccountStatus(db, account.id, 'auth_expired');
    else {
      if (status === 'ok' && account.status === 'auth_expired') setAccountStatus(db, account.id, 'ok');
      if (status === 'unreachable') unreachable.add(account.id);
      else unreachable.delete(account.id);
    }
    return status;
  }

  return {
    list,
    markExpired,

    /** A network module signed an account in: it joins (or, signed in again, keeps its place and choices). */
    save(account: SignedInAccount): AccountSummary {
      saveAccount(db, account);
      unreachable.delete(account.id);
      changed();
      return find(account.id);
    },

    /** Signs in with a token made on the server, for scripts and CI (a host's call, never the renderer's). */
    async signInWithToken(networkId: Network, server: string, token: string): Promise<AccountSummary> {
      const signIn = network(networkId).accounts.signInWithToken;
      if (!signIn) throw new ServerError('not_supported', phrase('error.signIn.noTokens', { network: network(networkId).info.name }));
      return signIn(server, token);
    },

    /** Checks every account with its server (no new sign-in), one failing never blocking another. */
    async checkAll(): Promise<AccountSummary[]> {
      await Promise.all(listAccounts(db).map((account) => check(account)));
      changed();
      return list();
    },

    async remove(id: string): Promise<void> {
      const account = find(id);
      await network(account.network).accounts.signOut(id);
      deleteAccount(db, id);
      unreachable.delete(id);
      changed();
    },

    setPostByDefault(id: string, postByDefault: boolean): AccountSummary[] {
      if (!setPostByDefault(db, id, postByDefault)) throw new ServerError('not_found', phrase('error.accountGone'));
      changed();
      return list();
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
