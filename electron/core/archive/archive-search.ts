/**
 * Searching the archive: full-text (archive/search-query.ts says which index takes which term),
 * filtered by account, network, date, media and replies, newest first or best match first, a
 * page at a time. Each hit carries a snippet with the matches marked as separate parts — never
 * HTML — so the renderer wraps them in <mark> as text and a post cannot inject markup.
 */
import type { Post } from '../../../shared/domain/post.ts';
import type { Database } from '../store/database.ts';
import { containsPattern, parseQuery } from './search-query.ts';

export interface ArchiveQuery {
  query: string;
  accounts?: readonly string[];
  networks?: readonly string[];
  /** ISO time: created at or after. */
  since?: string;
  /** ISO time: created before. */
  until?: string;
  hasMedia?: boolean;
  /** true: only replies; false: no replies; absent: both. */
  replies?: boolean;
  order: 'newest' | 'best';
  limit: number;
  /** From the previous page's answer. */
  cursor?: string | null;
}

export interface SnippetPart {
  text: string;
  /** A match of the query. */
  mark: boolean;
}

export interface ArchiveHit {
  accountId: string;
  network: string;
  key: string;
  uri: string;
  url: string | null;
  createdAt: string;
  deleted: boolean;
  hasMedia: boolean;
  isReply: boolean;
  isQuote: boolean;
  snippet: SnippetPart[];
  post: Post;
}

export interface ArchiveResults {
  hits: ArchiveHit[];
  /** The next page's cursor; null when there is no more. */
  cursor: string | null;
}

// The store keeps no control characters (archive-store.ts): these two can only be the highlights.
const open = '\u0002';
const close = '\u0003';
const ellipsis = '…';
const maxLimit = 200;
const snippetTokens = { words: 24, trigrams: 48 };
const plainSnippetChars = 160;

type Cursor = { id: number } | { offset: number };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<{ id: unknown; offset: unknown }>;
    if (typeof value.id === 'number' && Number.isSafeInteger(value.id)) return { id: value.id };
    if (typeof value.offset === 'number' && Number.isInteger(value.offset) && value.offset >= 0) return { offset: value.offset };
  } catch {
    // a cursor from elsewhere: start from the top
  }
  return null;
}

/** A snippet marked by FTS5 (between the two control characters) as parts. */
export function partsOf(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(open)) {
    const [inside, after] = piece.includes(close) ? [piece.slice(0, piece.indexOf(close)), piece.slice(piece.indexOf(close) + 1)] : [null, piece];
    if (inside) parts.push({ text: inside, mark: true });
    if (after) parts.push({ text: after, mark: false });
  }
  return parts.filter((part) => part.text !== '');
}

/** A snippet made here, for what no index matched (substrings too short for trigrams, or no query):
 *  the text around the first match, every occurrence of the terms marked. */
export function plainSnippet(text: string, terms: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const needles = terms.map((term) => term.toLowerCase()).filter(Boolean);
  const first = Math.min(...needles.map((needle) => lower.indexOf(needle)).filter((at) => at >= 0), Number.POSITIVE_INFINITY);
  const start = Number.isFinite(first) ? Math.max(0, first - Math.floor(plainSnippetChars / 3)) : 0;
  const end = Math.min(text.length, start + plainSnippetChars);
  const window = text.slice(start, end);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: ellipsis, mark: false });
  let at = 0;
  const windowLower = window.toLowerCase();
  while (at < window.length) {
    let next = -1;
    let size = 0;
    for (const needle of needles) {
      const found = windowLower.indexOf(needle, at);
      if (found >= 0 && (next < 0 || found < next)) {
        next = found;
        size = needle.length;
      }
    }
    if (next < 0) {
      parts.push({ text: window.slice(at), mark: false });
      break;
    }
    if (next > at) parts.push({ text: window.slice(at, next), mark: false });
    parts.push({ text: window.slice(next, next + size), mark: true });
    at = next + size;
  }
  if (end < text.length) parts.push({ text: ellipsis, mark: false });
  return parts.filter((part) => part.text !== '');
}

interface Row {
  id: number;
  account_id: string;
  network: string;
  post_key: string;
  uri: string;
  url: string | null;
  created_at: string;
  deleted_at: string | null;
  has_media: number;
  is_reply: number;
  is_quote: number;
  post: string;
  text: string;
}

/** Which index marks a hit's snippet: the trigram one for CJK terms, else the word one. */
function markerIndex(parsed: ReturnType<typeof parseQuery>): { table: string; query: string; tokens: number } | null {
  if (parsed.trigrams) return { table: 'archive_trigrams', query: parsed.trigrams, tokens: snippetTokens.trigrams };
  if (parsed.words) return { table: 'archive_words', query: parsed.words, tokens: snippetTokens.words };
  return null;
}

