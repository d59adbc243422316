import { useEffect, useState, type CSSProperties } from 'react';
import type { Media } from '../../../../../shared/domain/post.ts';
import { useWords } from '../../../i18n/use-words.ts';

const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const isPlaylist = (url: string) => {
  try {
    return new URL(url).pathname.endsWith('.m3u8');
  } catch {
    return false;
  }
};

/**
 * Plays an HLS playlist (Bluesky's videos) where the browser cannot by itself, with hls.js, loaded
 * only when a playlist is first played. Its worker is off: the page's policy allows no blob: workers.
 */
function useSource(video: HTMLVideoElement | null, url: string): string | null {
  const playlist = isPlaylist(url);
  const native = !playlist || (video?.canPlayType('application/vnd.apple.mpegurl') ?? '') !== '';
  useEffect(() => {
    if (!video || native) return;
    let player: { destroy(): void } | null = null;
    let cancelled = false;
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled || !Hls.isSupported()) return;
      const hls = new Hls({ enableWorker: false });
      hls.loadSource(url);
      hls.attachMedia(video);
      player = hls;
    });
    return () => {
      cancelled = true;
      player?.destroy();
    };
  }, [video, native, url]);
  return native ? url : null;
}

function Player({ media, poster, style }: { media: Media; poster: string | null; style: CSSProperties }) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const src = useSource(video, media.url);
  const looping = media.kind === 'gifv';
  const words = useWords();
  // Started by a click on its poster: the focus goes on to the player that took the poster's place.
  useEffect(() => {
    if (!looping) video?.focus();
  }, [video, looping]);
  return (
    <video
      ref={setVideo}
      className="post-body-video"
      style={style}
      src={src ?? undefined}
      poster={poster ?? undefined}
      aria-label={media.alt.trim() || words(looping ? 'content.animation' : 'content.video')}
      title={media.alt || undefined}
      playsInline
      // A GIF-like clip loops silently (and waits for a click where the reader asked for less motion); a video
      // starts only from the reader's own click, so it never plays sound by itself.
      {...(looping ? { muted: true, loop: true, autoPlay: !reducedMotion, controls: reducedMotion } : { controls: true, autoPlay: true })}
    />
  );
}

/** A video or GIF-like clip in a post: a clip plays at once, muted; a video shows its poster and a play button until clicked. */
export function InlineVideo({ media, poster, style }: { media: Media; poster: string | null; style: CSSProperties }) {
  const [started, setStarted] = useState(media.kind === 'gifv');
  const words = useWords();
  if (started) return <Player media={media} poster={poster} style={style} />;
  const label = media.alt.trim() ? words('content.playVideoOf', { alt: media.alt }) : words('content.playVideo');
  return (
    <button type="button" className="post-body-media-open post-body-video-start" aria-label={label} onClick={() => setStarted(true)}>
      {poster ? (
        <img src={poster} alt="" style={style} loading="lazy" decoding="async" referrerPolicy="no-referrer" />
      ) : (
        <span className="post-body-media-placeholder" style={style}>
          {words('content.video')}
        </span>
      )}
      <span className="post-body-play" aria-hidden="true">
        ▶
      </span>
    </button>
  );
}
