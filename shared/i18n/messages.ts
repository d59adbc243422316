import { en, type Catalogue, type MessageId } from './en.ts';
import { fr } from './fr.ts';
import type { Locale, PseudoLocale } from './locales.ts';

export type { MessageId };

/** Every language's messages, by locale (the right-to-left pseudo-language uses the English words). */
export const catalogues: Record<Locale | PseudoLocale, Catalogue> = { en, fr, 'en-XB': en };
