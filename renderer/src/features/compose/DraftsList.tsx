import type { Draft } from '../../../../shared/domain/draft.ts';
import { ErrorPanel, FormError } from '../../components/ErrorPanel.tsx';
import { useDrafts } from '../../state/drafts.ts';
import { useIntl } from 'react-intl';
import { useWords } from '../../i18n/use-words.ts';
import { excerpt, timeWords } from './words.ts';

interface DraftsListProps {
  openId: string;
  onOpen: (draft: Draft) => void;
  onDelete: (draft: Draft) => void;
  deleteError: Error | null;
}

/** Drafts not sent yet: reopen one, or throw it away. */
export function DraftsList({ openId, onOpen, onDelete, deleteError }: DraftsListProps) {
  const drafts = useDrafts();
  const words = useWords();
  const { locale } = useIntl();
  const list = drafts.data ?? [];
  return (
    <section className="compose-section" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="section-title">
        {words('compose.drafts.title')}
      </h2>
      {drafts.error ? <ErrorPanel title={words('compose.drafts.failed')} error={drafts.error} /> : null}
      <FormError error={deleteError} />
      {drafts.isSuccess && list.length === 0 ? <p className="muted compose-empty">{words('compose.drafts.none')}</p> : null}
      <ul className="drafts-list">
        {list.map((draft) => {
          const name = excerpt(draft.text || draft.variants.mastodon || draft.variants.bluesky || '', 60) || (draft.media.length ? words('compose.drafts.images', { count: draft.media.length }) : words('compose.drafts.empty'));
          const open = draft.id === openId;
          return (
            <li key={draft.id} className="draft-item" data-testid="draft" aria-current={open || undefined}>
              <div className="draft-text">
                <span dir="auto">{name}</span>
                <small className="muted">
                  {open ? words('compose.drafts.openNow', { time: timeWords(draft.updatedAt, locale) }) : timeWords(draft.updatedAt, locale)}
                </small>
              </div>
              <button type="button" className="button button-quiet" disabled={open} aria-label={words('compose.drafts.openLabel', { name })} onClick={() => onOpen(draft)}>
                {words('compose.drafts.open')}
              </button>
              <button type="button" className="button button-quiet" aria-label={words('compose.drafts.deleteLabel', { name })} onClick={() => onDelete(draft)}>
                {words('compose.drafts.delete')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
