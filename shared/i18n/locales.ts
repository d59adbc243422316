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

/** Each language named in itself, for the language setting. */
export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français' };
