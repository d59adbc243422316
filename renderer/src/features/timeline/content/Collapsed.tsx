import { useId, useState, type ReactNode } from 'react';
import { useWords } from '../../../i18n/use-words.ts';

/** A warning with a "Show more" button; what it hides is not rendered at all until opened. */
export function Collapsed({ warning, children }: { warning: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const words = useWords();
  return (
    <>
      <div className="post-body-cw">
        <span className="post-body-cw-text" dir="auto">
          {warning}
        </span>
        <button type="button" className="post-body-cw-toggle" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
          {words(open ? 'content.showLess' : 'content.showMore')}
        </button>
      </div>
      <div id={regionId} className="post-body-cw-region" hidden={!open}>
        {open && children}
      </div>
    </>
  );
}
