import { describe, expect, it } from 'vitest';
import { fitsIn, type ComposeTarget } from '../../shared/compose/count.ts';
import { splitForThread, type SplitResult } from '../../shared/compose/split.ts';

const atMost = (limit: number) => (part: string) => part.length <= limit;
const marker = / (\d+)\/(\d+)$/;

/** The parts of a successful split; fails the test otherwise. */
function partsOf(result: SplitResult): string[] {
  if (!result.ok) throw new Error(`split failed: ${JSON.stringify(result)}`);
  return result.parts;
}

/** Parts without their " i/n" markers, checking each marker is right. */
function bodiesOf(parts: string[]): string[] {
  return parts.map((part, i) => {
    const match = marker.exec(part);
    expect(match?.[1], part).toBe(String(i + 1));
    expect(match?.[2], part).toBe(String(parts.length));
    return part.slice(0, match?.index);
  });
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

const withoutSpace = (text: string) => text.replace(/\s+/g, '');

/** Split, then check what holds for every split: parts fit, are trimmed and non-empty, are
 *  numbered, and give back the original text (its words in order, when it has spaces between
 *  words and none is longer than a part). */
function split(text: string, fitsFn: (part: string) => boolean, { wordsKept = true } = {}): string[] {
  const parts = partsOf(splitForThread(text, fitsFn));
  for (const part of parts) {
    expect(fitsFn(part), part).toBe(true);
    expect(part.trim()).toBe(part);
    expect(part).not.toBe('');
  }
  if (parts.length > 1) {
    const bodies = bodiesOf(parts);
    for (const body of bodies) expect(body.trim()).toBe(body);
    expect(withoutSpace(bodies.join(''))).toBe(withoutSpace(text));
    if (wordsKept) expect(words(bodies.join(' '))).toEqual(words(text));
  }
  return parts;
}

const sentence = (n: number) => `Sentence number ${n} says something.`;

describe('splitForThread: when the text fits', () => {
  it('gives one part without a marker', () => {
    expect(splitForThread('Hello world.', atMost(20))).toEqual({ ok: true, parts: ['Hello world.'] });
    expect(splitForThread('  Hello world.\n', atMost(20))).toEqual({ ok: true, parts: ['Hello world.'] });
  });

  it('gives no part for an empty text', () => {
    expect(splitForThread(' \n ', atMost(20))).toEqual({ ok: true, parts: [] });
  });
});

describe('splitForThread: where parts end', () => {
  it('keeps paragraphs whole when they fit, packing several into one part', () => {
    const [a, b, c] = ['A'.repeat(38) + '.', 'B'.repeat(38) + '.', 'C'.repeat(38) + '.'];
    expect(split(`${a}\n\n${b}\n\n${c}`, atMost(90))).toEqual([`${a}\n\n${b} 1/2`, `${c} 2/2`]);
  });

  it('moves a paragraph that fits a part of its own whole to the next part', () => {
    const first = 'One two three four five six seven eight nine ten eleven.';
    const second = 'Twelve thirteen fourteen fifteen sixteen seventeen eighteen.';
    // The first part has room for the second paragraph's first words, but they stay together.
    expect(split(`${first}\n\n${second}`, atMost(90))).toEqual([`${first} 1/2`, `${second} 2/2`]);
  });

  it('cuts a long paragraph at sentence ends', () => {
    const paragraph = [1, 2, 3, 4, 5, 6, 7].map(sentence).join(' ');
    const bodies = bodiesOf(split(paragraph, atMost(80)));
    expect(bodies).toEqual([
      `${sentence(1)} ${sentence(2)}`,
      `${sentence(3)} ${sentence(4)}`,
      `${sentence(5)} ${sentence(6)}`,
      sentence(7),
    ]);
  });

  it('cuts a sentence longer than a part at word boundaries, keeping its punctuation on its word', () => {
    const long = 'This sentence, which goes on and on without stopping, keeps adding clauses, words and more words, until no post could hold it all.';
    const bodies = bodiesOf(split(long, atMost(50)));
    expect(bodies.length).toBeGreaterThan(2);
    for (const body of bodies) expect(body).not.toMatch(/^[,.]/);
    expect(bodies.join(' ')).toBe(long);
  });

  it('lets a sentence too long for any part fill the room left after the previous one', () => {
    const short = 'Short one.';
    const long = 'Then a very long sentence follows that could never fit a single part of this small size anyway.';
    const bodies = bodiesOf(split(`${short} ${long}`, atMost(40)));
    expect(bodies[0]).toMatch(/^Short one\. Then/);
  });

  it('cuts text without spaces (CJK) between words and after its sentence ends', () => {
    const text = '今日は良い天気です。明日は雨が降るでしょう。週末は晴れると思います。';
    const bodies = bodiesOf(split(text, atMost(16), { wordsKept: false }));
    expect(bodies.join('')).toBe(text);
    expect(bodies[0]).toBe('今日は良い天気です。');
  });

  it('cuts a word longer than a part between grapheme clusters, never inside one', () => {
    const family = '👨‍👩‍👧‍👦';
    const parts = split(family.repeat(300), fitsIn({ network: 'bluesky' }), { wordsKept: false });
    for (const body of bodiesOf(parts)) expect(body.replaceAll(family, '')).toBe('');

    const flags = bodiesOf(split('🇫🇷'.repeat(100), atMost(50), { wordsKept: false }));
    for (const body of flags) expect(body).toMatch(/^(?:🇫🇷)+$/u);

    const accents = bodiesOf(split('e\u0301'.repeat(100), atMost(31), { wordsKept: false }));
    for (const body of accents) expect(body).toMatch(/^(?:e\u0301)+$/u);
    expect(accents.join('')).toBe('e\u0301'.repeat(100));
  });
});

describe('splitForThread: links, mentions and hashtags stay whole', () => {
  it.each([
    ['a link', 'https://example.com/a/long/path/to/a/page'],
    ['a remote mention', '@someone.with.a.long.name@mastodon.example'],
    ['a Bluesky handle', '@someone-with-a-long-name.bsky.social'],
    ['a hashtag', '#AHashtagThatIsRatherLongIndeed'],
  ])('moves %s that would straddle the end of a part whole to the next part', (_name, token) => {
    const text = `Some words here and there ${token} and more words after it.`;
    const parts = split(text, atMost(50));
    const holding = parts.filter((part) => part.includes(token));
    expect(holding).toHaveLength(1);
    expect(parts[0]).not.toContain(token.slice(0, 8));
  });

  it('never ends a part at a sentence break the segmenter sees inside a link ("?" of a query)', () => {
    const url = 'https://example.com/search?q=hi&x=1';
    const bodies = bodiesOf(split(`Look at ${url} and more words here.`, atMost(40)));
    expect(bodies[0]).toBe('Look at');
    expect(bodies[1]).toBe(url);
  });

  it('never cuts a CJK hashtag between its words', () => {
    const text = 'これは長い文章で、#日本語のタグ、について書いていますがとても長いです';
    for (let limit = 14; limit <= 24; limit += 1) {
      const bodies = bodiesOf(split(text, atMost(limit), { wordsKept: false }));
      expect(bodies.filter((body) => body.includes('#日本語のタグ'))).toHaveLength(1);
    }
  });

  it('fails, naming it, when one link is longer than a whole part', () => {
    const url = `https://example.com/${'x'.repeat(400)}`;
    expect(splitForThread(`Look at this: ${url} wow`, fitsIn({ network: 'bluesky' }))).toEqual({ ok: false, reason: 'token_too_long', token: url });
  });

  it('lets a long link through on Mastodon, where it counts as 23', () => {
    const target: ComposeTarget = { network: 'mastodon', maxCharacters: 60, charactersReservedPerUrl: 23 };
    const url = `https://example.com/${'x'.repeat(400)}`;
    const parts = split(`Look at this: ${url} and this: ${url} and some more words to go.`, fitsIn(target));
    expect(parts.filter((part) => part.includes(url))).toHaveLength(2);
  });

  it('says so when not even one character and its marker fit', () => {
    expect(splitForThread('abc def', () => false)).toEqual({ ok: false, reason: 'no_room' });
  });
});

describe('splitForThread: numbering', () => {
  // Words of 4 letters; a part of 3 words is 14 characters. With the limit at 19, " i/9" (4)
  // leaves room for 3 words, " i/10" (5) too, " 10/10" (6) only for 2.
  const text = (count: number) => Array.from({ length: count }, () => 'word').join(' ');

  it('numbers single-digit threads with single-digit markers', () => {
    const parts = split(text(27), atMost(19));
    expect(parts).toHaveLength(9);
    expect(parts[8]).toBe('word word word 9/9');
  });

  it('cuts again when n reaches two digits and the markers grow', () => {
    const parts = split(text(30), atMost(19));
    expect(parts).toHaveLength(11);
    expect(parts[8]).toBe('word word word 9/11');
    expect(parts[9]).toBe('word word 10/11');
    expect(parts[10]).toBe('word 11/11');
  });

  it('makes every part fit a real target, its content warning repeated on each part included', () => {
    const mastodon: ComposeTarget = { network: 'mastodon', maxCharacters: 100, charactersReservedPerUrl: 23 };
    const long = [1, 2, 3, 4, 5, 6, 7, 8].map(sentence).join(' ') + ' See https://example.com/page and @bob@example.com.';
    const plain = split(long, fitsIn(mastodon));
    const warned = split(long, fitsIn(mastodon, { contentWarning: 'A content warning of forty characters!!' }));
    expect(warned.length).toBeGreaterThan(plain.length);
    expect(split(long, fitsIn({ network: 'bluesky' }))).toHaveLength(2);
  });

  it('leaves markers out when asked', () => {
    const result = splitForThread(text(6), atMost(15), { numbering: false });
    expect(result).toEqual({ ok: true, parts: ['word word word', 'word word word'] });
  });

  it('is deterministic on a long text (its speed is for the bench to measure, never a test)', () => {
    const base = 'The quick brown fox jumps over the lazy dog near https://example.com/some/path?x=1 with @bob@example.social. ';
    const long = base.repeat(Math.ceil(20_000 / base.length)).slice(0, 20_000) + '\n\n日本語の文章です。👩‍👩‍👧';
    const fitsMastodon = fitsIn({ network: 'mastodon', maxCharacters: 500, charactersReservedPerUrl: 23 });
    const first = split(long, fitsMastodon);
    expect(splitForThread(long, fitsMastodon)).toEqual({ ok: true, parts: first });
  });
});
