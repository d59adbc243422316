import { XRPCError } from '@atproto/api';
import { ServerError } from '../../base/errors.ts';
import { retryAtFrom } from '../../http/retry-at.ts';

/** An error from @atproto/api as a ServerError that says what happened, for the given action. */
export function fromXrpcError(error: unknown, host: string, what: string): ServerError {
  if (error instanceof ServerError) return error;
  if (!(error instanceof XRPCError)) {
    return new ServerError('network', `Could not reach ${host} for ${what}.`, { cause: error });
  }
  const said = error.message && error.message !== error.error ? `: “${error.message}”` : '';
  if (error.error === 'ExpiredToken' || error.error === 'InvalidToken') {
    // A revoked or spent session token (the PDS answers 400 for a revoked refresh token).
    return new ServerError('auth_expired', `${host} no longer accepts this session: sign in again.`, { status: error.status, serverCode: error.error });
  }
  if (error.error === 'AuthFactorTokenRequired') {
    return new ServerError('auth_factor_required', 'Bluesky sent a sign-in code to your e-mail address. Type it to finish signing in.', { serverCode: error.error });
  }
  const status: number = error.status; // a ResponseType: 1 no answer, 2 invalid answer, else HTTP
  switch (status) {
    case 1:
      return new ServerError('network', `Could not reach ${host} for ${what}.`, { cause: error });
    case 2:
      return new ServerError('server', `${host} answered ${what} in a shape Braid does not understand.`, { cause: error });
    case 401:
      return new ServerError('auth_expired', `${host} refused ${what}${said}.`, { status: 401, serverCode: error.error });
    case 429: {
      const retryAt = retryAtFrom(error.headers);
      const when = retryAt ? ` Try again after ${new Date(retryAt).toLocaleTimeString()}.` : '';
      return new ServerError('rate_limited', `${host} asks Braid to slow down (${what}).${when}`, { status: 429, ...(retryAt ? { retryAt } : {}) });
    }
    default: {
      const retryAt = retryAtFrom(error.headers);
      return new ServerError(
        status >= 500 ? 'server' : 'invalid_input',
        `${host} refused ${what} (${status})${said}.`,
        { status, serverCode: error.error, ...(retryAt ? { retryAt } : {}) },
      );
    }
  }
}
