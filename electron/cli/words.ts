/**
 * The command line's language, chosen as POSIX programs choose theirs: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty ("fr_FR.UTF-8" → French); "C", "POSIX", none,
 * or a language Braid does not speak → English. Its words come from its own catalogues
 * (shared/i18n/cli.*.ts) and the window's. --json is never translated: what scripts read is the same everywhere.
 */
import type { AppError } from '../../shared/contract.ts';
import { pickLocale, type Locale } from '../../shared/i18n/locales.ts';
import type { CliMessageId, MessageId } from '../../shared/i18n/messages.ts';
import { errorText, translator, type Phrase, type Translate } from '../../shared/i18n/translate.ts';

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value?.trim())?.trim();
  // "fr_FR.UTF-8", "fr_CA@euro", "fr": the language before the territory, codeset and modifier.
  const language = setting?.split(/[.@]/)[0] ?? '';
  if (language === '' || language === 'C' || language === 'POSIX') return 'en';
  return pickLocale([language]);
}

/** The user's language, for this run. */
export const locale: Locale = cliLocale();
/** The command line's words in the user's language. */
export const words: Translate = translator(locale);
/** The same words in English: for the messages --json carries. */
export const english: Translate = translator('en');

/** Words said now or later, in any language: a message of the catalogues, or one built of several. */
export type Wording = Phrase<MessageId | CliMessageId> | ((translate: Translate) => string);

export const wordsOf = (wording: Wording, translate: Translate = words): string =>
  typeof wording === 'function' ? wording(translate) : translate(wording.id, wording.values);

/**
 * A failure of the core in the user's language: its phrase where it built one this command line
 * knows, else its message (English). --json prints the message, never this.
 */
export const coreWords = (error: Pick<AppError, 'message' | 'phrase'>, translate: Translate = words): string =>
  translate === english ? error.message : errorText(error, translate);

/** The same as a Wording (for CliError): the phrase in the user's language, and in English the core's own message. */
export const coreWording = (error: Pick<AppError, 'message' | 'phrase'>): Wording => (translate) => coreWords(error, translate);
