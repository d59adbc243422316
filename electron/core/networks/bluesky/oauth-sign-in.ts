/**
 * Bluesky sign-in with OAuth (PAR, PKCE, DPoP) as a native "loopback client": the client_id is
 * http://localhost?redirect_uri=…&scope=… (nothing to host), the browser comes back to a one-shot
 * listener on 127.0.0.1 and a port the system picks (RFC 8252 §7.3: the server accepts any port
 * for a registered loopback redirect without one). Sessions (tokens + DPoP key) persist through
 * the given store, keyed by DID, as JSON; refreshes are serialised by the client's lock.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from '@atproto/api';
import {
  AtprotoHandleResolverNode,
  NodeOAuthClient,
  OAuthCallbackError,
  OAuthResolverError,
  TokenInvalidError,
  TokenRefreshError,
  TokenRevokedError,
  XrpcHandleResolver,
  buildAtprotoLoopbackClientMetadata,
  requestLocalLock,
} from '@atproto/oauth-client-node';
import type { HandleResolver, NodeSavedSession, NodeSavedState, OAuthSession } from '@atproto/oauth-client-node';
import { listenForRedirect, type LoopbackRedirectUri } from '../../base/loopback-redirect.ts';
import { phrase, ServerError, selectNone } from '../../base/errors.ts';
import { timedFetch } from '../../http/timeouts.ts';
import { didPattern, handlePattern } from '../../../../shared/text/atproto-names.ts';
import { isLoopbackUrl, type BlueskyDirectory } from './identity.ts';

/** Where sessions live (Braid: its encrypted SecretStore). Values are JSON text. */
export interface OAuthSessionStorage {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
  del(key: string): void | Promise<void>;
}

export interface BlueskyOAuthOptions {
  directory: BlueskyDirectory;
  stores: { sessions: OAuthSessionStorage };
  /** How long a sign-in page may stay open. */
  timeoutMs?: number;
}

export interface OAuthIdentity {
  did: string;
  handle: string;
  pdsUrl: string;
}

export const blueskyOAuthScope = 'atproto transition:generic';
const registeredRedirectUri = 'http://127.0.0.1/callback';


