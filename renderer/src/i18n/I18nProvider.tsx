import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import type { LanguagePreference } from '../../../shared/contract.ts';
import { en, type Catalogue } from '../../../shared/i18n/en.ts';
import { directionOf, localeOf, type Locale, type PseudoLocale } from '../../../shared/i18n/locales.ts';
import { call, onEvent } from '../api.ts';
import { answerOf } from '../state/first-calls.ts';

const languageKey = () => ['language'] as const;
const languageQuery = { queryKey: languageKey(), queryFn: () => answerOf('language.get', () => call('language.get')), staleTime: Infinity } as const;

type Shown = Locale | PseudoLocale;

/** English is in the first bundle; another language's words are a file of their own, loaded when it is chosen. */
const bundled: Partial<Record<Shown, Catalogue>> = { en, 'en-XB': en };
const elsewhere: Record<Exclude<Shown, 'en' | 'en-XB'>, () => Promise<Catalogue>> = {
  fr: () => import('../../../shared/i18n/fr.ts').then((module) => module.fr),
};
const catalogueOf = async (locale: Shown) => ({ locale, messages: bundled[locale] ?? (await elsewhere[locale as keyof typeof elsewhere]()) });
const catalogueQuery = (locale: Shown) => ({ queryKey: ['catalogue', locale], queryFn: () => catalogueOf(locale), staleTime: Infinity, gcTime: Infinity }) as const;

/** Asked before React starts, beside the accounts: the first screen is drawn in the user's language. */
export const prefetchLanguage = async (client: QueryClient) => {
  await client.prefetchQuery(languageQuery);
  await client.prefetchQuery(catalogueQuery(localeOf(client.getQueryData<LanguagePreference>(languageKey()) ?? 'system', navigator.languages)));
};

export function useLanguagePreference() {
  return useQuery(languageQuery);
}

/** Chooses the language (shown at once; the core keeps it and tells every window). */
export function useSetLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: LanguagePreference) => call('language.set', language),
    onMutate: (language) => client.setQueryData(languageKey(), language),
  });
}

/** The language Braid's words are in: the one chosen, else the system's first that Braid speaks. */
function useLocale(): Shown {
  const client = useQueryClient();
  useEffect(() => onEvent('language.changed', (language) => client.setQueryData(languageKey(), language)), [client]);
  return localeOf(useLanguagePreference().data ?? 'system', navigator.languages);
}

/** Every screen's words from the catalogues (shared/i18n): a key missing from one is an error, never shown. */
export function I18nProvider({ children }: { children: ReactNode }) {
  // While a newly chosen language loads, the words stay in the one before.
  const wanted = useLocale();
  const inBundle = bundled[wanted];
  const catalogue = useQuery({ ...catalogueQuery(wanted), initialData: inBundle && { locale: wanted, messages: inBundle }, placeholderData: keepPreviousData }).data;
  const locale = catalogue?.locale;
  useEffect(() => {
    if (!locale) return;
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  if (!catalogue) return null; // a few milliseconds, the first time only: never a screen in the wrong language
  return (
    <IntlProvider locale={catalogue.locale} messages={catalogue.messages} defaultLocale="en" onError={(error) => console.error(error.message)}>
      {children}
    </IntlProvider>
  );
}
