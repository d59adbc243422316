import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { en } from '../../shared/i18n/en.ts';

/** Renderer components under test, with Braid's English words (as the app's I18nProvider gives them). */
export function InEnglish({ children }: { children: ReactNode }) {
  return (
    <IntlProvider locale="en" messages={en} onError={(error) => { throw error; }}>
      {children}
    </IntlProvider>
  );
}
