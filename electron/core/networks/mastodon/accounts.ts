/**
 * Mastodon accounts: saving a sign-in, a working token for each call (refreshed where a server
 * makes tokens expire), checking a sign-in, and signing out (the token revoked on the server).
 */
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { accountSecrets } from '../../base/account-secrets.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { NetworkAccounts, NetworkEnv } from '../network.ts';
import { fetchLimits, verifyCredentials } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { mastodonCredentialsSchema, type MastodonCredentials } from './credentials.ts';
import { firstReachable, instanceOrigins } from './instance-address.ts';
import { discoverAuthServer, refreshTokens, revokeToken } from './oauth.ts';
import type { MastodonSignInResult } from './sign-in.ts';

/** Braid's id of a Mastodon account: its server's host and the account's id there. */
export const mastodonAccountId = (host: string, serverAccountId: string) => `mastodon:${host}:${serverAccountId}`;

/** The account's id on its own server, from Braid's id of it (the host may hold a port's colon). */
export const serverAccountIdOf = (accountId: string): string => accountId.slice(accountId.lastIndexOf(':') + 1);

export function createMastodonAccounts(env: NetworkEnv) {
  const credentials = accountSecrets(env.secrets, mastodonCredentialsSchema);
  const refreshing = new Map<string, Promise<string>>();

  function save(result: MastodonSignInResult): AccountSummary {
    const host = new URL(result.origin).host;
    const id = mastodonAccountId(host, result.account.id);
    credentials.write(id, {
      network: 'mastodon',
      origin: result.origin,
      clientId: result.app.clientId,
      clientSecret: result.app.clientSecret,
      accessToken: result.tokens.accessToken,
      ...(result.tokens.refreshToken ? { refreshToken: result.tokens.refreshToken } : {}),
      ...(result.tokens.expiresAt ? { expiresAt: result.tokens.expiresAt } : {}),
    });
    return env.saveAccount({
      id,
      network: 'mastodon',
      server: host,
      handle: `${result.account.username}@${host}`,
      displayName: result.account.displayName,
      avatarUrl: result.account.avatar ?? null,
      limits: result.limits,
    });
  }

  async function refresh(id: string, stored: MastodonCredentials): Promise<string> {
    if (!stored.refreshToken) throw new ServerError('auth_expired', phrase('error.signIn.sessionOver'));
    const server = await discoverAuthServer(stored.origin);
    const tokens = await refreshTokens(server, { clientId: stored.clientId, clientSecret: stored.clientSecret }, stored.refreshToken);
    credentials.write(id, {
      ...stored,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? stored.refreshToken,
      ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
    });
    return tokens.accessToken;
  }

  /**
   * A Mastodon access token that works now: refreshed first where the server made it expire.
   * One refresh per account at a time: servers that rotate refresh tokens refuse the second use.
   */
  function tokenOf(id: string, stored: MastodonCredentials): Promise<string> {
    if (!stored.expiresAt || stored.expiresAt > Date.now() + 60_000) return Promise.resolve(stored.accessToken);
    const inFlight = refreshing.get(id);
    if (inFlight) return inFlight;
    const refreshed = refresh(id, stored).finally(() => refreshing.delete(id));
    refreshing.set(id, refreshed);
    return refreshed;
  }

  /** The Mastodon server and a working token of the account (refreshed where it expires). */
  async function session(id: string): Promise<MastodonSession> {
    const stored = credentials.read(id);
    if (!stored) throw new ServerError('auth_expired', phrase('error.signIn.noSignIn'));
    return { origin: stored.origin, accessToken: await tokenOf(id, stored) };
  }

  const accounts: Required<NetworkAccounts> = {
    async check(id) {
      const { origin, accessToken } = await session(id);
      await verifyCredentials(origin, accessToken);
    },

    async signOut(id) {
      const stored = credentials.read(id);
      // A token the user made themselves (no clientId) may serve other tools: it is theirs to revoke.
      if (stored?.clientId) {
        const server = await discoverAuthServer(stored.origin).catch(() => null);
        if (server) await revokeToken(server, { clientId: stored.clientId, clientSecret: stored.clientSecret }, stored.accessToken);
      }
      credentials.delete(id);
    },

    /**
     * Signs in with an access token made on the server (Preferences → Development), for scripts
     * and CI: checked and stored like a sign-in's, with no app of Braid's (so no refresh).
     */
    async signInWithToken(instance, accessToken) {
      const token = accessToken.trim();
      if (!token) throw new ServerError('invalid_input', phrase('error.signIn.tokenNeeded'));
      const { origin, account } = await firstReachable(instanceOrigins(instance), async (origin) => ({ origin, account: await verifyCredentials(origin, token) }));
      return save({ origin, app: { clientId: '', clientSecret: '' }, tokens: { accessToken: token }, account, limits: await fetchLimits(origin) });
    },
  };

  return { accounts, session, save };
}
