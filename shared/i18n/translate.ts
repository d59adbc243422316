import { IntlMessageFormat } from 'intl-messageformat';
import type { ErrorPhrase } from '../result.ts';
import type { Locale, PseudoLocale } from './locales.ts';
import { catalogues, cliCatalogues, type CliMessageId, type MessageId } from './messages.ts';
import { phraseKnown, phraseText, type MessageValues } from './phrase-text.ts';

export { phraseKnown, phraseText, type MessageValues } from './phrase-text.ts';

/**
 * Words that code outside the window decides and the window, the command line or the desktop
 * notification says: a message of the catalogues and its values, put in a language only where
 * it is shown.
 */
export interface Phrase<Id extends MessageId | CliMessageId = MessageId> {
  id: Id;
  values?: MessageValues;
}

export type Translate = (id: MessageId | CliMessageId, values?: MessageValues) => string;

const translators = new Map<Locale | PseudoLocale, Translate>();

/** Braid's words outside React (the command line, desktop notifications, the menu): the window's catalogues and the command line's. */
export function translator(locale: Locale | PseudoLocale): Translate {
  const made = translators.get(locale);
  if (made) return made;
  const messages: Record<MessageId | CliMessageId, string> = { ...catalogues[locale], ...cliCatalogues[locale] };
  const formats = new Map<MessageId | CliMessageId, IntlMessageFormat>();
  const translate: Translate = (id, values) => {
    let format = formats.get(id);
    if (!format) {
      format = new IntlMessageFormat(messages[id], locale);
      formats.set(id, format);
    }
    return String(format.format(values));
  };
  translators.set(locale, translate);
  return translate;
}

/** A phrase in the language of `translate`. */
export const say = (translate: Translate, phrase: Phrase<MessageId | CliMessageId>): string => translate(phrase.id, phrase.values);

/** A failure's words in the language of `translate`: its phrase where the catalogues have it, else its message (English). */
export function errorText(error: { message: string; phrase?: ErrorPhrase | undefined }, translate: Translate): string {
  if (!error.phrase || !phraseKnown(error.phrase, catalogues.en)) return error.message;
  return phraseText(error.phrase, (id, values) => translate(id as MessageId, values));
}
