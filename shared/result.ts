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

/**
 * A failure's words as a message of the catalogues (shared/i18n, ids 'error.…') and its values,
 * for the window and the command line to say in the user's language. Plain JSON: a value is a
 * string, a number, or a phrase of its own (a fragment such as "the home timeline", said in the
 * same language before the sentence that holds it).
 */
export interface ErrorPhrase<Id extends string = string> {
  id: Id;
  values?: Record<string, string | number | ErrorPhrase<Id>> | undefined;
}

export interface AppError {
  code: ErrorCode;
  /** In English, always: logs, the command line's --json and older readers use it. */
  message: string;
  /** The same words as a phrase, when the core built them: the window and the command line say it in the user's language. */
  phrase?: ErrorPhrase | undefined;
  /** The account the error belongs to, when it belongs to one. */
  account?: string | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, account?: string): Result<never> => ({
  ok: false,
  error: account === undefined ? { code, message } : { code, message, account },
});
