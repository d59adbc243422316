/**
 * A text too long for one post, cut into a numbered thread whose every part fits.
 *
 * Each part takes as much as fits, choosing its end at the coarsest level that allows it: the
 * end of a paragraph, else of a sentence, else of a word, and only inside a word that alone is
 * longer than a part, between grapheme clusters. A paragraph (or sentence) that would fit a part
 * of its own is not started at the end of the previous part but moved whole to the next one; one
 * too long for any part is cut anyway, so it fills the room left. Links, mentions and hashtags
 * are never cut: one longer than a part makes the split fail, and the composer says so.
 *
 * Numbering: " i/n" is appended to every part (one space, then e.g. "3/12"), the same for every
 * network; a text that fits as it is stays one part without a marker. n is only known once the
 * text is cut, and n's width changes how much each part holds, so the text is cut again with the
 * new n until n no longer changes (a wider marker never makes the parts fewer, so this ends).
 */
import { breakPointsOf, firstAbove, type BreakPoints } from './break-points.ts';

export interface SplitOptions {
  /** Append " i/n" to every part when there are two or more (default true). */
  numbering?: boolean;
}

export type SplitResult =
  | { ok: true; parts: string[] }
  /** A link, mention or hashtag longer than a whole part: it is never cut. */
  | { ok: false; reason: 'token_too_long'; token: string }
  /** Not even one character and its marker fit: the limit is absurdly small. */
  | { ok: false; reason: 'no_room' }
  /** The fits function answered inconsistently (longer text fitting where shorter did not). */
  | { ok: false; reason: 'unstable' };

export const threadMarker = (index: number, count: number): string => `${index}/${count}`;
export const withThreadMarker = (part: string, index: number, count: number): string => `${part} ${threadMarker(index, count)}`;

/** Does this body, with the marker of part number `index` (1-based), fit? */
type PartFits = (body: string, index: number) => boolean;
type Packed = { ok: true; bodies: string[]; ends: number[] } | Exclude<SplitResult, { ok: true }>;

/**
 * The furthest of ends[from…] that fits, by an exponential search around a guess (the previous
 * part's size is a good one), assuming that if an end fits, every earlier one does too.
 * -1 when not even ends[from] fits.
 */
function furthestFitting(ends: readonly number[], from: number, fitsEnd: (end: number) => boolean, guess: number): number {
  const at = (index: number) => ends[index] ?? Infinity;
  if (from >= ends.length || !fitsEnd(at(from))) return -1;
  let good = from;
  let bad = ends.length;
  const first = Math.min(from + Math.max(guess, 1), ends.length - 1);
  if (first > good) {
    if (fitsEnd(at(first))) {
      good = first;
      for (let step = 1; good + step < bad; step *= 2) {
        if (fitsEnd(at(good + step))) good += step;
        else bad = good + step;
      }
    } else {
      bad = first;
      for (let step = 1; bad - step > good; step *= 2) {
        if (!fitsEnd(at(bad - step))) bad -= step;
        else {
          good = bad - step;
          break;
        }
      }
    }
  }
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (fitsEnd(at(middle))) good = middle;
    else bad = middle;
  }
  return good;
}

/**
 * The furthest grapheme cluster end in (start, wordEnd) that fits, or -1. The word may be very
 * long (a pasted string with no spaces), so clusters are found in a window that grows only
 * while everything in it fits; the window's last end is dropped unless the window reaches the
 * word's end, since a cut window may end inside a cluster.
 */
function cutInsideWord(points: BreakPoints, start: number, wordEnd: number, fitsEnd: (end: number) => boolean): number {
  for (let window = 512; ; window *= 2) {
    const to = Math.min(wordEnd, start + window);
    const ends = points.graphemeEnds(start, to);
    if (to < wordEnd) ends.pop();
    const furthest = furthestFitting(ends, 0, fitsEnd, 1);
    if (furthest < 0 && to < wordEnd && ends.length === 0) continue;
    if (to === wordEnd || furthest < ends.length - 1) return ends[furthest] ?? -1;
  }
}