export function searchArchive(db: Database, query: ArchiveQuery): ArchiveResults {
  const parsed = parseQuery(query.query);
  const limit = Math.max(1, Math.min(maxLimit, Math.floor(query.limit)));
  const best = query.order === 'best' && (parsed.words !== null || parsed.trigrams !== null);
  const joins: string[] = [];
  const where: string[] = [];
  const params: (string | number)[] = [];
  const ranks: string[] = [];
  /** Newest first: the first index holding terms is read in its own (row id, so time) order. */
  let driver: string | null = null;
  let from = 'archive_posts p';
  for (const [table, match] of [['archive_words', parsed.words], ['archive_trigrams', parsed.trigrams]] as const) {
    if (match === null) continue;
    // The first index is the outer loop (CROSS JOIN keeps SQLite to that order): probing an index
    // once per post, as the planner may otherwise choose under a filter, costs a query per post.
    if (from === 'archive_posts p') from = `${table} CROSS JOIN archive_posts p ON p.id = ${table}.rowid`;
    else if (best) joins.push(`JOIN ${table} ON ${table}.rowid = p.id`);
    if (best || driver === null) {
      where.push(`${table} MATCH ?`);
      if (best) ranks.push(`bm25(${table})`);
      else driver = table;
    } else {
      where.push(`p.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`);
    }
    params.push(match);
  }
  for (const term of parsed.short) {
    where.push("(p.text LIKE ? ESCAPE '\\' OR p.alt_text LIKE ? ESCAPE '\\')");
    params.push(containsPattern(term), containsPattern(term));
  }
  const list = (column: string, values: readonly string[] | undefined) => {
    if (!values) return;
    where.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('p.account_id', query.accounts);
  list('p.network', query.networks);
  if (query.since) {
    where.push('p.created_at >= ?');
    params.push(new Date(query.since).toISOString());
  }
  if (query.until) {
    where.push('p.created_at < ?');
    params.push(new Date(query.until).toISOString());
  }
  if (query.hasMedia !== undefined) where.push(`p.has_media = ${query.hasMedia ? 1 : 0}`);
  if (query.replies !== undefined) where.push(`p.is_reply = ${query.replies ? 1 : 0}`);

  const cursor = decodeCursor(query.cursor);
  let order: string;
  let tail = '';
  if (best) {
    order = `ORDER BY ${ranks.join(' + ')}, p.id DESC`;
    tail = ` OFFSET ${cursor && 'offset' in cursor ? cursor.offset : 0}`;
  } else {
    // Row ids are times (archive-store.ts): newest first is row id order, which an index reads
    // itself, stopping once the page is full.
    const id = driver ? `${driver}.rowid` : 'p.id';
    order = `ORDER BY ${id} DESC`;
    if (cursor && 'id' in cursor) {
      where.push(`${id} < ?`);
      params.push(cursor.id);
    }
  }
  const sql = `
    SELECT p.id, p.account_id, p.network, p.post_key, p.uri, p.url, p.created_at, p.deleted_at, p.has_media, p.is_reply, p.is_quote, p.post, p.text
    FROM ${from} ${joins.join(' ')}
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ${order} LIMIT ${limit + 1}${tail}`;
  const rows = db.prepare(sql).all(...params) as unknown as Row[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // Snippets for this page only: FTS5 marks the matches of its own query.
  const marks = new Map<number, string>();
  const marker = markerIndex(parsed);
  if (marker && page.length > 0) {
    const snippets = db
      .prepare(
        `SELECT rowid AS id, snippet(${marker.table}, -1, char(2), char(3), '${ellipsis}', ${marker.tokens}) AS marked
         FROM ${marker.table} WHERE ${marker.table} MATCH ? AND rowid IN (${page.map(() => '?').join(', ')})`,
      )
      .all(marker.query, ...page.map((row) => row.id)) as unknown as { id: number; marked: string }[];
    for (const { id, marked } of snippets) marks.set(id, marked);
  }
  const hits = page.map((row): ArchiveHit => {
    const marked = marks.get(row.id);
    return {
      accountId: row.account_id,
      network: row.network,
      key: row.post_key,
      uri: row.uri,
      url: row.url,
      createdAt: row.created_at,
      deleted: row.deleted_at !== null,
      hasMedia: row.has_media === 1,
      isReply: row.is_reply === 1,
      isQuote: row.is_quote === 1,
      snippet: marked?.includes(open) ? partsOf(marked) : plainSnippet(row.text, parsed.short.length > 0 ? parsed.short : parsed.terms),
      post: JSON.parse(row.post) as Post,
    };
  });
  const last = page.at(-1);
  const nextCursor = !more || !last ? null : best ? encodeCursor({ offset: (cursor && 'offset' in cursor ? cursor.offset : 0) + limit }) : encodeCursor({ id: last.id });
  return { hits, cursor: nextCursor };
}
