import { STATUS_CODES } from 'node:http';
import { sendHtml, sendJson, type Ctx } from './http.ts';
import { statusPage } from './pages.ts';

/** Doorkeeper's wording, with Mastodon's locale overrides. */
export const oauthDescriptions = {
  invalid_request: 'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_redirect_uri: 'The redirect uri included is not valid.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  unauthorized_client: 'The client is not authorized to perform this request using this method.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  access_denied: 'The resource owner or authorization server denied the request.',
} as const;

export type OAuthErrorName = keyof typeof oauthDescriptions;

export function missingParam(name: string): string {
  return `Missing required parameter: ${name}.`;
}

export interface ErrorBody {
  error: string;
  error_description?: string;
}

/** Every error goes through here so `htmlErrors` can turn it into the HTML page some proxies and servers answer. */
export function sendError(ctx: Ctx, status: number, body: ErrorBody, headers: Record<string, string> = {}): void {
  const { htmlErrors } = ctx.server.options;
  if (htmlErrors === true || (htmlErrors === 'unless-json-asked' && !(ctx.req.headers.accept ?? '').includes('json'))) {
    sendHtml(ctx, status, statusPage(status, STATUS_CODES[status] ?? 'Error', body.error_description ?? body.error), headers);
  } else {
    sendJson(ctx, status, body, headers);
  }
}

export function sendOAuthError(ctx: Ctx, name: OAuthErrorName, description: string = oauthDescriptions[name]): void {
  const status = name === 'invalid_client' ? 401 : 400;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (status === 401) headers['WWW-Authenticate'] = `Bearer realm="Doorkeeper", error="${name}", error_description="${description}"`;
  sendError(ctx, status, { error: name, error_description: description }, headers);
}

/**
 * No route matched. Mastodon's catch-all route ends in ApplicationController#respond_with_error, which answers
 * JSON only when the request asks for JSON and its HTML error page otherwise (fetch accepts any type by default).
 */
export function routeNotFound(ctx: Ctx): void {
  const wantsJson = (ctx.req.headers.accept ?? '').includes('json');
  if (wantsJson && ctx.server.options.htmlErrors !== true) sendJson(ctx, 404, { error: 'Not Found' });
  else sendHtml(ctx, 404, statusPage(404, 'Not Found', "The page you are looking for isn't here."));
}

/** What Api::BaseController answers when a record lookup fails (for routes with ids, added later). */
export function recordNotFound(ctx: Ctx): void {
  sendError(ctx, 404, { error: 'Record not found' });
}