const skipSpace = (text: string, position: number) => {
  let start = position;
  while (start < text.length && /\s/u.test(text.charAt(start))) start += 1;
  return start;
};

/** Cut the text into part bodies (no markers) with every body fitting as its part number. */
function pack(points: BreakPoints, partFits: PartFits, previous: readonly number[]): Packed {
  const { text, paragraphEnds, sentenceEnds } = points;
  const bodies: string[] = [];
  const ends: number[] = [];
  let start = skipSpace(text, 0);
  let guess = 8;

  while (start < text.length) {
    const index = bodies.length + 1;
    const from = start;
    const fitsEnd = (end: number) => partFits(text.slice(from, end), index);
    /** Would the unit after `end` (up to the next end in `units`) fit a part of its own? */
    const nextFitsWhole = (end: number, units: readonly number[]) => {
      const next = units[firstAbove(units, end)];
      return next === undefined || partFits(text.slice(skipSpace(text, end), next), index + 1);
    };

    const words = points.wordEnds();
    const firstWord = firstAbove(words, start);
    // A hint from the last try at the same part, else from the previous part's size.
    const hinted = previous[index - 1];
    const hint = hinted === undefined ? guess : firstAbove(words, hinted - 1) - firstWord;
    const furthestWord = furthestFitting(words, firstWord, fitsEnd, hint);

    let end: number;
    if (furthestWord >= 0) {
      const wordEnd = words[furthestWord] ?? text.length;
      const paragraphEnd = paragraphEnds[firstAbove(paragraphEnds, wordEnd) - 1] ?? 0;
      const sentenceEnd = sentenceEnds[firstAbove(sentenceEnds, wordEnd) - 1] ?? 0;
      if (paragraphEnd > start && nextFitsWhole(paragraphEnd, paragraphEnds)) end = paragraphEnd;
      else if (sentenceEnd > start && nextFitsWhole(sentenceEnd, sentenceEnds)) end = sentenceEnd;
      else end = wordEnd;
      guess = furthestWord - firstWord + 1;
    } else {
      const cut = cutInsideWord(points, start, words[firstWord] ?? text.length, fitsEnd);
      if (cut < 0) {
        const token = points.unbreakableAt(start);
        return token ? { ok: false, reason: 'token_too_long', token: text.slice(token.start, token.end) } : { ok: false, reason: 'no_room' };
      }
      end = cut;
    }

    bodies.push(text.slice(start, end));
    ends.push(end);
    start = skipSpace(text, end);
  }
  return { ok: true, bodies, ends };
}

/**
 * `fitsFn` answers for a whole candidate part, marker included (see fitsIn in count.ts); it
 * must be monotone: if a text fits, so does any shorter start of it.
 */
export function splitForThread(text: string, fitsFn: (part: string) => boolean, options: SplitOptions = {}): SplitResult {
  const whole = text.trim();
  if (!whole) return { ok: true, parts: [] };
  if (fitsFn(whole)) return { ok: true, parts: [whole] };

  const points = breakPointsOf(text);
  if (options.numbering === false) {
    const packed = pack(points, (body) => fitsFn(body), []);
    return packed.ok ? { ok: true, parts: packed.bodies } : packed;
  }

  let count = 2;
  let previous: readonly number[] = [];
  for (let attempt = 0; attempt < 16; attempt += 1) {
    const packed = pack(points, (body, index) => fitsFn(withThreadMarker(body, index, count)), previous);
    if (!packed.ok) return packed;
    if (packed.bodies.length === count) return { ok: true, parts: packed.bodies.map((body, i) => withThreadMarker(body, i + 1, count)) };
    count = packed.bodies.length;
    previous = packed.ends;
  }
  return { ok: false, reason: 'unstable' };
}
