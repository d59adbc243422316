/**
 * Bluesky rich text: the post's text cut into plain runs and links by its facets, whose offsets
 * count UTF-8 bytes (start inclusive, end exclusive). Facets that cannot be trusted are ignored
 * and their text stays plain: out of range, empty, overlapping an earlier one, cutting a
 * character in two, or pointing somewhere Braid does not open (a link that is not http(s)).
 */
import type { Facet } from '../domain/post.ts';
import { httpUrl } from './links.ts';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link' | 'mention' | 'tag'; text: string; href: string };

const did = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;

/** Where a facet leads on the web, or null when Braid will not link it. */
function hrefOf(feature: Facet['feature']): { kind: 'link' | 'mention' | 'tag'; href: string } | null {
  switch (feature.kind) {
    case 'link': {
      const url = httpUrl(feature.uri);
      return url ? { kind: 'link', href: url.href } : null;
    }
    case 'mention':
      return did.test(feature.did) ? { kind: 'mention', href: `https://bsky.app/profile/${feature.did}` } : null;
    case 'tag': {
      const tag = feature.tag.replace(/^#/, '').trim();
      return tag ? { kind: 'tag', href: `https://bsky.app/hashtag/${encodeURIComponent(tag)}` } : null;
    }
  }
}

/** A UTF-8 continuation byte (10xxxxxx): an offset there would cut a character in two. */
const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

export function segmentsOf(text: string, facets: readonly Facet[]): Segment[] {
  const bytes = new TextEncoder().encode(text);
  const decode = (start: number, end: number) => new TextDecoder().decode(bytes.subarray(start, end));
  const ordered = [...facets].sort((a, b) => a.byteStart - b.byteStart);

  const segments: Segment[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = segments.at(-1);
    if (last?.kind === 'text') last.text += value;
    else segments.push({ kind: 'text', text: value });
  };

  let cursor = 0;
  for (const facet of ordered) {
    const { byteStart: start, byteEnd: end } = facet;
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < cursor || end <= start || end > bytes.length) continue;
    if (isContinuation(bytes[start]) || isContinuation(bytes[end])) continue;
    const target = hrefOf(facet.feature);
    if (!target) continue;
    pushText(decode(cursor, start));
    segments.push({ ...target, text: decode(start, end) });
    cursor = end;
  }
  pushText(decode(cursor, bytes.length));
  return segments;
}
