import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { errorCodes, type ErrorCode } from '../../../shared/result.ts';
import { useWords } from './use-words.ts';

const isErrorCode = (code: unknown): code is ErrorCode => (errorCodes as readonly unknown[]).includes(code);

/**
 * A failure as the user reads it. The core's messages (and the servers' they pass on) are
 * English: in another language the kind of failure comes first in that language, with the
 * English message after it, so nothing the server said is lost.
 */
export function useErrorText() {
  const intl = useIntl();
  const words = useWords();
  return useCallback(
    (error: { message: string; code?: unknown }) =>
      intl.locale.startsWith('en') || !isErrorCode(error.code) ? error.message : words('error.inEnglish', { lead: words(`error.lead.${error.code}`), detail: error.message }),
    [intl.locale, words],
  );
}
