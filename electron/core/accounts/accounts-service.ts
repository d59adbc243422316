/**
 * Accounts: sign-in on both networks, the registry, checks, removal. Secrets go to the
 * SecretStore, everything else to the database; the renderer only ever sees AccountSummary.
 */
import type { Agent } from '@atproto/api';
import type { AccountStatus, AccountSummary } from '../../../shared/domain/account.ts';
import type { EventHub } from '../events.ts';
import { ServerError } from '../http/http-json.ts';
import { createIdentityResolver, type BlueskyDirectory } from '../networks/bluesky/identity.ts';
import { createBlueskyOAuth } from '../networks/bluesky/oauth-sign-in.ts';
import { blueskyAccountId, createBlueskySessions } from '../networks/bluesky/sessions.ts';
import { fetchLimits, verifyCredentials } from '../networks/mastodon/account-api.ts';
import { instanceOrigin } from '../networks/mastodon/instance-address.ts';
import { discoverAuthServer, refreshTokens, revokeToken } from '../networks/mastodon/oauth.ts';
import { createMastodonSignIn, type MastodonSignInResult } from '../networks/mastodon/sign-in.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Database } from '../store/database.ts';
import { deleteCredentials, readCredentials, writeCredentials, type MastodonCredentials } from './credentials.ts';
import { deleteAccount, findAccount, listAccounts, saveAccount, setAccountStatus, setPostByDefault } from './registry.ts';

export interface AccountsDeps {
  db: Database;
  secrets: SecretStore;
  events: EventHub;
  bluesky: BlueskyDirectory;
}

/** Avatars are shown only from https: never mixed content, never a local address. */
const safeAvatar = (url: string | null | undefined) => (url && url.startsWith('https://') ? url : null);

