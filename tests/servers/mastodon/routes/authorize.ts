import { missingParam, oauthDescriptions, type OAuthErrorName } from '../errors.ts';
import { redirect, sendHtml, str, type Ctx } from '../http.ts';
import { authorizePage, codePage, oauthErrorPage } from '../pages.ts';
import { isOob, redirectUriAllowed, withQuery } from '../redirect-uris.ts';
import type { Router } from '../router.ts';
import { allConfigured, defaultScopes, isSubset, parseScopes } from '../scopes.ts';
import type { App } from '../state.ts';

interface PreAuthorization {
  app: App;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  /** The request, carried through the form as hidden fields. */
  hidden: Record<string, string>;
}

const noStore = { 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate' };

function errorPage(ctx: Ctx, status: number, description: string): undefined {
  sendHtml(ctx, status, oauthErrorPage(description), noStore);
  return undefined;
}

/**
 * Doorkeeper's PreAuthorization checks, in its order. A bad client or redirect URI gets an error page (never a redirect
 * to an unverified URI); later problems go back to the client as `?error=` unless the redirect URI is out-of-band.
 */
function preAuthorize(ctx: Ctx): PreAuthorization | undefined {
  const { input, server } = ctx;
  const clientId = str(input, 'client_id');
  if (!clientId) return errorPage(ctx, 400, missingParam('client_id'));
  const app = server.state.appByClientId(clientId);
  if (!app) return errorPage(ctx, 401, oauthDescriptions.invalid_client);
  const redirectUri = str(input, 'redirect_uri');
  if (!redirectUri) return errorPage(ctx, 400, missingParam('redirect_uri'));
  // eslint-disable-next-line no-control-regex -- a stored URI with a newline in it is the point
  if (app.redirectUris.some((uri) => /[\u0000-\u001f]/.test(uri))) return errorPage(ctx, 500, 'server_error: invalid control character in URL');
  if (!redirectUriAllowed(redirectUri, app.redirectUris)) return errorPage(ctx, 400, oauthDescriptions.invalid_redirect_uri);

  const state = str(input, 'state') || undefined;
  const fail = (error: OAuthErrorName, description: string = oauthDescriptions[error]): undefined => {
    if (isOob(redirectUri)) return errorPage(ctx, 400, description);
    redirect(ctx, withQuery(redirectUri, { error, error_description: description, state }));
    return undefined;
  };

  const responseType = str(input, 'response_type');
  if (!responseType) return fail('invalid_request', missingParam('response_type'));
  if (responseType !== 'code') return fail('unsupported_response_type');
  const requested = parseScopes(str(input, 'scope'));
  const scopes = requested.length > 0 ? requested : [...defaultScopes];
  if (!allConfigured(scopes) || !isSubset(scopes, app.scopes)) return fail('invalid_scope');

  // Before 4.3 Mastodon had no PKCE: the challenge is simply not looked at.
  const codeChallenge = server.options.pkce ? str(input, 'code_challenge') || null : null;
  const method = str(input, 'code_challenge_method');
  if (codeChallenge !== null && method !== 'S256') return fail('invalid_request', 'The code_challenge_method must be S256.');

  const hidden: Record<string, string> = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: scopes.join(' ') };
  if (state !== undefined) hidden.state = state;
  if (codeChallenge !== null) Object.assign(hidden, { code_challenge: codeChallenge, code_challenge_method: 'S256' });
  return { app, redirectUri, scopes, state, codeChallenge, hidden };
}

function showForm(ctx: Ctx, pre: PreAuthorization, status = 200, error?: string, username?: string): void {
  const form = { instanceTitle: ctx.server.options.title, appName: pre.app.name, appWebsite: pre.app.website, scopes: pre.scopes, hidden: pre.hidden };
  sendHtml(ctx, status, authorizePage({ ...form, error, username }), noStore);
}

function decide(ctx: Ctx): void {
  const pre = preAuthorize(ctx);
  if (!pre) return;
  const { input, server } = ctx;
  const denied = str(input, 'decision') === 'deny' || str(input, '_method')?.toLowerCase() === 'delete';
  if (denied) {
    const description = oauthDescriptions.access_denied;
    if (isOob(pre.redirectUri)) sendHtml(ctx, 400, oauthErrorPage(description), noStore);
    else redirect(ctx, withQuery(pre.redirectUri, { error: 'access_denied', error_description: description, state: pre.state }));
    return;
  }

  const username = str(input, 'username') ?? '';
  const user = server.state.userByName(username);
  // Mastodon's sign-in page shows the form again with a flash message; we keep the consent form on the same page.
  if (!user || user.password !== str(input, 'password')) return showForm(ctx, pre, 200, 'Invalid username or password.', username);

  const grant = server.state.createGrant({ appId: pre.app.id, userId: user.id, redirectUri: pre.redirectUri, scopes: pre.scopes, codeChallenge: pre.codeChallenge });
  if (isOob(pre.redirectUri)) redirect(ctx, `${server.baseUrl()}/oauth/authorize/native?code=${encodeURIComponent(grant.code)}`);
  else redirect(ctx, withQuery(pre.redirectUri, { code: grant.code, state: pre.state }));
}

export function authorizeRoutes(router: Router): void {
  router.add('GET', '/oauth/authorize', (ctx) => {
    const pre = preAuthorize(ctx);
    if (pre) showForm(ctx, pre);
  });
  router.add('POST', '/oauth/authorize', decide);
  router.add('GET', '/oauth/authorize/native', (ctx) => {
    const code = str(ctx.input, 'code');
    if (code) sendHtml(ctx, 200, codePage(code), noStore);
    else errorPage(ctx, 400, missingParam('code'));
  });
}
