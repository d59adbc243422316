import type { Draft } from '../../../../shared/domain/draft.ts';
import { ErrorPanel, FormError } from '../../components/ErrorPanel.tsx';
import { useDrafts } from '../../state/drafts.ts';
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
  const list = drafts.data ?? [];
  return (
    <section className="compose-section" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="section-title">
        Drafts
      </h2>
      {drafts.error ? <ErrorPanel title="The drafts could not be loaded" error={drafts.error} /> : null}
      <FormError error={deleteError} />
      {drafts.isSuccess && list.length === 0 ? <p className="muted compose-empty">No drafts. What you write is saved here as you type.</p> : null}
      <ul className="drafts-list">
        {list.map((draft) => {
          const name = excerpt(draft.text || draft.variants.mastodon || draft.variants.bluesky || '', 60) || (draft.media.length ? `${draft.media.length} image(s)` : 'Empty draft');
          const open = draft.id === openId;
          return (
            <li key={draft.id} className="draft-item" data-testid="draft" aria-current={open || undefined}>
              <div className="draft-text">
                <span dir="auto">{name}</span>
                <small className="muted">
                  {open ? 'Open now · ' : ''}
                  {timeWords(draft.updatedAt)}
                </small>
              </div>
              <button type="button" className="button button-quiet" disabled={open} aria-label={`Open draft: ${name}`} onClick={() => onOpen(draft)}>
                Open
              </button>
              <button type="button" className="button button-quiet" aria-label={`Delete draft: ${name}`} onClick={() => onDelete(draft)}>
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
