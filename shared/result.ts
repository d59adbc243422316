/**
 * Results and error codes, without zod: the bridges (Electron preload, browser page) need these
 * and nothing heavier. shared/contract.ts builds its schemas from them and re-exports them.
 */

export const errorCodes = [
  'auth_expired', // the server refused the account's credentials: sign in again
  'auth_factor_required', // the server sent a one-time code (e-mail) that sign-in needs
  'rate_limited', // the server asked us to wait
  'network', // no answer: offline, timeout, connection lost
  'server', // the server answered with an error or nonsense
  'invalid_input', // the request itself was wrong
  'too_long', // a server refused a post as too long (it counts differently): send it as a thread, or cut it
  'not_supported', // this network or server cannot do that
  'unknown_outcome', // sent, but no answer: Braid is checking whether it happened
  'not_found',
  'unauthorized', // the caller (window, browser tab) is not allowed to call the core
  'internal', // a bug in Braid
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** The account the error belongs to, when it belongs to one. */
  account?: string | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, account?: string): Result<never> => ({
  ok: false,
  error: account === undefined ? { code, message } : { code, message, account },
});
