import { useIntl } from 'react-intl';
import type { LanguagePreference } from '../../../../shared/contract.ts';
import { localeNames, locales, pickLocale } from '../../../../shared/i18n/locales.ts';
import { useLanguagePreference, useSetLanguage } from '../../i18n/I18nProvider.tsx';
import { useWords } from '../../i18n/use-words.ts';

/**
 * What the list offers. Checked by hand: the contract's schema would bring every channel's
 * schemas into the first screen's script, to be built before the timeline can paint.
 */
const offered = (value: string): value is LanguagePreference => value === 'system' || (locales as readonly string[]).includes(value);

/** The language of Braid's words: the system's, or one chosen. A rail button showing the language in force; a native list under it. */
export function LanguagePicker() {
  const words = useWords();
  const { locale } = useIntl();
  const preference = useLanguagePreference().data ?? 'system';
  const choose = useSetLanguage();
  return (
    <label className="rail-button language-picker" title={words('language.label')}>
      <span aria-hidden="true">{locale.split('-')[0]!.toUpperCase()}</span>
      <select
        aria-label={words('language.label')}
        value={preference}
        data-testid="language-picker"
        onChange={(event) => offered(event.target.value) && choose.mutate(event.target.value)}
      >
        <option value="system">{words('language.system', { name: localeNames[pickLocale(navigator.languages)] })}</option>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
