/**
 * User-perceived characters (extended grapheme clusters, UAX #29): what both networks count.
 * One segmenter per granularity, made once; a fixed locale keeps results the same on every
 * machine (grapheme rules ignore it; word and sentence rules barely use it).
 */
const locale = 'en';

export const graphemeSegmenter = new Intl.Segmenter(locale, { granularity: 'grapheme' });
export const wordSegmenter = new Intl.Segmenter(locale, { granularity: 'word' });
export const sentenceSegmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });

/**
 * Characters that may join a neighbour into one cluster (UAX #29 GB6-GB9c, GB11-GB13): marks
 * and other Extend / SpacingMark characters, ZWNJ and ZWJ, emoji modifiers and tags, regional
 * indicators (flags), Hangul jamo and Prepend characters. Deliberately broad. Between two
 * characters that are neither (nor CR LF), there is always a cluster boundary; so a text's
 * clusters are its code points, less one per CR LF, less what Intl.Segmenter merges inside the
 * short stretches around these characters. The splitter counts thousands of slices, and
 * Intl.Segmenter costs about 0.3 µs per cluster; asking it only about those stretches (cached)
 * gives the same answer far faster (a unit test compares both on many texts).
 */
const joiner = [
  String.raw`\p{M}\u200C\u200D\uFF9E\uFF9F\u{1F3FB}-\u{1F3FF}\u{E0000}-\u{E0FFF}\u{1F1E6}-\u{1F1FF}`,
  String.raw`\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF`,
  String.raw`\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u0E33\u0EB3`,
  String.raw`\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}`,
].join('');
// Each character listed on purpose, alone: no emoji sequence is meant.
// eslint-disable-next-line no-misleading-character-class
const hasJoiner = new RegExp(`[${joiner}]`, 'u');
// eslint-disable-next-line no-misleading-character-class
const joinerRuns = new RegExp(`[${joiner}]+`, 'gu');
const surrogatePair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const crlf = /\r\n/g;

const codePointCount = (text: string) => text.length - (text.match(surrogatePair)?.length ?? 0);

function segmentedCount(text: string): number {
  let count = 0;
  for (const segment of graphemeSegmenter.segment(text)) if (segment.segment) count += 1;
  return count;
}

/** How many code points Intl.Segmenter merges away in a stretch, remembered (emoji repeat). */
const mergedInStretch = new Map<string, number>();
function merged(stretch: string): number {
  let value = mergedInStretch.get(stretch);
  if (value === undefined) {
    value = codePointCount(stretch) - segmentedCount(stretch);
    if (mergedInStretch.size >= 2000) mergedInStretch.clear();
    mergedInStretch.set(stretch, value);
  }
  return value;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** Start of the code point ending at `at`, end of the one starting at `at`. */
const codePointBefore = (text: string, at: number) =>
  at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : Math.max(at - 1, 0);
const codePointAfter = (text: string, at: number) =>
  at + 1 < text.length && isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? at + 2 : Math.min(at + 1, text.length);

export function graphemeCount(text: string): number {
  let count = codePointCount(text) - (text.match(crlf)?.length ?? 0);
  if (!hasJoiner.test(text)) return count;
  // Each run of joiners with one neighbour on each side; stretches sharing a neighbour merge.
  let from = -1;
  let to = -1;
  for (const run of text.matchAll(joinerRuns)) {
    const start = codePointBefore(text, run.index);
    const end = codePointAfter(text, run.index + run[0].length);
    if (start < to) {
      to = end;
      continue;
    }
    if (to > from) count -= merged(text.slice(from, to));
    from = start;
    to = end;
  }
  if (to > from) count -= merged(text.slice(from, to));
  return count;
}

const encoder = new TextEncoder();
export const utf8Length = (text: string): number => encoder.encode(text).length;

/** The text cut to at most `max` graphemes, ending in "…" when cut (never inside a cluster). */
export function capGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const graphemes = Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
  if (graphemes.length <= max) return text;
  return `${graphemes.slice(0, max - 1).join('').trimEnd()}…`;
}
