import { useEffect, useId, useRef, useState } from 'react';
import type { DraftMedia } from '../../../../shared/domain/draft.ts';
import { FormError } from '../../components/ErrorPanel.tsx';
import { attachImage } from '../../state/drafts.ts';
import { useWords } from '../../i18n/use-words.ts';
import { useErrorText } from '../../i18n/error-text.ts';

export const maxImages = 4;

interface MediaEditorProps {
  /** The draft the images belong to: one that finishes after another draft was opened is dropped. */
  draftId: string;
  media: DraftMedia[];
  /** An image the core has taken in: appended to the draft as it is then. */
  onAdded: (media: DraftMedia) => void;
  onAlt: (id: string, alt: string) => void;
  onRemove: (id: string) => void;
}

/** Up to four images, each with its thumbnail, its description (alt text) and a way out. */
export function MediaEditor({ draftId, media, onAdded, onAlt, onRemove }: MediaEditorProps) {
  // One entry per upload under way: the id of the draft it was started for.
  const [uploads, setUploads] = useState<string[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [leftOut, setLeftOut] = useState(0);
  const inputId = useId();
  const words = useWords();
  const errorText = useErrorText();
  const openDraft = useRef(draftId);
  useEffect(() => {
    openDraft.current = draftId;
  }, [draftId]);
  const adding = uploads.filter((id) => id === draftId).length;
  const room = maxImages - media.length - adding;

  const add = (files: File[]) => {
    setError(null);
    const startedFor = draftId;
    const taken = files.slice(0, Math.max(room, 0));
    setLeftOut(files.length - taken.length);
    setUploads((list) => [...list, ...taken.map(() => startedFor)]);
    for (const file of taken) {
      attachImage(file)
        .then(
          (added) => {
            if (openDraft.current === startedFor) onAdded(added);
          },
          (failure: Error) => {
            if (openDraft.current === startedFor) setError(new Error(words('compose.media.failed', { file: file.name, message: errorText(failure) })));
          },
        )
        .finally(() => setUploads((list) => list.toSpliced(list.indexOf(startedFor), 1)));
    }
  };

  return (
    <div className="compose-media">
      {media.length > 0 || adding > 0 ? (
        <ol className="media-list">
          {media.map((item, index) => (
            <MediaItem key={item.id} media={item} number={index + 1} onAlt={(alt) => onAlt(item.id, alt)} onRemove={() => onRemove(item.id)} />
          ))}
          {Array.from({ length: adding }, (_, i) => (
            <li key={`adding-${i}`} className="media-item media-item-adding" aria-busy="true">
              <span className="media-thumb media-thumb-empty">{words('compose.media.adding')}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="media-add">
        <label htmlFor={inputId} className="button file-button" data-disabled={room <= 0 || undefined}>
          {words('compose.media.add')}
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="image/*"
          multiple
          disabled={room <= 0}
          onChange={(event) => {
            add(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
        <span className="muted media-room">{words(room <= 0 ? 'compose.media.full' : 'compose.media.room', { max: maxImages })}</span>
      </div>
      {leftOut > 0 ? (
        <p className="compose-hint" role="status">
          {words('compose.media.leftOut', { max: maxImages, count: leftOut })}
        </p>
      ) : null}
      <FormError error={error} />
    </div>
  );
}

function MediaItem({ media, number, onAlt, onRemove }: { media: DraftMedia; number: number; onAlt: (alt: string) => void; onRemove: () => void }) {
  const altId = useId();
  const reminderId = useId();
  const words = useWords();
  const missing = !media.alt.trim();
  return (
    <li className="media-item">
      <img className="media-thumb" src={media.thumbnail} alt={media.alt} width={media.width} height={media.height} />
      <div className="media-fields">
        <label htmlFor={altId}>{words('compose.media.altLabel', { number })}</label>
        <textarea
          id={altId}
          dir="auto"
          rows={2}
          value={media.alt}
          aria-describedby={missing ? reminderId : undefined}
          placeholder={words('compose.media.altPlaceholder')}
          onChange={(event) => onAlt(event.target.value)}
        />
        {missing ? (
          <small id={reminderId} className="media-reminder">
            {words('compose.media.altMissing')}
          </small>
        ) : null}
      </div>
      <button type="button" className="button button-quiet media-remove" onClick={onRemove}>
        {words('compose.media.remove', { number })}
      </button>
    </li>
  );
}
