/**
 * A failure's phrase (shared/result.ts ErrorPhrase) put into words, with no catalogue imported:
 * the window reads it without loading every language (translate.ts imports them all).
 */
import type { ErrorPhrase } from '../result.ts';

export type MessageValues = Record<string, string | number | Date>;

/** A failure's phrase (shared/result.ts ErrorPhrase) in the language of `format`: its fragments first, then the sentence that holds them. */
export function phraseText(phrase: ErrorPhrase, format: (id: string, values?: MessageValues) => string): string {
  if (!phrase.values) return format(phrase.id);
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(phrase.values)) values[name] = typeof value === 'object' ? phraseText(value, format) : value;
  return format(phrase.id, values);
}

/** Whether the phrase and every fragment of it are messages of `messages` (a phrase from a newer core may not be). */
export function phraseKnown(phrase: ErrorPhrase, messages: object): boolean {
  if (!Object.hasOwn(messages, phrase.id)) return false;
  return Object.values(phrase.values ?? {}).every((value) => typeof value !== 'object' || phraseKnown(value, messages));
}
