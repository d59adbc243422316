/**
 * The pieces of a post's text that must stay whole: links, mentions and hashtags. Two uses:
 * Mastodon's counting (which links and mentions its server gives a length concession to) and
 * the thread splitter (where a part may never end).
 *
 * Mastodon's server (app/validators/status_length_validator.rb) finds them with twitter-text's
 * Extractor as patched by Mastodon: `extract_urls_with_indices(str, extract_url_without_protocol:
 * false)` (config/initializers/twitter_regex.rb widens paths and schemes) and
 * `extract_mentions_or_lists_with_indices` (app/lib/extractor.rb, Account::MENTION_RE), then
 * drops entities that overlap an earlier one. The link matcher here follows those patterns
 * except for twitter-text's list of known top-level domains: any label of two or more letters
 * (or xn--) passes here, so a link to an unknown TLD is counted as a link.
 */

export interface TextRange {
  start: number;
  end: number;
}

export interface MastodonEntity extends TextRange {
  kind: 'url' | 'mention';
  /** For a mention: the username without its domain ("bob" for @bob@example.com). */
  username?: string;
}

// twitter-text's DOMAIN_VALID_CHARS: anything but ASCII punctuation, white space and controls.
const domainChar = String.raw`[^\s\p{C}\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]`;
const domainCharOrDash = String.raw`[^\s\p{C}\x21-\x2C\x2E\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\x7E]`;
const domainLabel = `${domainChar}(?:${domainCharOrDash}*${domainChar})?`;
const topLevelDomain = String.raw`(?:xn--[a-z0-9-]+|[\p{L}\p{M}]{2,})`;

/** Host and port of a link, from just after "://"; the scheme is checked by hand (it is rare
 *  enough to look for "://" first), the path and query too (twitter-text's nested path
 *  pattern backtracks badly in JavaScript). */
const urlHost = new RegExp(String.raw`(?:${domainLabel}\.)+${topLevelDomain}(?![\p{L}\p{M}\p{N}@])(?::[0-9]+)?`, 'iuy');
const urlSchemes = new Set(['http', 'https', 'dat', 'dweb', 'ipfs', 'ipns', 'ssb', 'gopher', 'gemini']);
const isAsciiAlphanumeric = (char: string) => /^[A-Za-z0-9]$/.test(char);

// Mastodon's valid_general_url_path_chars, valid_url_path_ending_chars, valid_url_query_chars
// and valid_url_query_ending_chars (UCHARS there: roughly every non-ASCII character).
const pathRun = /[^\s<>?]*/uy;
const isPathChar = (char: string) => !/^[\s<>()?]$/u.test(char);
const isPathEnd = (char: string) => isPathChar(char) && !`!*"'「」;:=,.$%[]~&|@`.includes(char);
const queryRun = /[a-z0-9!?*'();:&=+$/%#[\]\-_.,~|@^\u00A0-\u{10FFFF}]*/iuy;
const isQueryEnd = (char: string) => /^[a-z0-9_&=#/\-\u00A0-\u{10FFFF}]$/iu.test(char);

/** A parenthesised group with at most one nested group, starting at `open`; its end or -1. */
function balancedGroupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '(') {
      depth += 1;
      if (depth > 2) return -1;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) return i + 1 === open + 2 ? -1 : i + 1;
    } else if (!isPathChar(char)) return -1;
  }
  return -1;
}

/** The end of a path starting after its "/" at `from`: the last ending character or group. */
function pathEnd(text: string, from: number): number {
  pathRun.lastIndex = from;
  const run = pathRun.exec(text)?.[0] ?? '';
  if (!run.includes('(') && !run.includes(')')) {
    let end = from + run.length;
    while (end > from && !isPathEnd(text.charAt(end - 1))) end -= 1;
    return end;
  }
  let end = from;
  for (let i = from; i < text.length; ) {
    const char = text.charAt(i);
    if (char === '(') {
      const groupEnd = balancedGroupEnd(text, i);
      if (groupEnd < 0) break;
      i = groupEnd;
      end = i;
    } else if (isPathChar(char)) {
      i += 1;
      if (isPathEnd(char)) end = i;
    } else break;
  }
  return end;
}

/** Where a link whose host ends at `at` ends, after its optional path and query. */
function urlEnd(text: string, at: number): number {
  let end = text.charAt(at) === '/' ? pathEnd(text, at + 1) : at;
  if (text.charAt(end) === '?') {
    queryRun.lastIndex = end + 1;
    const query = queryRun.exec(text)?.[0] ?? '';
    for (let length = query.length; length > 0; length -= 1) {
      if (isQueryEnd(query.charAt(length - 1))) {
        end += 1 + length;
        break;
      }
    }
  }
  return end;
}

