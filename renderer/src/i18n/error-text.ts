import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { errorCodes, type ErrorCode, type ErrorPhrase } from '../../../shared/result.ts';
import type { MessageId } from '../../../shared/i18n/messages.ts';
import { phraseKnown, phraseText } from '../../../shared/i18n/phrase-text.ts';
import { useWords } from './use-words.ts';

const isErrorCode = (code: unknown): code is ErrorCode => (errorCodes as readonly unknown[]).includes(code);

/** What useErrorText reads of a failure: a core's AppError, a BraidError, or any Error. */
export interface ShownError {
  message: string;
  code?: unknown;
  phrase?: ErrorPhrase | undefined;
}

/**
 * A failure as the user reads it. Where the core built its words as a phrase of the catalogues,
 * the phrase in the user's language. Otherwise the message is English (the core's older words,
 * or a server's): in another language the kind of failure comes first in that language, with
 * the English message after it, so nothing the server said is lost.
 */
export function useErrorText() {
  const intl = useIntl();
  const words = useWords();
  return useCallback(
    (error: ShownError) => {
      if (error.phrase && phraseKnown(error.phrase, intl.messages)) return phraseText(error.phrase, (id, values) => words(id as MessageId, values));
      return intl.locale.startsWith('en') || !isErrorCode(error.code) ? error.message : words('error.inEnglish', { lead: words(`error.lead.${error.code}`), detail: error.message });
    },
    [intl.locale, intl.messages, words],
  );
}
