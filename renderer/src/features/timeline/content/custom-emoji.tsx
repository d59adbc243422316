import type { ReactNode } from 'react';
import type { Content } from '../../../../../shared/domain/post.ts';
import type { ToImageUrl } from '../../../state/image-url.tsx';

type CustomEmoji = Extract<Content, { kind: 'html' }>['emojis'][number];

/** Shortcode → image URL, keeping only emoji whose URL Braid may load (`toImageUrl`: see useImageUrl). */
export function emojiIndex(emojis: readonly CustomEmoji[], toImageUrl: ToImageUrl): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const { shortcode, url } of emojis) {
    const safe = toImageUrl(url);
    if (safe) index.set(shortcode, safe);
  }
  return index;
}

const shortcodePattern = /:([a-zA-Z0-9_]+):/g;

/** Text with each known :shortcode: drawn as a small fixed-size image; unknown ones stay text. */
export function withCustomEmoji(text: string, emojis: ReadonlyMap<string, string>): ReactNode[] {
  if (emojis.size === 0 || !text.includes(':')) return [text];
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(shortcodePattern)) {
    const [code, shortcode = ''] = match;
    const url = emojis.get(shortcode);
    if (!url) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(<img key={match.index} className="post-body-emoji" src={url} alt={code} title={code} draggable={false} loading="lazy" decoding="async" referrerPolicy="no-referrer" />);
    last = match.index + code.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