export function createBlueskyOAuth({ directory, stores, timeoutMs = 10 * 60_000 }: BlueskyOAuthOptions) {
  const clientMetadata = buildAtprotoLoopbackClientMetadata({ scope: blueskyOAuthScope, redirect_uris: [registeredRedirectUri] });
  // Pending flows only: a sign-in does not survive a restart, so states stay in memory.
  const states = new Map<string, NodeSavedState>();
  const sessions = stores.sessions;
  const local = isLoopbackUrl(directory.plcUrl) || isLoopbackUrl(directory.entryway);
  // .test handles (RFC 6761) exist only on the entryway; others by DNS / https, then the entryway.
  const entrywayHandles = new XrpcHandleResolver(directory.entryway);
  const publicHandles = new AtprotoHandleResolverNode();
  const handleResolver: HandleResolver = {
    async resolve(handle, options) {
      const did = handle.endsWith('.test') ? null : await publicHandles.resolve(handle, options).catch(() => null);
      return did ?? entrywayHandles.resolve(handle, options);
    },
  };

  const makeClient = (redirectUri?: LoopbackRedirectUri) =>
    new NodeOAuthClient({
      // The client_id (which names the registered redirect) stays the same; only the local
      // pre-check of authorize() needs to see the exact redirect of this flow, with its port.
      clientMetadata: redirectUri ? { ...clientMetadata, redirect_uris: [redirectUri] } : clientMetadata,
      responseMode: 'query',
      fetch: timedFetch,
      allowHttp: local, // a local PDS (tests, development) is its own http:// authorization server
      plcDirectoryUrl: directory.plcUrl,
      handleResolver,
      requestLock: requestLocalLock,
      stateStore: {
        set: async (key, value) => {
          states.set(key, value);
          setTimeout(() => states.delete(key), timeoutMs + 60_000).unref(); // an abandoned flow's
        },
        get: async (key) => states.get(key),
        del: async (key) => void states.delete(key),
      },
      sessionStore: {
        set: async (did, value) => sessions.set(did, JSON.stringify(value)),
        get: async (did) => {
          const text = await sessions.get(did);
          return text === undefined ? undefined : (JSON.parse(text) as NodeSavedSession);
        },
        del: async (did) => sessions.del(did),
      },
    });
  const client = makeClient();
  const flows = new Map<string, { result: Promise<OAuthIdentity>; cancel(): void }>();

  async function identityOf(session: OAuthSession): Promise<OAuthIdentity> {
    const { aud } = await session.getTokenInfo(false);
    const identity = await client.identityResolver.resolve(session.did).catch(() => undefined);
    return { did: session.did, handle: identity && identity.handle !== 'handle.invalid' ? identity.handle : session.did, pdsUrl: aud };
  }

  return {
    /**
     * Starts a sign-in: open authorizeUrl in the system browser, then await(flowId). A handle or
     * DID goes to the account's own server; an e-mail address (or nothing) to the entryway, where
     * the user picks the account on the server's page.
     */
    async begin(identifier: string): Promise<{ authorizeUrl: string; flowId: string }> {
      const typed = identifier.trim().replace(/^@/, '');
      const byEmail = typed === '' || typed.includes('@');
      if (!byEmail && !didPattern.test(typed) && !handlePattern.test(typed.toLowerCase())) {
        throw new ServerError('invalid_input', phrase('error.signIn.notHandle', { typed }));
      }
      const input = byEmail ? directory.entryway : typed;
      const listener = await listenForRedirect((params) => states.has(params.get('state') ?? ''), timeoutMs);
      try {
        const flowClient = makeClient(listener.redirectUri);
        const url = await flowClient.authorize(input, { redirect_uri: listener.redirectUri, scope: blueskyOAuthScope });
        const flowId = randomUUID();
        const result = listener
          .wait(async (params) => identityOf((await flowClient.callback(params, { redirect_uri: listener.redirectUri })).session))
          .catch((error: unknown) => Promise.reject(explain(error, typed)))
          // Kept for await(flowId) a while after the browser came back; then forgotten.
          .finally(() => setTimeout(() => flows.delete(flowId), 5 * 60_000).unref());
        result.catch(() => undefined);
        flows.set(flowId, { result, cancel: () => listener.close() });
        return { authorizeUrl: url.href, flowId };
      } catch (error) {
        listener.close();
        throw explain(error, typed);
      }
    },

    /** The signed-in identity once the browser came back (rejects on refusal, timeout, cancel). */
    async await(flowId: string): Promise<OAuthIdentity> {
      const flow = flows.get(flowId);
      if (!flow) throw new ServerError('not_found', phrase('error.signIn.over'));
      try {
        return await flow.result;
      } finally {
        flows.delete(flowId);
      }
    },

    cancel(flowId: string): void {
      flows.get(flowId)?.cancel();
    },

    /** An agent for a stored session (refreshing it when needed; no new sign-in). */
    async restore(did: string): Promise<Agent> {
      try {
        return new Agent(await client.restore(did));
      } catch (error) {
        // These mean the stored session is gone or refused (the client has deleted it); anything
        // else (offline, server down) keeps it for the next try.
        if (error instanceof TokenRefreshError || error instanceof TokenRevokedError || error instanceof TokenInvalidError) {
          throw new ServerError('auth_expired', phrase('error.signIn.noSession'), { cause: error });
        }
        throw new ServerError('network', phrase('error.signIn.blueskyUnreachable', { reason: error instanceof Error ? error.message : String(error) }), { cause: error });
      }
    },

    /** Revokes the tokens on the server (best effort) and forgets the session. */
    async signOut(did: string): Promise<void> {
      await client.revoke(did).catch(() => sessions.del(did));
    },
  };
}

export type BlueskyOAuth = ReturnType<typeof createBlueskyOAuth>;

/** A library's failure in Braid's words (its own wording, such as "Failed to resolve identity", stays in the cause). */
function explain(error: unknown, typed: string): Error {
  if (error instanceof ServerError) return error;
  if (error instanceof OAuthCallbackError && error.params.get('error') === 'access_denied') {
    return new ServerError('invalid_input', phrase('error.signIn.declined'), { cause: error });
  }
  if (error instanceof OAuthResolverError) {
    const who = typed && !typed.includes('@') ? typed : selectNone;
    return new ServerError('not_found', phrase('error.signIn.notFoundOnBluesky', { who }), { cause: error });
  }
  return new ServerError('server', phrase('error.signIn.blueskyFailed'), { cause: error });
}
