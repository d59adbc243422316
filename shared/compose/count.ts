/**
 * How long a post is, as each network counts it, and whether it fits a target account.
 *
 * Mastodon, as its server decides (app/validators/status_length_validator.rb, 4.x):
 *   too_long? = [spoiler_text, countable_text(text)].join.each_grapheme_cluster.size > max
 * - it counts extended grapheme clusters (not code points, not UTF-16 units), of the content
 *   warning and the text joined into one string;
 * - countable_text replaces every link it extracts by 'x' * 23 (URL_PLACEHOLDER; instances
 *   report the same number as configuration.statuses.characters_reserved_per_url) and every
 *   mention by "@" + its username, so @bob@example.com counts as @bob;
 * - both fields are stripped of leading and trailing ASCII white space first (Status
 *   before_validation :prepare_contents: text&.strip!, spoiler_text&.strip!).
 * Its web composer's counter differs a little (it also shortens bare domains like example.com):
 * the server is what accepts or refuses a post, so this follows the server.
 *
 * Bluesky (lexicon app.bsky.feed.post): text of at most 300 graphemes and 3000 UTF-8 bytes.
 */
import { graphemeCount, utf8Length } from './graphemes.ts';
import { mastodonEntities } from './entities.ts';

export const defaultCharactersReservedPerUrl = 23;
export const blueskyLimits = { graphemes: 300, bytes: 3000 } as const;

// Ruby's String#strip: NUL, \t, \n, \v, \f, \r and space, nothing else.
const rubyStrip = (text: string) => text.replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, '');

export interface MastodonCountOptions {
  charactersReservedPerUrl?: number;
  /** The server counts every character as written (links in full, mentions with their domain),
   *  as code points, the larger count: GoToSocial, Pleroma and Akkoma do. */
  countsInFull?: boolean;
  /** spoiler_text: it shares the limit with the text. */
  contentWarning?: string;
}

/** The text as Mastodon measures it: links as placeholders, mentions without their domain. */
function countableText(text: string, charactersReservedPerUrl: number): string {
  let result = '';
  let cursor = 0;
  for (const entity of mastodonEntities(text)) {
    result += text.slice(cursor, entity.start);
    result += entity.kind === 'url' ? 'x'.repeat(charactersReservedPerUrl) : `@${entity.username ?? ''}`;
    cursor = entity.end;
  }
  return result + text.slice(cursor);
}

export function mastodonLength(text: string, options: MastodonCountOptions = {}): number {
  const { charactersReservedPerUrl = defaultCharactersReservedPerUrl, contentWarning = '', countsInFull = false } = options;
  if (countsInFull) return [...(rubyStrip(contentWarning) + rubyStrip(text))].length;
  return graphemeCount(rubyStrip(contentWarning) + countableText(rubyStrip(text), charactersReservedPerUrl));
}

export interface BlueskyLength {
  graphemes: number;
  bytes: number;
}

export function blueskyLength(text: string): BlueskyLength {
  return { graphemes: graphemeCount(text), bytes: utf8Length(text) };
}

export type ComposeTarget =
  | { network: 'mastodon'; maxCharacters: number; charactersReservedPerUrl: number; countsInFull?: boolean }
  | { network: 'bluesky' };

export interface FitOptions {
  /** Mastodon only: Bluesky has no free-text warning (it becomes a self-label). */
  contentWarning?: string;
}

/**
 * What a counter shows for one target. Bluesky has two limits; the one nearer to its end is
 * reported (bytes only for text of more than 10 bytes per grapheme: emoji, some scripts).
 */
export interface Fit {
  length: number;
  limit: number;
  over: boolean;
  unit: 'characters' | 'graphemes' | 'bytes';
}

export function fits(target: ComposeTarget, text: string, options: FitOptions = {}): Fit {
  switch (target.network) {
    case 'mastodon': {
      const length = mastodonLength(text, { charactersReservedPerUrl: target.charactersReservedPerUrl, countsInFull: target.countsInFull ?? false, contentWarning: options.contentWarning ?? '' });
      return { length, limit: target.maxCharacters, over: length > target.maxCharacters, unit: 'characters' };
    }
    case 'bluesky': {
      const { graphemes, bytes } = blueskyLength(text);
      const over = graphemes > blueskyLimits.graphemes || bytes > blueskyLimits.bytes;
      return bytes * blueskyLimits.graphemes > graphemes * blueskyLimits.bytes
        ? { length: bytes, limit: blueskyLimits.bytes, over, unit: 'bytes' }
        : { length: graphemes, limit: blueskyLimits.graphemes, over, unit: 'graphemes' };
    }
  }
}

/** The question the thread splitter asks of every candidate part (marker included). */
export const fitsIn =
  (target: ComposeTarget, options: FitOptions = {}) =>
  (text: string): boolean =>
    !fits(target, text, options).over;
