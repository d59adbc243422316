/**
 * Where a thread part may end, from the coarsest choice to the finest: paragraph ends, sentence
 * ends, word ends, and (last resort, inside one word) grapheme cluster ends. Each set includes
 * the coarser ones. A position is the end of a part's content (white space before it is moved
 * past), so two positions never give the same part; none lies inside a link, a mention or a
 * hashtag, and none inside a grapheme cluster (UAX #29 word and sentence boundaries never are).
 */
import { unbreakableRanges, type TextRange } from './entities.ts';
import { graphemeSegmenter, sentenceSegmenter, wordSegmenter } from './graphemes.ts';

export interface BreakPoints {
  readonly text: string;
  readonly paragraphEnds: readonly number[];
  readonly sentenceEnds: readonly number[];
  /** Computed on first use: the word segmenter is the costly one. */
  wordEnds(): readonly number[];
  /** Grapheme cluster ends in (from, to]: cutting inside one word. */
  graphemeEnds(from: number, to: number): number[];
  /** The link, mention or hashtag that starts or lies at `position`, if any. */
  unbreakableAt(position: number): TextRange | undefined;
}

const isSpace = (char: string) => /\s/u.test(char);

/** Index of the first element greater than `value` in an ascending list. */
export function firstAbove(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] ?? Infinity) > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function breakPointsOf(text: string): BreakPoints {
  const unbreakable = unbreakableRanges(text);
  const rangeStarts = unbreakable.map((range) => range.start);

  const rangeAt = (position: number): TextRange | undefined => {
    const range = unbreakable[firstAbove(rangeStarts, position) - 1];
    return range && position < range.end ? range : undefined;
  };
  const contentEnd = (position: number) => {
    let end = position;
    while (end > 0 && isSpace(text.charAt(end - 1))) end -= 1;
    return end;
  };
  /** Sorted, unique, breakable content ends from raw boundary positions. */
  const ends = (positions: Iterable<number>): number[] => {
    const result = new Set<number>();
    for (const position of positions) {
      const end = contentEnd(position);
      if (end === 0) continue;
      const range = rangeAt(end);
      if (range && range.start < end) continue;
      result.add(end);
    }
    return [...result].sort((a, b) => a - b);
  };

  const blankLines = [...text.matchAll(/\n[^\S\n]*\n/g)].map((match) => match.index);
  const paragraphEnds = ends([...blankLines, text.length]);
  const sentenceEnds = ends([
    ...paragraphEnds,
    ...[...sentenceSegmenter.segment(text)].map((segment) => segment.index + segment.segment.length),
  ]);

  let wordEndsCache: number[] | undefined;
  const wordEnds = () => {
    if (wordEndsCache) return wordEndsCache;
    const positions: number[] = [...sentenceEnds];
    let previous: Intl.SegmentData | undefined;
    for (const segment of wordSegmenter.segment(text)) {
      // Between words of scripts written without spaces (CJK, Thai) or at white space; never
      // between a word and the punctuation that sticks to it.
      const atSpace = !segment.segment.trim() || (previous !== undefined && !previous.segment.trim());
      if (previous && (atSpace || (previous.isWordLike && segment.isWordLike))) positions.push(segment.index);
      previous = segment;
    }
    wordEndsCache = ends(positions);
    return wordEndsCache;
  };

  const graphemeEnds = (from: number, to: number) => {
    const positions: number[] = [];
    for (const segment of graphemeSegmenter.segment(text.slice(from, to))) positions.push(from + segment.index + segment.segment.length);
    return ends(positions).filter((end) => end > from);
  };

  return { text, paragraphEnds, sentenceEnds, wordEnds, graphemeEnds, unbreakableAt: rangeAt };
}