/** The link whose "://" is at `separator`, or null when Mastodon would not see one there. */
function urlAt(text: string, separator: number): TextRange | null {
  // The scheme: the whole run of ASCII letters and digits before "://", not after @, $ or #.
  let start = separator;
  while (start > 0 && isAsciiAlphanumeric(text.charAt(start - 1))) start -= 1;
  if (!urlSchemes.has(text.slice(start, separator).toLowerCase())) return null;
  if (start > 0 && '@＠$#＃'.includes(text.charAt(start - 1))) return null;
  urlHost.lastIndex = separator + 3;
  const host = urlHost.exec(text);
  return host ? { start, end: urlEnd(text, host.index + host[0].length) } : null;
}

export function mastodonUrls(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let separator = text.indexOf('://');
  while (separator >= 0) {
    const url = urlAt(text, separator);
    if (url) ranges.push(url);
    separator = text.indexOf('://', url ? url.end : separator + 3);
  }
  return ranges;
}

// Account::MENTION_RE: (?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)
// with USERNAME_RE = /[a-z0-9_]+([.-]+[a-z0-9_]+)*/i. It also matches Bluesky handles
// (@alice.bsky.social), which Mastodon treats as a local username.
const word = String.raw`\p{L}\p{M}\p{Nd}\p{Pc}`;
const mentionPattern = new RegExp(
  String.raw`(?<![=/${word}])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[${word}]+(?:[.-]+[${word}]+)*)?`,
  'giu',
);
// twitter-text's end_mention_match: a mention followed by these is not one.
const notAfterMention = /^(?:[@＠\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u1E00-\u1EFF]|[\u0300-\u036F]|:\/\/)/u;

export function mentions(text: string): MastodonEntity[] {
  const found: MastodonEntity[] = [];
  for (const match of text.matchAll(mentionPattern)) {
    const end = match.index + match[0].length;
    if (notAfterMention.test(text.slice(end, end + 3))) continue;
    found.push({ kind: 'mention', start: match.index, end, username: match[1] ?? '' });
  }
  return found;
}

/** Links and mentions as Mastodon's length validator finds them: sorted, none overlapping. */
export function mastodonEntities(text: string): MastodonEntity[] {
  const all: MastodonEntity[] = [...mastodonUrls(text).map((range) => ({ kind: 'url' as const, ...range })), ...mentions(text)];
  all.sort((a, b) => a.start - b.start);
  const kept: MastodonEntity[] = [];
  for (const entity of all) {
    const previous = kept.at(-1);
    if (!previous || previous.end <= entity.start) kept.push(entity);
  }
  return kept;
}

// For splitting, wider than Mastodon's view: any scheme://… run, bare domains with a path
// (Bluesky links them), and hashtags (Mastodon's HASHTAG_RE characters, separators included).
const anySchemeUrl = /(?<![\p{L}\p{N}])[a-z][a-z0-9+.-]*:\/\/[^\s<>]+/giu;
const bareDomain = /(?<![\p{L}\p{N}@./_-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s<>]*)?(?![\p{L}\p{N}])/giu;
const hashtag = /(?<![\p{L}\p{N}_&/#＃])[#＃][\p{L}\p{M}\p{Nd}\p{Pc}\u00B7\u30FB\u200C\u200D]+/gu;
const trailingPunctuation = /[.,;:!?'"»”’)\]}>…]+$/u;

/** A link's run without the punctuation that ends the sentence it stands in; a closing
 *  parenthesis stays when the link opened one. */
function trimLink(text: string, start: number, end: number): number {
  const run = text.slice(start, end);
  const trailing = trailingPunctuation.exec(run)?.[0] ?? '';
  let kept = run.length - trailing.length;
  const opened = (run.slice(0, kept).match(/\(/g) ?? []).length - (run.slice(0, kept).match(/\)/g) ?? []).length;
  if (opened > 0 && trailing.startsWith(')')) kept += 1;
  return start + kept;
}

/** Ranges a thread part may never end inside: links, mentions, hashtags. Sorted, merged. */
export function unbreakableRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [...mastodonUrls(text), ...mentions(text)];
  for (const pattern of [anySchemeUrl, bareDomain]) {
    for (const match of text.matchAll(pattern)) {
      ranges.push({ start: match.index, end: trimLink(text, match.index, match.index + match[0].length) });
    }
  }
  for (const match of text.matchAll(hashtag)) ranges.push({ start: match.index, end: match.index + match[0].length });

  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    if (range.end <= range.start) continue;
    const last = merged.at(-1);
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