export function createAccountsService({ db, secrets, events, bluesky }: AccountsDeps) {
  const unreachable = new Set<string>();
  const list = (): AccountSummary[] =>
    listAccounts(db).map((account) => (account.status === 'ok' && unreachable.has(account.id) ? { ...account, status: 'unreachable' } : account));
  const changed = () => events.emit('accounts.changed', list());
  const markExpired = (id: string) => {
    setAccountStatus(db, id, 'auth_expired');
    changed();
  };

  const mastodon = createMastodonSignIn(db, secrets);
  const identity = createIdentityResolver(bluesky);
  const blueskySessions = createBlueskySessions(secrets, markExpired);
  const oauthKey = (did: string) => `bluesky-oauth:${did}`;
  const blueskyOAuth = createBlueskyOAuth({
    directory: bluesky,
    stores: {
      sessions: {
        get: (did) => {
          const read = secrets.read(oauthKey(did));
          return read.ok ? (read.value ?? undefined) : undefined;
        },
        set: (did, value) => secrets.write(oauthKey(did), value),
        del: (did) => secrets.delete(oauthKey(did)),
      },
    },
  });

  /** The account's agent: its OAuth session, or its app-password session, resumed. */
  async function blueskyAgent(id: string): Promise<Agent> {
    const credentials = readCredentials(secrets, id);
    if (credentials?.network === 'bluesky-oauth') return blueskyOAuth.restore(credentials.did);
    return blueskySessions.agentFor(id);
  }

  async function saveBluesky(agent: Agent, did: string, handle: string, pdsUrl: string): Promise<AccountSummary> {
    const profile = await agent.getProfile({ actor: did }).then(
      (response) => response.data,
      () => null, // a brand-new account may not be indexed yet: its handle will do
    );
    const id = blueskyAccountId(did);
    saveAccount(db, {
      id,
      network: 'bluesky',
      server: new URL(pdsUrl).host,
      handle,
      displayName: profile?.displayName ?? '',
      avatarUrl: safeAvatar(profile?.avatar),
    });
    unreachable.delete(id);
    changed();
    return findAccount(db, id)!;
  }

  function saveMastodon(result: MastodonSignInResult): AccountSummary {
    const host = new URL(result.origin).host;
    const id = `mastodon:${host}:${result.account.id}`;
    const credentials: MastodonCredentials = {
      network: 'mastodon',
      origin: result.origin,
      clientId: result.app.clientId,
      clientSecret: result.app.clientSecret,
      accessToken: result.tokens.accessToken,
      ...(result.tokens.refreshToken ? { refreshToken: result.tokens.refreshToken } : {}),
      ...(result.tokens.expiresAt ? { expiresAt: result.tokens.expiresAt } : {}),
    };
    writeCredentials(secrets, id, credentials);
    saveAccount(db, {
      id,
      network: 'mastodon',
      server: host,
      handle: `${result.account.username}@${host}`,
      displayName: result.account.displayName,
      avatarUrl: safeAvatar(result.account.avatar),
      limits: result.limits,
    });
    unreachable.delete(id);
    changed();
    return findAccount(db, id)!;
  }

  const refreshing = new Map<string, Promise<string>>();

  /**
   * A Mastodon access token that works now: refreshed first where the server made it expire.
   * One refresh per account at a time: servers that rotate refresh tokens refuse the second use.
   */
  function mastodonToken(id: string, credentials: MastodonCredentials): Promise<string> {
    if (!credentials.expiresAt || credentials.expiresAt > Date.now() + 60_000) return Promise.resolve(credentials.accessToken);
    const inFlight = refreshing.get(id);
    if (inFlight) return inFlight;
    const refresh = refreshMastodon(id, credentials).finally(() => refreshing.delete(id));
    refreshing.set(id, refresh);
    return refresh;
  }

  async function refreshMastodon(id: string, credentials: MastodonCredentials): Promise<string> {
    if (!credentials.refreshToken) throw new ServerError('auth_expired', 'The session ended: sign in again.');
    const server = await discoverAuthServer(credentials.origin);
    const tokens = await refreshTokens(server, { clientId: credentials.clientId, clientSecret: credentials.clientSecret }, credentials.refreshToken);
    const refreshed: MastodonCredentials = {
      ...credentials,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? credentials.refreshToken,
      ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
    };
    writeCredentials(secrets, id, refreshed);
    return refreshed.accessToken;
  }

  /** Asks the account's server whether its credentials still work; records the answer. */
  async function check(account: AccountSummary): Promise<AccountStatus> {
    const credentials = readCredentials(secrets, account.id);
    let status: AccountStatus | 'unchanged' = 'ok';
    try {
      if (!credentials) throw new ServerError('auth_expired', 'No usable credentials.');
      if (credentials.network === 'mastodon') {
        await verifyCredentials(credentials.origin, await mastodonToken(account.id, credentials));
      } else {
        const agent = await blueskyAgent(account.id);
        await agent.com.atproto.server.getSession();
      }
    } catch (error) {
      const code = error instanceof ServerError ? error.code : 'network';
      // Anything else (rate limited, an odd answer) says nothing about the sign-in: keep the state.
      status = code === 'auth_expired' ? 'auth_expired' : code === 'network' || code === 'server' ? 'unreachable' : 'unchanged';
    }
    if (status === 'unchanged') return account.status;
    if (status === 'auth_expired') setAccountStatus(db, account.id, 'auth_expired');
    else {
      if (status === 'ok' && account.status === 'auth_expired' && credentials) setAccountStatus(db, account.id, 'ok');
      if (status === 'unreachable') unreachable.add(account.id);
      else unreachable.delete(account.id);
    }
    return status;
  }

  return {
    list,

    beginMastodon: (instance: string, mode: 'loopback' | 'oob') => mastodon.begin(instance, mode),
    awaitMastodon: async (flowId: string) => saveMastodon(await mastodon.awaitRedirect(flowId)),
    finishMastodon: async (flowId: string, code: string) => saveMastodon(await mastodon.finishWithCode(flowId, code)),
    cancelMastodon: (flowId: string) => mastodon.cancel(flowId),

    /**
     * Signs in with an access token made on the server (Preferences → Development), for scripts
     * and CI: checked and stored like a sign-in's, with no app of Braid's (so no refresh).
     */
    async addMastodonToken(instance: string, accessToken: string): Promise<AccountSummary> {
      const token = accessToken.trim();
      if (!token) throw new ServerError('invalid_input', 'An access token is needed to sign in with one.');
      const origin = instanceOrigin(instance);
      const account = await verifyCredentials(origin, token);
      return saveMastodon({ origin, app: { clientId: '', clientSecret: '' }, tokens: { accessToken: token }, account, limits: await fetchLimits(origin) });
    },

    async signInBluesky(input: { identifier: string; password: string; authFactorToken?: string | undefined }): Promise<AccountSummary> {
      if (!input.password) throw new ServerError('invalid_input', 'Type an app password for Braid.');
      const target = await identity.signInTarget(input.identifier);
      const service = target.kind === 'pds' ? target.identity.pdsUrl : target.url;
      const identifier = target.kind === 'pds' ? target.identity.did : input.identifier.trim();
      const signedIn = await blueskySessions.signIn(service, identifier, input.password, input.authFactorToken);
      return saveBluesky(signedIn.agent, signedIn.did, signedIn.handle, signedIn.pdsUrl);
    },

    beginBlueskyOAuth: (identifier: string) => blueskyOAuth.begin(identifier),
    cancelBlueskyOAuth: (flowId: string) => blueskyOAuth.cancel(flowId),
    async awaitBlueskyOAuth(flowId: string): Promise<AccountSummary> {
      const identity = await blueskyOAuth.await(flowId);
      const id = blueskyAccountId(identity.did);
      blueskySessions.forget(id); // an earlier app-password session of this account is replaced
      writeCredentials(secrets, id, { network: 'bluesky-oauth', did: identity.did });
      return saveBluesky(await blueskyOAuth.restore(identity.did), identity.did, identity.handle, identity.pdsUrl);
    },

    /** Checks every account with its server (no new sign-in), one failing never blocking another. */
    async checkAll(): Promise<AccountSummary[]> {
      await Promise.all(listAccounts(db).map((account) => check(account)));
      changed();
      return list();
    },

    async remove(id: string): Promise<void> {
      const account = findAccount(db, id);
      if (!account) throw new ServerError('not_found', 'This account is not in Braid any more.');
      const credentials = readCredentials(secrets, id);
      // A token the user made themselves (no clientId) may serve other tools: it is theirs to revoke.
      if (credentials?.network === 'mastodon' && credentials.clientId) {
        const server = await discoverAuthServer(credentials.origin).catch(() => null);
        if (server) await revokeToken(server, { clientId: credentials.clientId, clientSecret: credentials.clientSecret }, credentials.accessToken);
      }
      if (credentials?.network === 'bluesky') {
        const agent = await blueskySessions.agentFor(id).catch(() => null);
        await agent?.logout().catch(() => undefined); // ends the session on the server too
      }
      if (credentials?.network === 'bluesky-oauth') await blueskyOAuth.signOut(credentials.did);
      blueskySessions.forget(id);
      deleteCredentials(secrets, id);
      deleteAccount(db, id);
      unreachable.delete(id);
      changed();
    },

    setPostByDefault(id: string, postByDefault: boolean): AccountSummary[] {
      if (!setPostByDefault(db, id, postByDefault)) throw new ServerError('not_found', 'This account is not in Braid any more.');
      changed();
      return list();
    },

    markExpired,
    blueskyAgent,

    /** The Mastodon server and a working token of the account (refreshed where it expires). */
    async mastodonSession(id: string): Promise<{ origin: string; accessToken: string }> {
      const credentials = readCredentials(secrets, id);
      if (credentials?.network !== 'mastodon') throw new ServerError('auth_expired', 'Braid has no usable sign-in for this account: sign in again.');
      return { origin: credentials.origin, accessToken: await mastodonToken(id, credentials) };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
