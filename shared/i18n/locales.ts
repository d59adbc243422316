/** The languages Braid speaks (English is the source: every other catalogue translates its keys). */
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

const isLocale = (tag: string): tag is Locale => (locales as readonly string[]).includes(tag);

/** The first of the user's languages (BCP 47 tags, most wanted first) that Braid speaks; else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLocale(language)) return language;
  }
  return 'en';
}

/**
 * A pseudo-language for tests and for developers, as Chromium's: the English words laid out right
 * to left, so that a screen that does not mirror shows at once. Not offered in the settings.
 */
export const pseudoLocales = ['en-XB'] as const;
export type PseudoLocale = (typeof pseudoLocales)[number];

const rightToLeftLanguages = new Set(['ar', 'fa', 'he', 'ur']);

/** Which way a language's text and screens run. */
export const directionOf = (locale: string): 'ltr' | 'rtl' =>
  locale === 'en-XB' || rightToLeftLanguages.has(locale.toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';

/** Each language named in itself, for the language setting. */
export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

/** The language Braid's words are in: the one chosen, else the system's first that Braid speaks. */
export const localeOf = (preference: Locale | PseudoLocale | 'system', systemLanguages: readonly string[]): Locale | PseudoLocale =>
  preference === 'system' ? pickLocale(systemLanguages) : preference;
