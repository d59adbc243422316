/**
 * The core's one error type, and its error style:
 * - inside the core, a failure the user should see (a server said no, a network is down, input
 *   is wrong) is THROWN as a ServerError with a code of the contract's closed union;
 * - at the contract, the dispatcher (dispatch.ts) turns it into a `Result` ({ ok: false, error });
 *   a handler may also answer a Result itself where a failure belongs to one account.
 * Anything else thrown is a bug: the dispatcher logs it and answers `internal`.
 */
import type { AppError, ErrorCode } from '../../../shared/contract.ts';

export class ServerError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  /** The server's own error code, e.g. OAuth's invalid_grant, when it gave one. */
  readonly serverCode: string | undefined;
  /** When the server said to try again (epoch ms), from its rate-limit or Retry-After headers. */
  readonly retryAt: number | undefined;
  constructor(code: ErrorCode, message: string, options: { status?: number; serverCode?: string; retryAt?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ServerError';
    this.code = code;
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.retryAt = options.retryAt;
  }
}

// Failures that happen before a connection exists: a request that ends with one was never sent.
const beforeConnecting = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether the error (or any error it wraps) says the server was never reached: nothing can have landed. */
export function neverReached(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && beforeConnecting.has(code)) return true;
  }
  return false;
}

/** A failure that belongs to one account, as the contract shows it: a ServerError says its own words; anything else (a bug) says `internal` in words of what was being done. */
export const accountError = (error: unknown, accountId: string, internal: string): AppError =>
  error instanceof ServerError ? { code: error.code, message: error.message, account: accountId } : { code: 'internal', message: internal, account: accountId };
