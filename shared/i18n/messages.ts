import { cliEn, type CliMessageId } from './cli.en.ts';
import { cliFr } from './cli.fr.ts';
import { en, type Catalogue, type MessageId } from './en.ts';
import { fr } from './fr.ts';
import type { Locale, PseudoLocale } from './locales.ts';

export type { CliMessageId, MessageId };

/** The window's messages in every language (the right-to-left pseudo-language uses the English words). */
export const catalogues: Record<Locale | PseudoLocale, Catalogue> = { en, fr, 'en-XB': en };

/** The command line's own messages, a catalogue apart so that the window's first bundle does not carry them. */
export const cliCatalogues: Record<Locale | PseudoLocale, Record<CliMessageId, string>> = { en: cliEn, fr: cliFr, 'en-XB': cliEn };
