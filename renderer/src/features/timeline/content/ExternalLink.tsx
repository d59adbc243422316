import type { ReactNode } from 'react';
import { linkHostMismatch } from '../../../../../shared/text/links.ts';
import { useWords } from '../../../i18n/use-words.ts';

/**
 * A link out of Braid, to an http(s) URL the caller has already checked. Its real target is in
 * the title (Electron shows no status bar), and when the visible text shows another host a
 * warning with the real host follows it.
 */
export function ExternalLink({ href, text, className, children }: { href: string; text: string; className?: string; children: ReactNode }) {
  const mismatch = linkHostMismatch(text, href);
  const words = useWords();
  return (
    <>
      <a href={href} className={className} title={href} target="_blank" rel="noopener noreferrer nofollow" data-host-mismatch={mismatch ? 'true' : undefined}>
        {children}
      </a>
      {mismatch && (
        <span className="post-body-link-warning" title={href} role="note">
          {words('content.linkGoesTo', { host: mismatch.actual })}
        </span>
      )}
    </>
  );
}
