import { describe, expect, it } from 'vitest';
import type { Facet } from '../../shared/domain/post.ts';
import { segmentsOf } from '../../shared/text/facets.ts';

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** A facet over the first occurrence of `part` in `text`, with its UTF-8 byte offsets. */
function over(text: string, part: string, feature: Facet['feature']): Facet {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`${part} not in ${text}`);
  const byteStart = byteLength(text.slice(0, at));
  return { byteStart, byteEnd: byteStart + byteLength(part), feature };
}

const link = (uri: string): Facet['feature'] => ({ kind: 'link', uri });

describe('segmentsOf', () => {
  it('gives plain text when there are no facets', () => {
    expect(segmentsOf('hello\nworld', [])).toEqual([{ kind: 'text', text: 'hello\nworld' }]);
    expect(segmentsOf('', [])).toEqual([]);
  });

  it('cuts ASCII text at links, mentions and tags', () => {
    const text = 'hi @alice.test see example.com #braid';
    const segments = segmentsOf(text, [
      over(text, '#braid', { kind: 'tag', tag: 'braid' }),
      over(text, '@alice.test', { kind: 'mention', did: 'did:plc:abc123' }),
      over(text, 'example.com', link('https://example.com/')),
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@alice.test', href: 'https://bsky.app/profile/did:plc:abc123' },
      { kind: 'text', text: ' see ' },
      { kind: 'link', text: 'example.com', href: 'https://example.com/' },
      { kind: 'text', text: ' ' },
      { kind: 'tag', text: '#braid', href: 'https://bsky.app/hashtag/braid' },
    ]);
  });

  it('counts UTF-8 bytes, not UTF-16 units, across emoji, CJK and combining marks', () => {
    const text = '👩‍👩‍👧 日本語 cafe\u0301 → example.com 🎉 #日本';
    const segments = segmentsOf(text, [
      over(text, 'example.com', link('https://example.com/')),
      over(text, '#日本', { kind: 'tag', tag: '日本' }),
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: '👩‍👩‍👧 日本語 cafe\u0301 → ' },
      { kind: 'link', text: 'example.com', href: 'https://example.com/' },
      { kind: 'text', text: ' 🎉 ' },
      { kind: 'tag', text: '#日本', href: `https://bsky.app/hashtag/${encodeURIComponent('日本')}` },
    ]);
    // The same offsets read as UTF-16 indexes would have cut elsewhere.
    expect(text.indexOf('example.com')).not.toBe(over(text, 'example.com', link('x')).byteStart);
  });

  it('ignores facets that cut a character in two, and keeps the text whole', () => {
    const text = '日本 link';
    // '日' is 3 bytes: offset 1 or 2 lands inside it.
    const segments = segmentsOf(text, [
      { byteStart: 1, byteEnd: 3, feature: link('https://a.example/') },
      { byteStart: 0, byteEnd: 2, feature: link('https://b.example/') },
      { byteStart: 7, byteEnd: 11, feature: link('https://c.example/') },
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: '日本 ' },
      { kind: 'link', text: 'link', href: 'https://c.example/' },
    ]);
    // Ending inside an emoji (4 bytes) is just as wrong.
    expect(segmentsOf('🎉x', [{ byteStart: 0, byteEnd: 2, feature: link('https://a.example/') }])).toEqual([{ kind: 'text', text: '🎉x' }]);
  });

  it('ignores facets out of range, empty or reversed', () => {
    const text = 'short';
    const segments = segmentsOf(text, [
      { byteStart: 0, byteEnd: 99, feature: link('https://a.example/') },
      { byteStart: 50, byteEnd: 60, feature: link('https://b.example/') },
      { byteStart: 2, byteEnd: 2, feature: link('https://c.example/') },
      { byteStart: 4, byteEnd: 1, feature: link('https://d.example/') },
      { byteStart: 1.5, byteEnd: 3, feature: link('https://e.example/') },
      { byteStart: -1, byteEnd: 3, feature: link('https://f.example/') },
    ]);
    expect(segments).toEqual([{ kind: 'text', text: 'short' }]);
    expect(segmentsOf(text, [{ byteStart: 0, byteEnd: 5, feature: link('https://a.example/') }])).toEqual([{ kind: 'link', text: 'short', href: 'https://a.example/' }]);
  });

  it('keeps the first of overlapping facets, whatever order they come in', () => {
    const text = 'aaaa bbbb cccc';
    const first = { byteStart: 0, byteEnd: 9, feature: link('https://first.example/') };
    const overlapping = { byteStart: 5, byteEnd: 14, feature: link('https://second.example/') };
    const expected = [
      { kind: 'link', text: 'aaaa bbbb', href: 'https://first.example/' },
      { kind: 'text', text: ' cccc' },
    ];
    expect(segmentsOf(text, [first, overlapping])).toEqual(expected);
    expect(segmentsOf(text, [overlapping, first])).toEqual(expected);
  });

  it('leaves links that are not http(s) as plain text', () => {
    const text = 'a click me b data';
    const segments = segmentsOf(text, [
      over(text, 'click me', link('javascript:alert(1)')),
      over(text, 'data', link('data:text/html,<script>alert(1)</script>')),
      over(text, 'b', link('ftp://example.com/')),
    ]);
    expect(segments).toEqual([{ kind: 'text', text: 'a click me b data' }]);
  });

  it('refuses mentions that are not DIDs and empty tags, and encodes tags', () => {
    const text = '@x #  #a/b?c';
    const segments = segmentsOf(text, [
      over(text, '@x', { kind: 'mention', did: 'javascript:alert(1)' }),
      over(text, '#  ', { kind: 'tag', tag: ' ' }),
      over(text, '#a/b?c', { kind: 'tag', tag: '#a/b?c' }),
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: '@x #  ' },
      { kind: 'tag', text: '#a/b?c', href: 'https://bsky.app/hashtag/a%2Fb%3Fc' },
    ]);
  });
});
