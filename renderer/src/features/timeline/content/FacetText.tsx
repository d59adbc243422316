import { useMemo } from 'react';
import type { Content } from '../../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../../shared/text/bidi.ts';
import { segmentsOf } from '../../../../../shared/text/facets.ts';
import { ExternalLink } from './ExternalLink.tsx';
import { HashtagLink, tagOfText } from './HashtagLink.tsx';

type FacetContent = Extract<Content, { kind: 'facets' }>;

const linkClass = { link: undefined, mention: 'post-body-mention', tag: 'post-body-hashtag' } as const;

/** Bluesky text drawn from its facets: plain text and links, never parsed as markup. */
export function FacetText({ content }: { content: FacetContent }) {
  const segments = useMemo(() => segmentsOf(content.text, content.facets), [content.text, content.facets]);
  return (
    <div className="post-body-text post-body-facets" dir="auto">
      {segments.map((segment, index) => {
        if (segment.kind === 'text') return segment.text;
        const text = withoutBidiControls(segment.text);
        const tag = segment.kind === 'tag' ? tagOfText(text) : null;
        if (tag) {
          return (
            <HashtagLink key={index} tag={tag}>
              {text}
            </HashtagLink>
          );
        }
        return (
          <ExternalLink key={index} href={segment.href} text={text} className={linkClass[segment.kind]}>
            {text}
          </ExternalLink>
        );
      })}
    </div>
  );
}
