import type { CSSProperties } from 'react';
import type { Media } from '../../../../../shared/domain/post.ts';
import { httpUrl } from '../../../../../shared/text/links.ts';
import { useImageUrl } from '../../../state/image-url.tsx';
import { useMediaViewer } from '../../media/MediaViewer.tsx';
import { InlineVideo } from './InlineVideo.tsx';
import { useWords } from '../../../i18n/use-words.ts';

const shownAtMost = 4;

/** The box's shape, known before anything loads: the media's own ratio, else 16:9. */
function aspectRatioOf(media: Media): { ratio: string; width: number; height: number } {
  if (media.width && media.height) return { ratio: `${media.width} / ${media.height}`, width: media.width, height: media.height };
  return { ratio: '16 / 9', width: 16, height: 9 };
}

function AltBadge({ alt }: { alt: string }) {
  const words = useWords();
  return alt.trim() ? (
    <span className="post-body-alt-badge" title={alt}>
      {words('content.altBadge')}
    </span>
  ) : null;
}

function MediaItem({ media, onView }: { media: Media; onView: (() => void) | null }) {
  const target = httpUrl(media.url);
  const preview = useImageUrl()(media.previewUrl ?? (media.kind === 'image' ? media.url : null));
  const { ratio, width, height } = aspectRatioOf(media);
  const playable = media.kind === 'video' || media.kind === 'gifv';
  const words = useWords();
  const label = media.alt.trim() || words(playable ? 'content.video' : media.kind === 'audio' ? 'content.audio' : 'content.attachment');
  const style: CSSProperties = { aspectRatio: ratio };

  const picture = preview ? (
    <img src={preview} alt={media.alt} title={media.alt || undefined} width={width} height={height} style={style} loading="lazy" decoding="async" referrerPolicy="no-referrer" />
  ) : (
    <span className="post-body-media-placeholder" style={style}>
      {label}
    </span>
  );
  if (playable && httpUrl(media.url)) {
    return (
      <li className="post-body-media-item" data-kind={media.kind} style={{ '--ratio': width / height } as CSSProperties}>
        <InlineVideo media={media} poster={preview} style={style} />
        <AltBadge alt={media.alt} />
      </li>
    );
  }
  return (
    <li className="post-body-media-item" data-kind={media.kind} style={{ '--ratio': width / height } as CSSProperties}>
      {onView ? (
        <button type="button" className="post-body-media-open" aria-label={media.alt.trim() ? words('content.viewImageOf', { alt: media.alt }) : words('content.viewImage')} onClick={onView}>
          {picture}
        </button>
      ) : target ? (
        <a href={target.href} title={media.alt || target.href} target="_blank" rel="noopener noreferrer nofollow" aria-label={playable ? words('content.play', { label }) : undefined}>
          {picture}
        </a>
      ) : (
        picture
      )}
      {playable && (
        <span className="post-body-play" aria-hidden="true">
          ▶
        </span>
      )}
      <AltBadge alt={media.alt} />
    </li>
  );
}

/** Up to four attachments in a grid whose size is fixed before any image arrives. */
export function MediaGrid({ media }: { media: readonly Media[] }) {
  const view = useMediaViewer();
  const words = useWords();
  const shown = media.slice(0, shownAtMost);
  if (shown.length === 0) return null;
  const hidden = media.length - shown.length;
  // The viewer steps through every picture of the post, the ones past the fourth too.
  const images = media.filter((item) => item.kind === 'image');
  return (
    <div className="post-body-media-wrap">
      <ul className="post-body-media" data-count={shown.length}>
        {shown.map((item, index) => (
          <MediaItem key={index} media={item} onView={view && item.kind === 'image' ? () => view(images, images.indexOf(item)) : null} />
        ))}
      </ul>
      {hidden > 0 && <p className="post-body-media-more muted">{words('content.moreMedia', { count: hidden })}</p>}
    </div>
  );
}
