/**
 * Mastodon's OAuth, by its documentation: app registration, the authorization code flow with
 * PKCE (S256), token refresh (Pleroma/Akkoma tokens expire), revocation. Written with plain
 * requests rather than masto's OAuth client, which has no PKCE verifier and no refresh grant.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { requestJson, sendJson, errorFor } from '../../http/http-json.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';

export const oobRedirectUri = 'urn:ietf:wg:oauth:2.0:oob';
/** Registered without a port: servers must accept any port on a loopback redirect (RFC 8252 §7.3). */
export const loopbackRedirectUri = 'http://127.0.0.1/callback';
/** Only what Braid uses: reading, posting, media, likes, follows, mutes and blocks. Boosts are part of write:statuses. */
export const granularScopes = ['read', 'write:statuses', 'write:media', 'write:favourites', 'write:follows', 'write:mutes', 'write:blocks'];
const coarseScopes = ['read', 'write'];

export interface AuthServer {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  scopes: string;
}

const metadataSchema = z.looseObject({
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  revocation_endpoint: z.url().optional(),
  scopes_supported: z.array(z.string()).optional(),
});

/**
 * Mastodon >= 4.3 describes its OAuth server at a well-known address; older servers and other
 * software answer 404 there, and use Mastodon's fixed paths.
 */
export async function discoverAuthServer(origin: string): Promise<AuthServer> {
  const fallback: AuthServer = {
    authorizationEndpoint: `${origin}/oauth/authorize`,
    tokenEndpoint: `${origin}/oauth/token`,
    revocationEndpoint: `${origin}/oauth/revoke`,
    scopes: granularScopes.join(' '),
  };
  const response = await sendJson({ url: `${origin}/.well-known/oauth-authorization-server` });
  const metadata = response.status === 200 ? metadataSchema.safeParse(response.body) : null;
  if (!metadata?.success) return fallback;
  const supported = metadata.data.scopes_supported;
  const scopes = !supported || granularScopes.every((scope) => supported.includes(scope)) ? granularScopes : coarseScopes;
  return {
    authorizationEndpoint: metadata.data.authorization_endpoint,
    tokenEndpoint: metadata.data.token_endpoint,
    revocationEndpoint: metadata.data.revocation_endpoint ?? fallback.revocationEndpoint,
    scopes: scopes.join(' '),
  };
}

const applicationSchema = z.looseObject({ client_id: z.string().min(1), client_secret: z.string().min(1) });
export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

/**
 * Registers Braid on the server for ONE redirect URI: Mastodon splits a newline-joined list, but
 * at least one widely used Mastodon-API server keeps it as a single (broken) URI.
 */
export async function registerApp(origin: string, scopes: string, redirectUri: string): Promise<RegisteredApp> {
  const app = await requestJson(
    {
      url: `${origin}/api/v1/apps`,
      form: {
        client_name: 'Braid',
        redirect_uris: redirectUri,
        scopes,
      },
    },
    applicationSchema,
    phrase('error.what.appRegistration'),
  );
  return { clientId: app.client_id, clientSecret: app.client_secret };
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  server: AuthServer,
  input: { clientId: string; redirectUri: string; state: string; challenge: string },
): string {
  const url = new URL(server.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: server.scopes,
    state: input.state,
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
});

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds; absent where tokens do not expire (Mastodon). */
  expiresAt?: number;
}

async function tokenRequest(server: AuthServer, form: Record<string, string>, what: What, spent: ServerError): Promise<TokenSet> {
  const response = await sendJson({ url: server.tokenEndpoint, form });
  if (response.status !== 200) {
    const error = errorFor(response, server.tokenEndpoint, what);
    // invalid_grant: the code or refresh token is spent, expired, or was not ours.
    throw error.serverCode === 'invalid_grant' ? spent : error;
  }
  const token = tokenSchema.safeParse(response.body);
  if (!token.success) throw new ServerError('server', phrase('error.noToken', { host: new URL(server.tokenEndpoint).host, what }));
  return {
    accessToken: token.data.access_token,
    ...(token.data.refresh_token ? { refreshToken: token.data.refresh_token } : {}),
    ...(token.data.expires_in ? { expiresAt: Date.now() + token.data.expires_in * 1000 } : {}),
  };
}

export const exchangeCode = (
  server: AuthServer,
  app: RegisteredApp,
  input: { code: string; redirectUri: string; verifier: string },
) =>
  tokenRequest(
    server,
    {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code_verifier: input.verifier,
      scope: server.scopes,
    },
    phrase('error.what.signIn'),
    new ServerError('invalid_input', phrase('error.signIn.codeRefused'), { serverCode: 'invalid_grant' }),
  );

export const refreshTokens = (server: AuthServer, app: RegisteredApp, refreshToken: string) =>
  tokenRequest(
    server,
    { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.clientId, client_secret: app.clientSecret },
    phrase('error.what.sessionRefresh'),
    new ServerError('auth_expired', phrase('error.signIn.sessionEnded'), { serverCode: 'invalid_grant' }),
  );

/** Best effort: a server that cannot be reached still gets the account removed locally. */
export async function revokeToken(server: AuthServer, app: RegisteredApp, token: string): Promise<boolean> {
  try {
    const response = await sendJson({
      url: server.revocationEndpoint,
      form: { token, client_id: app.clientId, client_secret: app.clientSecret },
    });
    return response.status === 200;
  } catch {
    return false;
  }
}
