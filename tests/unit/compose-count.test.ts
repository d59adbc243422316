import { describe, expect, it } from 'vitest';
import { blueskyLength, fits, fitsIn, mastodonLength, type ComposeTarget } from '../../shared/compose/count.ts';
import { graphemeCount, graphemeSegmenter } from '../../shared/compose/graphemes.ts';

const mastodon: ComposeTarget = { network: 'mastodon', maxCharacters: 500, charactersReservedPerUrl: 23 };
const bluesky: ComposeTarget = { network: 'bluesky' };

const family = '👨‍👩‍👧‍👦'; // 7 code points, 11 UTF-16 units, 25 UTF-8 bytes, one cluster

describe('mastodonLength: links', () => {
  it('counts every link as the reserved 23 characters, whatever its real length', () => {
    const text = 'Read https://example.com/a/very/long/path?with=query&and=more#frag and http://t.co.';
    // "Read " + 23 + " and " + 23 + "."
    expect(mastodonLength(text)).toBe(5 + 23 + 5 + 23 + 1);
    expect(mastodonLength(text, { charactersReservedPerUrl: 30 })).toBe(5 + 30 + 5 + 30 + 1);
  });

  it('ends a link where Mastodon does: before closing punctuation, keeping balanced parentheses', () => {
    expect(mastodonLength('(see https://example.com/x)')).toBe(5 + 23 + 1);
    expect(mastodonLength('https://en.wikipedia.org/wiki/Foo_(bar)!')).toBe(23 + 1);
    expect(mastodonLength('https://example.com/path?q=1, next')).toBe(23 + 6);
  });

  it('counts links with non-Latin hosts and paths, and the other schemes Mastodon links', () => {
    expect(mastodonLength('https://慕田峪长城.网址/页面')).toBe(23);
    expect(mastodonLength('gemini://example.org/x ipfs://example.org')).toBe(23 + 1 + 23);
  });

  it('counts what Mastodon does not see as a link as it is', () => {
    // Mastodon's server only gives the concession to links with a scheme.
    expect(mastodonLength('example.com/path')).toBe(16);
    // The scheme must stand alone: "xhttps://" is no link.
    expect(mastodonLength('xhttps://example.com')).toBe(20);
  });
});

describe('mastodonLength: mentions', () => {
  it('counts a remote mention without its domain and a local one as it is', () => {
    expect(mastodonLength('@bob@mastodon.example hello')).toBe('@bob hello'.length);
    expect(mastodonLength('@alice hello')).toBe(12);
    expect(mastodonLength('cc @Bob@Example.COM, thanks')).toBe('cc @Bob, thanks'.length);
    expect(mastodonLength('hi @arnt@grå.org')).toBe('hi @arnt'.length);
  });

  it('counts a Bluesky handle as a local username (whole)', () => {
    expect(mastodonLength('@alice.bsky.social')).toBe(18);
  });

  it('does not take an e-mail address or a mention inside a link for a mention', () => {
    expect(mastodonLength('mail bob@example.com')).toBe(20);
    expect(mastodonLength('https://mastodon.social/@bob@example.com')).toBe(23);
  });

  it('counts links and mentions together', () => {
    expect(mastodonLength('@bob@example.com look https://example.com/a/b/c')).toBe('@bob look '.length + 23);
  });
});

describe('mastodonLength: content warning and white space', () => {
  it('adds the content warning, which gets no link concession', () => {
    expect(mastodonLength('hello', { contentWarning: 'Spoilers' })).toBe(13);
    const warning = 'https://example.com/a/long/path/here';
    expect(mastodonLength('hello', { contentWarning: warning })).toBe(warning.length + 5);
  });

  it('strips leading and trailing ASCII white space from both, as the server does', () => {
    expect(mastodonLength('  hello \n', { contentWarning: ' cw ' })).toBe(7);
    expect(mastodonLength(' \n ')).toBe(0);
  });
});

