import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import type { LanguagePreference } from '../../../shared/contract.ts';
import { catalogues } from '../../../shared/i18n/messages.ts';
import { directionOf, pickLocale, type Locale, type PseudoLocale } from '../../../shared/i18n/locales.ts';
import { call, onEvent } from '../api.ts';

const languageKey = () => ['language'] as const;
const languageQuery = { queryKey: languageKey(), queryFn: () => call('language.get'), staleTime: Infinity } as const;

/** Asked before React starts, beside the accounts: the first screen is drawn in the user's language. */
export const prefetchLanguage = (client: QueryClient) => client.prefetchQuery(languageQuery);

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
function useLocale(): Locale | PseudoLocale {
  const client = useQueryClient();
  useEffect(() => onEvent('language.changed', (language) => client.setQueryData(languageKey(), language)), [client]);
  const preference = useLanguagePreference().data ?? 'system';
  return preference === 'system' ? pickLocale(navigator.languages) : preference;
}

/** Every screen's words from the catalogues (shared/i18n): a key missing from one is an error, never shown. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  return (
    <IntlProvider locale={locale} messages={catalogues[locale]} defaultLocale="en" onError={(error) => console.error(error.message)}>
      {children}
    </IntlProvider>
  );
}
