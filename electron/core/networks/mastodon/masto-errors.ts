import { MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import type { ErrorCode } from '../../../../shared/contract.ts';
import { ServerError } from '../../base/errors.ts';
import { retryAtFrom } from '../../http/retry-at.ts';

const codeForStatus = (status: number): ErrorCode =>
  status === 401 ? 'auth_expired'
  : status === 429 ? 'rate_limited'
  : status === 404 || status === 501 ? 'not_supported'
  : status >= 400 && status < 500 ? 'invalid_input'
  : 'server';

/** Whatever masto threw, as a ServerError that names the server and says what happened. */
export function fromMastoError(error: unknown, host: string, what: string): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof MastoHttpError) {
    // masto keeps the failed Response as the cause: its headers say when to try again.
    const retryAt = error.cause instanceof Response ? retryAtFrom(error.cause.headers) : undefined;
    // An HTML error page reaches masto as a JSON error marked braid_error_page (http/answer-cap.ts).
    const errorPage = error.additionalProperties?.braidErrorPage === true;
    const said = !errorPage && typeof error.message === 'string' && error.message && !error.message.trimStart().startsWith('<') ? error.message : null;
    return new ServerError(
      codeForStatus(error.statusCode),
      said ? `${host} refused ${what} (HTTP ${error.statusCode}): “${said}”.` : `${host} answered ${what} with an error page instead of data (HTTP ${error.statusCode}).`,
      { status: error.statusCode, cause: error, ...(retryAt ? { retryAt } : {}) },
    );
  }
  if (error instanceof MastoTimeoutError) return new ServerError('network', `${host} did not answer ${what} in time.`, { cause: error });
  if (error instanceof MastoDeserializeError || error instanceof MastoUnexpectedError) {
    return new ServerError('server', `${host} answered ${what} with something that is not Mastodon data.`, { cause: error });
  }
  // A failed fetch is a TypeError with a cause. Without one, it is masto 8 reading the JSON body
  // of an error answered as an HTML page (Pleroma, proxies, outages).
  if (error instanceof TypeError && error.cause === undefined) {
    return new ServerError('server', `${host} answered ${what} with an error page instead of data.`, { cause: error });
  }
  if (error instanceof TypeError) return new ServerError('network', `Could not reach ${host}.`, { cause: error });
  return new ServerError('internal', `Something went wrong with ${what} on ${host}.`, { cause: error });
}
