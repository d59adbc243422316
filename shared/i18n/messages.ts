import { en, type Catalogue, type MessageId } from './en.ts';
import { fr } from './fr.ts';
import type { Locale } from './locales.ts';

export type { MessageId };

/** Every language's messages, by locale. */
export const catalogues: Record<Locale, Catalogue> = { en, fr };