describe('mastodonLength: grapheme clusters, as Ruby each_grapheme_cluster counts them', () => {
  it.each([
    ['an emoji ZWJ family', family, 1],
    ['a skin-toned ZWJ emoji', '👩🏽‍💻', 1],
    ['an emoji with variation selector', '❤️', 1],
    ['two flags', '🇫🇷🇩🇪', 2],
    ['a keycap', '1️⃣', 1],
    ['a tag sequence flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 1],
    ['CJK', '日本語のテキスト', 8],
    ['a combining accent', 'e\u0301te\u0301', 3],
    ['stacked combining marks', 'Z\u0324\u0354\u0367\u0311\u0313', 1],
    ['Hangul jamo', '\u1100\u1161\u11A8', 1],
    ['Hebrew (RTL)', 'שלום עולם', 9],
    ['Arabic with harakat (RTL)', 'مَرْحَبًا', 5],
    ['CR LF', 'a\r\nb', 3],
  ])('%s', (_name, text, expected) => {
    expect(mastodonLength(text)).toBe(expected);
  });

  it('counts a link inside RTL text as 23', () => {
    expect(mastodonLength('קראו https://example.com/עמוד עכשיו')).toBe(5 + 23 + 6);
  });
});

describe('graphemeCount', () => {
  it('agrees with Intl.Segmenter on random mixes of joining and plain characters', () => {
    const pool = ['a', ' ', '\r', '\n', '\u0301', '\u200d', '\u200c', '👩', '👧', '❤', '\ufe0f', '🏽', '🇫', '🇷', 'ᄀ', 'ᅡ', 'ᆨ', '각',
      '\u0600', 'क', '\u094d', 'ष', '\u0e33', 'ก', '🏴', '\u{e0067}', '\u{e007f}', '漢', '\ud800', '\udc00', 'ﾞ', 'ｶ', '#', '\u20e3'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i += 1) {
      let text = '';
      for (let j = Math.floor(random() * 14); j > 0; j -= 1) text += pool[Math.floor(random() * pool.length)];
      expect(graphemeCount(text), JSON.stringify(text)).toBe([...graphemeSegmenter.segment(text)].length);
    }
  });
});

describe('blueskyLength', () => {
  it('counts graphemes and UTF-8 bytes', () => {
    expect(blueskyLength('hello')).toEqual({ graphemes: 5, bytes: 5 });
    expect(blueskyLength(family)).toEqual({ graphemes: 1, bytes: 25 });
    expect(blueskyLength('日本語')).toEqual({ graphemes: 3, bytes: 9 });
    // Bluesky counts a link as written.
    expect(blueskyLength('https://example.com/x').graphemes).toBe(21);
  });
});

describe('fits', () => {
  it('reports a Mastodon target against its own limit, content warning included', () => {
    expect(fits(mastodon, 'a'.repeat(500))).toEqual({ length: 500, limit: 500, over: false, unit: 'characters' });
    expect(fits(mastodon, 'a'.repeat(501))).toEqual({ length: 501, limit: 500, over: true, unit: 'characters' });
    expect(fits(mastodon, 'a'.repeat(495), { contentWarning: 'spoil' }).over).toBe(false);
    expect(fits(mastodon, 'a'.repeat(495), { contentWarning: 'spoilers' }).over).toBe(true);
    const small: ComposeTarget = { network: 'mastodon', maxCharacters: 30, charactersReservedPerUrl: 23 };
    expect(fits(small, 'see https://example.com/a/very/long/path/indeed')).toMatchObject({ length: 27, over: false });
  });

  it('hits Bluesky\'s byte limit before its grapheme limit with emoji-heavy text', () => {
    expect(fits(bluesky, family.repeat(120))).toEqual({ length: 3000, limit: 3000, over: false, unit: 'bytes' });
    expect(fits(bluesky, family.repeat(121))).toEqual({ length: 3025, limit: 3000, over: true, unit: 'bytes' });
    // Heavily accented text too: 41 bytes per cluster, 74 clusters.
    const accented = `e${'\u0301'.repeat(20)}`.repeat(74);
    expect(blueskyLength(accented).graphemes).toBe(74);
    expect(fits(bluesky, accented)).toMatchObject({ over: true, unit: 'bytes' });
  });

  it('hits Bluesky\'s grapheme limit before its byte limit with Latin and CJK text', () => {
    expect(fits(bluesky, 'a'.repeat(300))).toEqual({ length: 300, limit: 300, over: false, unit: 'graphemes' });
    expect(fits(bluesky, 'a'.repeat(301))).toEqual({ length: 301, limit: 300, over: true, unit: 'graphemes' });
    expect(fits(bluesky, '日'.repeat(301))).toEqual({ length: 301, limit: 300, over: true, unit: 'graphemes' });
    expect(blueskyLength('日'.repeat(301)).bytes).toBe(903);
  });

  it('ignores the content warning for Bluesky (it becomes a label, not text)', () => {
    expect(fits(bluesky, 'a'.repeat(300), { contentWarning: 'cw' }).over).toBe(false);
  });

  it('gives the splitter a yes/no question per target', () => {
    const fitsMastodon = fitsIn(mastodon, { contentWarning: 'cw' });
    expect(fitsMastodon('a'.repeat(498))).toBe(true);
    expect(fitsMastodon('a'.repeat(499))).toBe(false);
    expect(fitsIn(bluesky)(family.repeat(121))).toBe(false);
  });
});

describe('a server that counts a post as written', () => {
  it('counts links and mentions in full, in code points, warning included', () => {
    const text = 'Hi @bob@example.social, see https://example.com/a/very/long/path';
    expect(mastodonLength(text)).toBe(text.length - 'https://example.com/a/very/long/path'.length + 23 - '@example.social'.length);
    expect(mastodonLength(text, { countsInFull: true })).toBe(text.length);
    expect(mastodonLength('👩‍👩‍👧', { countsInFull: true })).toBe(5); // one grapheme, five code points
    expect(mastodonLength(' text ', { countsInFull: true, contentWarning: ' cw ' })).toBe(6);
  });
});
