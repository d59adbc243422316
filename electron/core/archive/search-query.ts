/**
 * A search box's text as the archive's two full-text indexes take it. Words of scripts written
 * with spaces go to the word index (unicode61, accents ignored: "cafe" finds "café" and back);
 * text in scripts written without spaces (Chinese, Japanese, Thai …) goes to the trigram index,
 * which finds any substring of three characters or more. Shorter substrings (東京) cannot use
 * trigrams: they are matched with LIKE, a scan, which is fast enough for one- and two-character
 * words. Every term is quoted for FTS5, so nothing typed is ever read as query syntax.
 */

export interface ParsedQuery {
  /** FTS5 query for the word index, or null. */
  words: string | null;
  /** FTS5 query for the trigram index, or null. */
  trigrams: string | null;
  /** Substrings too short for trigrams, matched with LIKE. */
  short: string[];
  /** Every term, as typed (for highlighting what the indexes cannot). */
  terms: string[];
}

const unspacedScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** Terms of a query: "quoted phrases" stay whole, the rest splits at spaces. */
export function termsOf(query: string): string[] {
  const terms: string[] = [];
  for (const match of query.normalize('NFC').matchAll(/"([^"]*)"|(\S+)/g)) {
    // Quotes end a term; control characters are never in the store (archive-store.ts).
    // eslint-disable-next-line no-control-regex
    const term = (match[1] ?? match[2] ?? '').replace(/["\u0000-\u001f]/g, ' ').trim();
    if (term) terms.push(term);
  }
  return terms;
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;
const length = (text: string) => [...text].length;

export function parseQuery(query: string): ParsedQuery {
  const terms = termsOf(query);
  const words: string[] = [];
  const trigrams: string[] = [];
  const short: string[] = [];
  for (const term of terms) {
    if (!unspacedScripts.test(term)) words.push(quoted(term));
    else if (length(term) >= 3) trigrams.push(quoted(term));
    else short.push(term);
  }
  return { words: words.length > 0 ? words.join(' AND ') : null, trigrams: trigrams.length > 0 ? trigrams.join(' AND ') : null, short, terms };
}

/** A LIKE pattern that finds `term` anywhere, with LIKE's own characters escaped by '\'. */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
