import { sendError } from './errors.ts';
import type { Ctx } from './http.ts';
import { grantsAny } from './scopes.ts';
import { tokenStatus, type Token, type User } from './state.ts';

const invalidTokenMessages = {
  unknown: 'The access token is invalid',
  revoked: 'The access token was revoked',
  expired: 'The access token expired',
} as const;

/** Doorkeeper reads the Authorization header first, then the `access_token` parameter. */
export function presentedToken(ctx: Ctx): string | undefined {
  const header = ctx.req.headers.authorization;
  const bearer = header && /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (bearer) return bearer;
  const param = ctx.input.access_token;
  return typeof param === 'string' && param !== '' ? param : undefined;
}

function refuse(ctx: Ctx, reason: keyof typeof invalidTokenMessages): void {
  const description = invalidTokenMessages[reason];
  sendError(ctx, 401, { error: description }, { 'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"` });
}

/** doorkeeper_authorize! with Mastodon's render options; answers the error itself and returns undefined on failure. */
export function authorize(ctx: Ctx, anyOf: string[]): Token | undefined {
  const value = presentedToken(ctx);
  const token = value === undefined ? undefined : ctx.server.state.tokenByAccess(value);
  if (!token) return void refuse(ctx, 'unknown');
  const status = tokenStatus(token);
  if (status !== 'live') return void refuse(ctx, status);
  if (!grantsAny(token.scopes, anyOf)) {
    sendError(ctx, 403, { error: 'This action is outside the authorized scopes' }, { 'WWW-Authenticate': 'Bearer realm="Doorkeeper", error="insufficient_scope"' });
    return undefined;
  }
  return token;
}

/** Mastodon's require_user!: app-only tokens (client_credentials) get 422. */
export function authorizeUser(ctx: Ctx, anyOf: string[]): { token: Token; user: User } | undefined {
  const token = authorize(ctx, anyOf);
  if (!token) return undefined;
  const user = token.userId === null ? undefined : ctx.server.state.users.get(token.userId);
  if (!user) {
    sendError(ctx, 422, { error: 'This method requires an authenticated user' });
    return undefined;
  }
  return { token, user };
}

/**
 * authorize_if_got_token!: without a token, or with one Doorkeeper does not know at all, the request is anonymous; a
 * known token must be live and hold one of the scopes. `user` is null for anonymous requests and app tokens.
 */
export function authorizeIfToken(ctx: Ctx, anyOf: string[]): { token: Token | null; user: User | null } | undefined {
  const value = presentedToken(ctx);
  if (value === undefined || !ctx.server.state.tokenByAccess(value)) return { token: null, user: null };
  const token = authorize(ctx, anyOf);
  if (!token) return undefined;
  return { token, user: token.userId === null ? null : (ctx.server.state.users.get(token.userId) ?? null) };
}
