import { useEffect, useRef, useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { ChevronDownIcon } from '../../components/icons.tsx';
import { useWords } from '../../i18n/use-words.ts';

/**
 * Which of your accounts acts on a post. A light button until asked: a native select on every
 * post was a fifth of what drawing a screenful of new posts cost while scrolling. Clicked, it
 * becomes the select, focused and open.
 */
export function ActorChoice({ accounts, actor, onChoose }: { accounts: AccountSummary[]; actor: AccountSummary | undefined; onChoose: (accountId: string) => void }) {
  const words = useWords();
  const [choosing, setChoosing] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!choosing || !select.current) return;
    select.current.focus();
    try {
      select.current.showPicker();
    } catch {
      // Not every browser opens a select from code; it has the focus, and opens with a key.
    }
  }, [choosing]);

  if (!choosing) {
    return (
      <button type="button" className="actor" aria-haspopup="listbox" aria-label={words('post.actAsChange', { handle: actor?.handle ?? '' })} onClick={() => setChoosing(true)}>
        <span className="actor-handle">{actor ? words('post.actAsAccount', { handle: actor.handle }) : null}</span>
        <ChevronDownIcon size={14} />
      </button>
    );
  }
  return (
    <label className="actor">
      <span className="visually-hidden">{words('post.actAs')}</span>
      <select ref={select} value={actor?.id ?? ''} onChange={(event) => onChoose(event.target.value)} aria-label={words('post.actAs')}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {words('post.actAsAccount', { handle: account.handle })}
          </option>
        ))}
      </select>
    </label>
  );
}
