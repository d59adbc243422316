import { XRPCError } from '@atproto/api';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { retryAtFrom } from '../../http/retry-at.ts';

/** An error from @atproto/api as a ServerError that says what happened, for the given action. */
export function fromXrpcError(error: unknown, host: string, what: What): ServerError {
  if (error instanceof ServerError) return error;
  if (!(error instanceof XRPCError)) {
    return new ServerError('network', phrase('error.unreachableFor', { host, what }), { cause: error });
  }
  const said = error.message && error.message !== error.error ? error.message : '';
  if (error.error === 'ExpiredToken' || error.error === 'InvalidToken') {
    // A revoked or spent session token (the PDS answers 400 for a revoked refresh token).
    return new ServerError('auth_expired', phrase('error.sessionRefused', { host }), { status: error.status, serverCode: error.error });
  }
  if (error.error === 'AuthFactorTokenRequired') {
    return new ServerError('auth_factor_required', phrase('error.signIn.codeSent'), { serverCode: error.error });
  }
  const status: number = error.status; // a ResponseType: 1 no answer, 2 invalid answer, else HTTP
  switch (status) {
    case 1:
      return new ServerError('network', phrase('error.unreachableFor', { host, what }), { cause: error });
    case 2:
      return new ServerError('server', phrase('error.badShape', { host, what }), { cause: error });
    case 401:
      return new ServerError('auth_expired', said ? phrase('error.refusedSaid', { host, what, said }) : phrase('error.refused', { host, what }), { status: 401, serverCode: error.error });
    case 429: {
      const retryAt = retryAtFrom(error.headers);
      const words = retryAt ? phrase('error.slowDownUntil', { host, what, at: retryAt }) : phrase('error.slowDown', { host, what });
      return new ServerError('rate_limited', words, { status: 429, ...(retryAt ? { retryAt } : {}) });
    }
    default: {
      const retryAt = retryAtFrom(error.headers);
      return new ServerError(
        status >= 500 ? 'server' : 'invalid_input',
        said ? phrase('error.refusedStatusSaid', { host, what, status, said }) : phrase('error.refusedStatus', { host, what, status }),
        { status, serverCode: error.error, ...(retryAt ? { retryAt } : {}) },
      );
    }
  }
}
