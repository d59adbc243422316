import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../../../shared/i18n/messages.ts';

type Values = Record<string, string | number | Date>;

/** `words(id, values)`: a message of the catalogues in the user's language (ICU: plurals, numbers, dates). */
export function useWords() {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}

export type Words = ReturnType<typeof useWords>;
