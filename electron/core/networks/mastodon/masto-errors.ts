import { MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import type { ErrorCode } from '../../../../shared/contract.ts';
import { phrase, ServerError, selectNone, type What } from '../../base/errors.ts';
import { retryAtFrom } from '../../http/retry-at.ts';

const codeForStatus = (status: number): ErrorCode =>
  status === 401 ? 'auth_expired'
  : status === 429 ? 'rate_limited'
  : status === 404 || status === 501 ? 'not_supported'
  : status >= 400 && status < 500 ? 'invalid_input'
  : 'server';

/** Whatever masto threw, as a ServerError that names the server and says what happened. */
export function fromMastoError(error: unknown, host: string, what: What): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof MastoHttpError) {
    // masto keeps the failed Response as the cause: its headers say when to try again.
    const retryAt = error.cause instanceof Response ? retryAtFrom(error.cause.headers) : undefined;
    // An HTML error page reaches masto as a JSON error marked braid_error_page (http/answer-cap.ts).
    const errorPage = error.additionalProperties?.braidErrorPage === true;
    const said = !errorPage && typeof error.message === 'string' && error.message && !error.message.trimStart().startsWith('<') ? error.message : null;
    return new ServerError(
      codeForStatus(error.statusCode),
      said ? phrase('error.refusedHttpSaid', { host, what, status: error.statusCode, said }) : phrase('error.errorPageStatus', { host, what, status: error.statusCode }),
      { status: error.statusCode, cause: error, ...(retryAt ? { retryAt } : {}) },
    );
  }
  if (error instanceof MastoTimeoutError) return new ServerError('network', phrase('error.timedOut', { host, what, tried: selectNone }), { cause: error });
  if (error instanceof MastoDeserializeError || error instanceof MastoUnexpectedError) {
    return new ServerError('server', phrase('error.notMastodon', { host, what }), { cause: error });
  }
  // A failed fetch is a TypeError with a cause. Without one, it is masto 8 reading the JSON body
  // of an error answered as an HTML page (Pleroma, proxies, outages).
  if (error instanceof TypeError && error.cause === undefined) {
    return new ServerError('server', phrase('error.errorPage', { host, what }), { cause: error });
  }
  if (error instanceof TypeError) return new ServerError('network', phrase('error.unreachable', { host, tried: selectNone }), { cause: error });
  return new ServerError('internal', phrase('error.wentWrong', { host, what }), { cause: error });
}
