/**
 * Signing in to a Mastodon server: the app registered once per server (its client secret kept
 * in the SecretStore), then the authorization code flow with PKCE in the user's browser,
 * returning to a loopback listener, or to a code the user pastes (out-of-band).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { MastodonLimits } from '../../../../shared/domain/account.ts';
import { listenForRedirect, redirectError, type LoopbackRedirect } from '../../base/loopback-redirect.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import type { Database } from '../../store/database.ts';
import { fetchLimits, verifyCredentials, type CredentialAccount } from './account-api.ts';
import { firstReachable, instanceOrigins } from './instance-address.ts';
import {
  authorizeUrl,
  createPkce,
  discoverAuthServer,
  exchangeCode,
  loopbackRedirectUri,
  oobRedirectUri,
  registerApp,
  type AuthServer,
  type Pkce,
  type RegisteredApp,
  type TokenSet,
} from './oauth.ts';

export interface MastodonSignInResult {
  origin: string;
  app: RegisteredApp;
  tokens: TokenSet;
  account: CredentialAccount;
  limits: MastodonLimits;
}

interface Flow {
  startedAt: number;
  origin: string;
  server: AuthServer;
  app: RegisteredApp;
  pkce: Pkce;
  redirectUri: string;
  loopback: LoopbackRedirect | null;
}

const appSecretKey = (origin: string, redirectUri: string) => `mastodon-app:${origin} ${redirectUri}`;
const flowLifetimeMs = 30 * 60_000;

/** The app Braid registered on this server for this redirect before, or a new registration (kept for next time). */
export async function appFor(db: Database, secrets: SecretStore, origin: string, scopes: string, redirectUri: string): Promise<RegisteredApp> {
  const row = db.prepare('SELECT client_id, scopes FROM mastodon_apps WHERE origin = ? AND redirect_uri = ?').get(origin, redirectUri) as
    | { client_id: string; scopes: string }
    | undefined;
  const secret = secrets.read(appSecretKey(origin, redirectUri));
  if (row && row.scopes === scopes && secret.ok && secret.value) return { clientId: row.client_id, clientSecret: secret.value };

  const app = await registerApp(origin, scopes, redirectUri);
  secrets.write(appSecretKey(origin, redirectUri), app.clientSecret);
  db.prepare(
    `INSERT INTO mastodon_apps (origin, redirect_uri, client_id, scopes, registered_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (origin, redirect_uri) DO UPDATE SET client_id = excluded.client_id, scopes = excluded.scopes, registered_at = excluded.registered_at`,
  ).run(origin, redirectUri, app.clientId, scopes, new Date().toISOString());
  return app;
}

export function createMastodonSignIn(db: Database, secrets: SecretStore) {
  const flows = new Map<string, Flow>();

  const take = (flowId: string): Flow => {
    const flow = flows.get(flowId);
    if (!flow) throw new ServerError('not_found', phrase('error.signIn.ended'));
    return flow;
  };

  async function complete(flow: Flow, code: string): Promise<MastodonSignInResult> {
    const tokens = await exchangeCode(flow.server, flow.app, { code: code.trim(), redirectUri: flow.redirectUri, verifier: flow.pkce.verifier });
    const account = await verifyCredentials(flow.origin, tokens.accessToken);
    const limits = await fetchLimits(flow.origin);
    return { origin: flow.origin, app: flow.app, tokens, account, limits };
  }

  return {
    async begin(instance: string, mode: 'loopback' | 'oob'): Promise<{ flowId: string; authorizeUrl: string; origin: string }> {
      const { origin, server } = await firstReachable(instanceOrigins(instance), async (origin) => ({ origin, server: await discoverAuthServer(origin) }));
      const app = await appFor(db, secrets, origin, server.scopes, mode === 'loopback' ? loopbackRedirectUri : oobRedirectUri);
      const state = randomBytes(24).toString('base64url');
      const loopback = mode === 'loopback' ? await listenForRedirect((params) => params.get('state') === state) : null;
      const redirectUri = loopback?.redirectUri ?? oobRedirectUri;
      const pkce = createPkce();
      const flowId = randomUUID();
      for (const [id, old] of flows) if (Date.now() - old.startedAt > flowLifetimeMs) flows.delete(id); // abandoned sign-ins
      flows.set(flowId, { startedAt: Date.now(), origin, server, app, pkce, redirectUri, loopback });
      return { flowId, origin, authorizeUrl: authorizeUrl(server, { clientId: app.clientId, redirectUri, state, challenge: pkce.challenge }) };
    },

    /** Waits for the browser to come back to the loopback listener, then finishes signing in. */
    async awaitRedirect(flowId: string): Promise<MastodonSignInResult> {
      const flow = take(flowId);
      if (!flow.loopback) throw new ServerError('invalid_input', phrase('error.signIn.usesPastedCode'));
      try {
        return await flow.loopback.wait(async (params) => {
          const refused = redirectError(params);
          if (refused) throw refused;
          return complete(flow, params.get('code') ?? '');
        });
      } finally {
        flows.delete(flowId);
      }
    },

    /** Finishes an out-of-band sign-in with the code the user copied from the server's page. */
    async finishWithCode(flowId: string, code: string): Promise<MastodonSignInResult> {
      const flow = take(flowId);
      if (!code.trim()) throw new ServerError('invalid_input', phrase('error.signIn.pasteCode'));
      const result = await complete(flow, code);
      flow.loopback?.close();
      flows.delete(flowId);
      return result;
    },

    cancel(flowId: string): void {
      flows.get(flowId)?.loopback?.close();
      flows.delete(flowId);
    },
  };
}

export type MastodonSignIn = ReturnType<typeof createMastodonSignIn>;
