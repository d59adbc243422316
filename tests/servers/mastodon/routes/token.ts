import { createHash } from 'node:crypto';
import { tokenResponse } from '../entities.ts';
import { missingParam, sendError, sendOAuthError } from '../errors.ts';
import { sendJson, str, type Ctx } from '../http.ts';
import { redirectUriAllowed } from '../redirect-uris.ts';
import type { Router } from '../router.ts';
import { allConfigured, defaultScopes, isSubset, parseScopes } from '../scopes.ts';
import { grantUsable, tokenStatus, type App, type Token } from '../state.ts';

/** client_secret_basic first, then client_secret_post, as Doorkeeper looks for them. */
function authenticateClient(ctx: Ctx): App | undefined {
  let id = str(ctx.input, 'client_id');
  let secret = str(ctx.input, 'client_secret');
  const basic = /^Basic\s+(.+)$/i.exec(ctx.req.headers.authorization ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      // RFC 6749 §2.3.1: both halves are form-encoded before joining.
      const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      return undefined;
    }
  }
  const app = id ? ctx.server.state.appByClientId(id) : undefined;
  return app && secret === app.clientSecret ? app : undefined;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function respond(ctx: Ctx, token: Token): void {
  sendJson(ctx, 200, tokenResponse(token), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/** Doorkeeper's AuthorizationCodeRequest: params, then client, then grant, redirect URI and PKCE verifier. */
function authorizationCode(ctx: Ctx): void {
  const { state, options } = ctx.server;
  const code = str(ctx.input, 'code');
  const redirectUri = str(ctx.input, 'redirect_uri');
  const verifier = options.pkce ? str(ctx.input, 'code_verifier') || undefined : undefined;
  const grant = code ? state.grantByCode(code) : undefined;
  if (!code) return sendOAuthError(ctx, 'invalid_request', missingParam('code'));
  if (grant?.codeChallenge && !verifier) return sendOAuthError(ctx, 'invalid_request', missingParam('code_verifier'));
  if (!redirectUri) return sendOAuthError(ctx, 'invalid_request', missingParam('redirect_uri'));
  const client = authenticateClient(ctx);
  if (!client) return sendOAuthError(ctx, 'invalid_client');
  if (!grant || grant.appId !== client.id || !grantUsable(grant)) return sendOAuthError(ctx, 'invalid_grant');
  if (!redirectUriAllowed(redirectUri, [grant.redirectUri])) return sendOAuthError(ctx, 'invalid_grant');
  // A verifier for a code issued without a challenge is refused too.
  if ((grant.codeChallenge !== null || verifier !== undefined) && (verifier === undefined || grant.codeChallenge !== s256(verifier))) {
    return sendOAuthError(ctx, 'invalid_grant');
  }
  grant.used = true;
  respond(ctx, state.issueToken(client, grant.userId, grant.scopes, options.tokenLifetime));
}

function clientCredentials(ctx: Ctx): void {
  const client = authenticateClient(ctx);
  if (!client) return sendOAuthError(ctx, 'invalid_client');
  const requested = parseScopes(str(ctx.input, 'scope'));
  const scopes = requested.length > 0 ? requested : [...defaultScopes];
  if (!allConfigured(scopes) || !isSubset(scopes, client.scopes)) return sendOAuthError(ctx, 'invalid_scope');
  respond(ctx, ctx.server.state.issueToken(client, null, scopes, ctx.server.options.tokenLifetime));
}

/** Only with expiring tokens; the old access and refresh token die, a new pair is issued. */
function refreshToken(ctx: Ctx): void {
  const { state, options } = ctx.server;
  const value = str(ctx.input, 'refresh_token');
  if (!value) return sendOAuthError(ctx, 'invalid_request', missingParam('refresh_token'));
  const client = authenticateClient(ctx);
  if (!client) return sendOAuthError(ctx, 'invalid_client');
  const old = state.tokenByRefresh(value);
  if (!old || old.appId !== client.id || old.revoked) return sendOAuthError(ctx, 'invalid_grant');
  old.revoked = true;
  respond(ctx, state.issueToken(client, old.userId, old.scopes, options.tokenLifetime));
}

function token(ctx: Ctx): void {
  const grantType = str(ctx.input, 'grant_type');
  if (!grantType) return sendOAuthError(ctx, 'invalid_request', missingParam('grant_type'));
  if (grantType === 'authorization_code') return authorizationCode(ctx);
  if (grantType === 'client_credentials') return clientCredentials(ctx);
  if (grantType === 'refresh_token' && ctx.server.options.tokenLifetime !== null) return refreshToken(ctx);
  sendOAuthError(ctx, 'unsupported_grant_type');
}

/** RFC 7009 as Doorkeeper does it: the client must authenticate (403 otherwise); unknown tokens are fine. */
function revoke(ctx: Ctx): void {
  const { state } = ctx.server;
  const refused = { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' };
  const client = authenticateClient(ctx);
  if (!client) return sendError(ctx, 403, refused);
  const value = str(ctx.input, 'token') ?? '';
  const found = state.tokenByAccess(value) ?? state.tokenByRefresh(value);
  if (found && found.appId !== client.id) return sendError(ctx, 403, refused);
  if (found && tokenStatus(found) === 'live') {
    found.revoked = true;
    state.counters.revocations++;
  }
  sendJson(ctx, 200, {});
}

export function tokenRoutes(router: Router): void {
  router.add('POST', '/oauth/token', token);
  router.add('POST', '/oauth/revoke', revoke);
}
