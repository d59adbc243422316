import type { ReactNode } from 'react';
import { withoutBidiControls } from '../../../../../shared/text/bidi.ts';
import { pathOf } from '../../../state/routes.ts';

/** The tag a hashtag link's text names ("#Rust" → "Rust"), or null when it names none. */
export function tagOfText(text: string): string | null {
  const tag = /^#([^\s#]+)$/u.exec(withoutBidiControls(text).trim())?.[1];
  return tag ?? null;
}

/** A hashtag in a post: opens its posts from every account inside Braid (not its server's page). */
export function HashtagLink({ tag, children }: { tag: string; children: ReactNode }) {
  return (
    <a href={`#${pathOf({ name: 'search', query: `#${tag}` })}`} className="post-body-hashtag" data-tag={tag}>
      {children}
    </a>
  );
}
