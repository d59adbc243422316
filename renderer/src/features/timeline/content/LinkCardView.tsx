import type { LinkCard } from '../../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../../shared/text/bidi.ts';
import { httpUrl } from '../../../../../shared/text/links.ts';
import { useImageUrl } from '../../../state/image-url.tsx';

/** A link preview: title, description and the real host, with a thumbnail of fixed size. */
export function LinkCardView({ card }: { card: LinkCard }) {
  const toImageUrl = useImageUrl();
  const url = httpUrl(card.url);
  if (!url) return null;
  const image = toImageUrl(card.imageUrl);
  const host = url.hostname.replace(/^www\./, '');
  const title = withoutBidiControls(card.title).trim();
  const description = withoutBidiControls(card.description).trim();
  return (
    <a className="post-body-card" href={url.href} title={url.href} target="_blank" rel="noopener noreferrer nofollow">
      {image && <img className="post-body-card-image" src={image} alt="" width={120} height={120} loading="lazy" decoding="async" referrerPolicy="no-referrer" />}
      <span className="post-body-card-text" dir="auto">
        <span className="post-body-card-host">{host}</span>
        {title && <span className="post-body-card-title">{title}</span>}
        {description && <span className="post-body-card-description">{description}</span>}
      </span>
    </a>
  );
}
