/**
 * The core's one error type, and its error style:
 * - inside the core, a failure the user should see (a server said no, a network is down, input
 *   is wrong) is THROWN as a ServerError with a code of the contract's closed union;
 * - at the contract, the dispatcher (dispatch.ts) turns it into a `Result` ({ ok: false, error });
 *   a handler may also answer a Result itself where a failure belongs to one account.
 * Anything else thrown is a bug: the dispatcher logs it and answers `internal`.
 */
import type { AppError, ErrorCode, ErrorPhrase, Result } from '../../../shared/contract.ts';
import type { MessageId } from '../../../shared/i18n/messages.ts';
import { phraseText, translator, type Phrase } from '../../../shared/i18n/translate.ts';

/**
 * A failure's words as a message of the catalogues (shared/i18n/errors.*.ts): the window and the
 * command line say it in the user's language; its English is the error's `message`.
 */
export type CorePhrase = ErrorPhrase<MessageId>;

/** A phrase, or a fragment for one's values ("the home timeline"). */
export const phrase = (id: MessageId, values?: Record<string, string | number | CorePhrase>): CorePhrase => (values ? { id, values } : { id });

/** What was being done, inside a sentence: a fragment (error.what.*), or English words said the same in every language. */
export type What = CorePhrase | string;

/** A select argument's "nothing here" (error.unreachable.*'s `tried`, error.signIn.notFoundOnBluesky's `who`). */
export const selectNone = 'none';

/** A phrase of the catalogues (shared/i18n/translate.ts) as a failure's: its dates as ISO strings, so that it stays plain JSON. */
export const fromPhrase = (words: Phrase): CorePhrase => {
  if (!words.values) return { id: words.id };
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values)) values[name] = value instanceof Date ? value.toISOString() : value;
  return { id: words.id, values };
};

/** Several sentences said one after the other ("First. Second."), as one phrase; none: undefined. */
export const sentences = (list: readonly CorePhrase[]): CorePhrase | undefined =>
  list.length === 0 ? undefined : list.reduce((first, second) => phrase('error.sentences', { first, second }));

const english = translator('en');
/** The phrase in English: the error's `message`, for logs, --json and every reader of `.message`. */
export const inEnglish = (words: CorePhrase): string => phraseText(words, (id, values) => english(id as MessageId, values));

export class ServerError extends Error {
  readonly code: ErrorCode;
  /** The message as a phrase of the catalogues, when it was made from one. */
  readonly phrase: CorePhrase | undefined;
  readonly status: number | undefined;
  /** The server's own error code, e.g. OAuth's invalid_grant, when it gave one. */
  readonly serverCode: string | undefined;
  /** When the server said to try again (epoch ms), from its rate-limit or Retry-After headers. */
  readonly retryAt: number | undefined;
  /** `words`: a phrase of the catalogues (its English becomes the message), or an English message said the same in every language. */
  constructor(code: ErrorCode, words: string | CorePhrase, options: { status?: number; serverCode?: string; retryAt?: number; cause?: unknown } = {}) {
    super(typeof words === 'string' ? words : inEnglish(words), { cause: options.cause });
    this.name = 'ServerError';
    this.code = code;
    this.phrase = typeof words === 'string' ? undefined : words;
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

/** A contract error in these words: a phrase (with its English as the message) or an English message. */
export function appError(code: ErrorCode, words: string | CorePhrase, account?: string): AppError {
  const said: AppError = typeof words === 'string' ? { code, message: words } : { code, message: inEnglish(words), phrase: words };
  return account === undefined ? said : { ...said, account };
}

/** A ServerError as the contract shows it, its phrase kept. */
export const errorOf = (error: ServerError, account?: string): AppError => {
  const shown: AppError = error.phrase ? { code: error.code, message: error.message, phrase: error.phrase } : { code: error.code, message: error.message };
  return account === undefined ? shown : { ...shown, account };
};

/** `fail` of the contract, in words that may be a phrase; or a ServerError as a failed Result, its phrase kept. */
export function refuse(code: ErrorCode, words: string | CorePhrase, account?: string): Result<never>;
export function refuse(error: ServerError, account?: string): Result<never>;
export function refuse(first: ErrorCode | ServerError, second?: string | CorePhrase, third?: string): Result<never> {
  if (first instanceof ServerError) return { ok: false, error: errorOf(first, second as string | undefined) };
  return { ok: false, error: appError(first, second!, third) };
}

/** A failure that belongs to one account, as the contract shows it: a ServerError says its own words; anything else (a bug) says `internal` in words of what was being done. */
export const accountError = (error: unknown, accountId: string, internal: string | CorePhrase): AppError =>
  error instanceof ServerError ? errorOf(error, accountId) : appError('internal', internal, accountId);
