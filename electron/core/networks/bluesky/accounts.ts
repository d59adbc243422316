/**
 * Bluesky accounts: sign-in with OAuth or an app password, each account's agent (its session
 * resumed), checking a sign-in, and signing out (the session ended on the server too).
 */
import type { Agent } from '@atproto/api';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { accountSecrets } from '../../base/account-secrets.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { NetworkAccounts, NetworkEnv } from '../network.ts';
import { blueskyCredentialsSchema } from './credentials.ts';
import { createIdentityResolver, type BlueskyDirectory } from './identity.ts';
import { createBlueskyOAuth } from './oauth-sign-in.ts';
import { blueskyAccountId, createBlueskySessions } from './sessions.ts';

export function createBlueskyAccounts(env: NetworkEnv, directory: BlueskyDirectory) {
  const credentials = accountSecrets(env.secrets, blueskyCredentialsSchema);
  const identity = createIdentityResolver(directory);
  const sessions = createBlueskySessions(credentials, env.markExpired);
  const oauthKey = (did: string) => `bluesky-oauth:${did}`;
  const oauth = createBlueskyOAuth({
    directory,
    stores: {
      sessions: {
        get: (did) => {
          const read = env.secrets.read(oauthKey(did));
          return read.ok ? (read.value ?? undefined) : undefined;
        },
        set: (did, value) => env.secrets.write(oauthKey(did), value),
        del: (did) => env.secrets.delete(oauthKey(did)),
      },
    },
  });

  /** The account's agent: its OAuth session, or its app-password session, resumed. */
  async function agentFor(id: string): Promise<Agent> {
    const stored = credentials.read(id);
    if (stored?.network === 'bluesky-oauth') return oauth.restore(stored.did);
    return sessions.agentFor(id);
  }

  async function save(agent: Agent, did: string, handle: string, pdsUrl: string): Promise<AccountSummary> {
    const profile = await agent.getProfile({ actor: did }).then(
      (response) => response.data,
      () => null, // a brand-new account may not be indexed yet: its handle will do
    );
    return env.saveAccount({
      id: blueskyAccountId(did),
      network: 'bluesky',
      server: new URL(pdsUrl).host,
      handle,
      displayName: profile?.displayName ?? '',
      avatarUrl: profile?.avatar ?? null,
    });
  }

  const accounts: NetworkAccounts = {
    async check(id) {
      if (!credentials.read(id)) throw new ServerError('auth_expired', phrase('error.signIn.noCredentials'));
      const agent = await agentFor(id);
      await agent.com.atproto.server.getSession();
    },

    async signOut(id) {
      const stored = credentials.read(id);
      if (stored?.network === 'bluesky') {
        const agent = await sessions.agentFor(id).catch(() => null);
        await agent?.logout().catch(() => undefined); // ends the session on the server too
      }
      if (stored?.network === 'bluesky-oauth') await oauth.signOut(stored.did);
      sessions.forget(id);
      credentials.delete(id);
    },
  };

  return {
    accounts,
    agentFor,

    async signInWithPassword(input: { identifier: string; password: string; authFactorToken?: string | undefined }): Promise<AccountSummary> {
      if (!input.password) throw new ServerError('invalid_input', phrase('error.signIn.typePassword'));
      const target = await identity.signInTarget(input.identifier);
      const service = target.kind === 'pds' ? target.identity.pdsUrl : target.url;
      const identifier = target.kind === 'pds' ? target.identity.did : input.identifier.trim();
      const signedIn = await sessions.signIn(service, identifier, input.password, input.authFactorToken);
      return save(signedIn.agent, signedIn.did, signedIn.handle, signedIn.pdsUrl);
    },

    beginOAuth: (identifier: string) => oauth.begin(identifier),
    cancelOAuth: (flowId: string) => oauth.cancel(flowId),
    async awaitOAuth(flowId: string): Promise<AccountSummary> {
      const signedIn = await oauth.await(flowId);
      const id = blueskyAccountId(signedIn.did);
      sessions.forget(id); // an earlier app-password session of this account is replaced
      credentials.write(id, { network: 'bluesky-oauth', did: signedIn.did });
      return save(await oauth.restore(signedIn.did), signedIn.did, signedIn.handle, signedIn.pdsUrl);
    },
  };
}
