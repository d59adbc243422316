/**
 * Bluesky sessions: one createSession at sign-in (it is rate-limited: 30 per 5 minutes), then the
 * stored session is resumed and refreshed. One agent per account, so its refreshes never race
 * (refresh tokens are single-use; @atproto/api serialises refreshes within one agent).
 */
import { AtpAgent, type AtpSessionData, type AtpSessionEvent } from '@atproto/api';
import type { AccountSecrets } from '../../base/account-secrets.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import { timedFetch } from '../../http/timeouts.ts';
import type { BlueskyCredentials } from './credentials.ts';
import { fromXrpcError } from './xrpc-errors.ts';

export const blueskyAccountId = (did: string) => `bluesky:${did}`;

export interface SignedIn {
  agent: AtpAgent;
  did: string;
  handle: string;
  pdsUrl: string;
}

export function createBlueskySessions(store: AccountSecrets<BlueskyCredentials>, onExpired: (accountId: string) => void) {
  const agents = new Map<string, Promise<AtpAgent>>();

  const persist = (accountId: () => string | null, service: () => string) => (event: AtpSessionEvent, session?: AtpSessionData) => {
    const id = accountId();
    if (!id) return;
    if ((event === 'create' || event === 'update') && session) {
      store.write(id, { network: 'bluesky', service: service(), session: { ...session } });
    } else if (event === 'expired') {
      agents.delete(id);
      onExpired(id);
    }
  };

  return {
    /** Signs in with an app password (and the e-mail code when the server asks for one). */
    async signIn(service: string, identifier: string, password: string, authFactorToken?: string): Promise<SignedIn> {
      let did: string | null = null;
      const agent: AtpAgent = new AtpAgent({
        service,
        fetch: timedFetch,
        persistSession: persist(() => (did ? blueskyAccountId(did) : null), () => agent.pdsUrl?.href ?? service),
      });
      const code = authFactorToken?.trim(); // codes pasted from an e-mail often carry spaces
      try {
        const { data } = await agent.login({ identifier, password, ...(code ? { authFactorToken: code } : {}) });
        did = data.did;
      } catch (error) {
        const failure = fromXrpcError(error, new URL(service).host, phrase('error.what.signIn'));
        if (code && failure.serverCode === 'InvalidToken') {
          throw new ServerError('invalid_input', phrase('error.signIn.wrongCode'), { serverCode: 'InvalidToken' });
        }
        if (code && failure.serverCode === 'ExpiredToken') {
          throw new ServerError('invalid_input', phrase('error.signIn.codeExpired'), { serverCode: 'ExpiredToken' });
        }
        if (failure.code === 'auth_expired') {
          throw new ServerError('invalid_input', phrase('error.signIn.wrongPassword'));
        }
        throw failure;
      }
      const session = agent.session!;
      store.write(blueskyAccountId(did), { network: 'bluesky', service: agent.pdsUrl?.href ?? service, session: { ...session } });
      agents.set(blueskyAccountId(did), Promise.resolve(agent));
      return { agent, did, handle: session.handle, pdsUrl: agent.pdsUrl?.href ?? service };
    },

    /** The account's agent, resuming its stored session without a new createSession. */
    agentFor(accountId: string): Promise<AtpAgent> {
      const existing = agents.get(accountId);
      if (existing) return existing;
      const resumed = (async () => {
        const credentials = store.read(accountId);
        if (credentials?.network !== 'bluesky') throw new ServerError('auth_expired', phrase('error.signIn.noSession'), { serverCode: 'no_credentials' });
        const agent = new AtpAgent({ service: credentials.service, fetch: timedFetch, persistSession: persist(() => accountId, () => credentials.service) });
        try {
          await agent.resumeSession(credentials.session);
        } catch (error) {
          throw fromXrpcError(error, new URL(credentials.service).host, phrase('error.what.resumeSession'));
        }
        return agent;
      })();
      agents.set(accountId, resumed);
      resumed.catch(() => agents.delete(accountId));
      return resumed;
    },

    forget(accountId: string): void {
      agents.delete(accountId);
    },
  };
}

export type BlueskySessions = ReturnType<typeof createBlueskySessions>;
