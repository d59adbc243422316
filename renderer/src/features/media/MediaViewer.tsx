/**
 * The picture viewer: a post's images at full size over the window, one at a time. A modal
 * <dialog> (the browser traps focus in it and closes it on Esc); ← and → step, Z or a click on the
 * picture zooms to its own size (then it scrolls), the alt text is written under it. Focus goes
 * back to the thumbnail it was opened from.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Media } from '../../../../shared/domain/post.ts';
import { useImageUrl } from '../../state/image-url.tsx';
import { useWords } from '../../i18n/use-words.ts';

type OpenViewer = (images: readonly Media[], index: number) => void;

/** Null without a provider (a component drawn alone): pictures then open as links. */
const MediaViewerContext = createContext<OpenViewer | null>(null);

export const useMediaViewer = () => useContext(MediaViewerContext);

interface Showing {
  images: readonly Media[];
  index: number;
}

function Viewer({ showing, onStep, onClose }: { showing: Showing; onStep: (index: number) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [zoomed, setZoomed] = useState(false);
  const words = useWords();
  const toImageUrl = useImageUrl();
  const { images, index } = showing;
  const image = images[index]!;
  const src = toImageUrl(image.url) ?? toImageUrl(image.previewUrl);
  const count = images.length;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const step = (by: number) => {
    if (count < 2) return;
    setZoomed(false);
    onStep((index + by + count) % count);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // The viewer's keys are its own: none reaches the timeline or the conversation under it (Escape closes the dialog only).
    event.stopPropagation();
    if (event.key === 'Escape' || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight') step(1);
    else if (event.key === 'ArrowLeft') step(-1);
    else if (event.key === 'z' || event.key === 'Z') setZoomed((value) => !value);
    else return;
    event.preventDefault();
  };

  return (
    // The dialog's own cancel (Esc) closes it; onClose puts the focus back.
    <dialog ref={dialog} className="viewer" aria-label={words('viewer.label', { index: index + 1, count })} onClose={onClose} onKeyDown={onKeyDown}>
      <div className="viewer-bar">
        <span className="viewer-count" aria-live="polite">{count > 1 ? words('viewer.position', { index: index + 1, count }) : ''}</span>
        <button type="button" className="button button-quiet" aria-pressed={zoomed} onClick={() => setZoomed((value) => !value)}>
          {words(zoomed ? 'viewer.fit' : 'viewer.fullSize')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => dialog.current?.close()} autoFocus>
          {words('viewer.close')}
        </button>
      </div>
      <div className="viewer-stage" data-zoomed={zoomed || undefined}>
        {count > 1 && (
          <button type="button" className="viewer-step viewer-previous" aria-label={words('viewer.previous')} onClick={() => step(-1)}>
            ‹
          </button>
        )}
        {src ? (
          <img
            key={src}
            className="viewer-image"
            src={src}
            alt={image.alt}
            width={image.width ?? undefined}
            height={image.height ?? undefined}
            referrerPolicy="no-referrer"
            onClick={() => setZoomed((value) => !value)}
          />
        ) : (
          <p className="viewer-missing">{words('viewer.missing')}</p>
        )}
        {count > 1 && (
          <button type="button" className="viewer-step viewer-next" aria-label={words('viewer.next')} onClick={() => step(1)}>
            ›
          </button>
        )}
      </div>
      <p className="viewer-alt" dir="auto">
        {image.alt.trim() ? image.alt : <span className="muted">{words('viewer.noAlt')}</span>}
      </p>
    </dialog>
  );
}

export function MediaViewerProvider({ children }: { children: ReactNode }) {
  const [showing, setShowing] = useState<Showing | null>(null);
  const openedFrom = useRef<HTMLElement | null>(null);
  const open = useCallback<OpenViewer>((images, index) => {
    openedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setShowing({ images, index });
  }, []);
  const close = useCallback(() => {
    setShowing(null);
    openedFrom.current?.focus();
  }, []);
  const stepTo = useCallback((index: number) => setShowing((current) => current && { ...current, index }), []);
  return (
    <MediaViewerContext.Provider value={open}>
      {children}
      {showing && <Viewer showing={showing} onStep={stepTo} onClose={close} />}
    </MediaViewerContext.Provider>
  );
}
