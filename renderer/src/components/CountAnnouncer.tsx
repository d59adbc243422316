import { useState } from 'react';
import type { MessageId } from '../../../shared/i18n/messages.ts';
import { useWords } from '../i18n/use-words.ts';

/**
 * Says politely to a screen reader when a count goes up ("3 new posts above"), in a live region
 * that is always there (one added with its words is not read). A count going down, as posts are
 * read, says nothing.
 */
export function CountAnnouncer({ count, message }: { count: number; message: MessageId }) {
  const words = useWords();
  const [heard, setHeard] = useState({ count, said: '' });
  if (count !== heard.count) setHeard({ count, said: count > heard.count ? words(message, { count }) : count === 0 ? '' : heard.said });
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {heard.said}
    </p>
  );
}
