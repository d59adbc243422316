/**
 * Searching the archive: full-text (archive/search-query.ts says which index takes which term),
 * filtered by account, network, date, media and replies, newest first or best match first, a
 * page at a time. Each hit carries a snippet with the matches marked as separate parts — never
 * HTML — so the renderer wraps them in <mark> as text and a post cannot inject markup.
 */
import type { Post } from '../../../shared/domain/post.ts';
import type { Database } from '../store/database.ts';
import { firstIdAt } from './archive-store.ts';
import { containsPattern, parseQuery, type ParsedQuery } from './search-query.ts';

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

/**
 * Best match first ranks by bm25 only recent matches: those (that pass the filters) among the
 * newest `rankedMatches` matches of the terms in the time span asked. Older matches follow them,
 * newest first, so every match is still found, a page at a time. Ranking every match of a common
 * word (a third of the archive holds "the") costs a bm25 and, under a filter, a post read per
 * match: 150-250 ms at 100,000 posts; the newest 1,000 take a few milliseconds.
 */
export const rankedMatches = 1000;

/**
 * A row id as a parameter: node:sqlite binds every JavaScript number as a REAL, and FTS5 takes
 * only INTEGER values as row id bounds: it ignores a REAL one (and "rowid = ?" then answers any row).
 */
const integer = 'CAST(? AS INTEGER)';

/** The first row id of the posts made at `iso` or later: row ids are times (archive-store.ts, firstIdAt). */
const idAt = (iso: string) => firstIdAt(new Date(iso).toISOString());

interface Plan {
  /** FROM … JOIN … (`withPosts`: the posts' columns too, not only their row ids), WHERE terms and their parameters. */
  from: (withPosts: boolean) => string;
  /** A WHERE term reads a post's column: the posts must be joined to check it. */
  needsPosts: boolean;
  where: string[];
  params: (string | number)[];
  /** The row id the rows are read in, newest first (an index's own order). */
  id: string;
  /** bm25 of each index matched, when ranking. */
  ranks: string[];
  /** The index that drives, its query and the row id span asked (for the scan window of best match first). */
  driver: { table: string; match: string; span: string[]; params: number[] } | null;
}

function planOf(parsed: ParsedQuery, query: ArchiveQuery, rank: boolean): Plan {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const ranks: string[] = [];
  /** The first index holding terms is read in its own (row id, so time) order. */
  let driver: string | null = null;
  let driverMatch = '';
  const joins: string[] = [];
  let needsPosts = false;
  for (const [table, match] of [['archive_words', parsed.words], ['archive_trigrams', parsed.trigrams]] as const) {
    if (match === null) continue;
    if (driver === null) {
      driver = table;
      driverMatch = match;
      where.push(`${table} MATCH ?`);
    } else if (rank) {
      // bm25 of the second index needs its MATCH on the same row.
      joins.push(`${table} ON ${table}.rowid = ${driver}.rowid`);
      where.push(`${table} MATCH ?`);
    } else {
      where.push(`${driver}.rowid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`);
    }
    if (rank) ranks.push(`bm25(${table})`);
    params.push(match);
  }
  // Without an index driving, the posts are read newest first by row id, the filters checked on
  // each, until the page is full: the unary + keeps SQLite from reading a whole account through its
  // index and sorting it (a 2-character CJK term, a LIKE, over 30,000 posts: 130 ms instead of 3).
  const plain = driver === null ? '+' : '';
  const list = (column: string, values: readonly string[] | undefined) => {
    if (!values) return;
    needsPosts = true;
    where.push(values.length === 0 ? '0' : `${plain}${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('p.account_id', query.accounts);
  list('p.network', query.networks);
  const id = driver ? `${driver}.rowid` : 'p.id';
  // A time span is also a span of row ids, which the index reads alone (FTS5 takes rowid ranges):
  // a month of a common word no longer reads every newer match first. (created_at is checked too.)
  const span: string[] = [];
  const spanParams: number[] = [];
  if (query.since) {
    where.push(`${id} >= ${integer}`, 'p.created_at >= ?');
    params.push(idAt(query.since), new Date(query.since).toISOString());
    span.push(`rowid >= ${integer}`);
    spanParams.push(idAt(query.since));
  }
  if (query.until) {
    where.push(`${id} < ${integer}`, 'p.created_at < ?');
    params.push(idAt(query.until), new Date(query.until).toISOString());
    span.push(`rowid < ${integer}`);
    spanParams.push(idAt(query.until));
  }
  if (query.hasMedia !== undefined) where.push(`p.has_media = ${query.hasMedia ? 1 : 0}`);
  if (query.replies !== undefined) where.push(`p.is_reply = ${query.replies ? 1 : 0}`);
  // Last, after the cheaper checks of the same row (a post with no media is not read through).
  for (const term of parsed.short) {
    needsPosts = true;
    where.push("(p.text LIKE ? ESCAPE '\\' OR p.alt_text LIKE ? ESCAPE '\\')");
    params.push(containsPattern(term), containsPattern(term));
  }
  needsPosts ||= query.since !== undefined || query.until !== undefined || query.hasMedia !== undefined || query.replies !== undefined;
  const driving = driver;
  // The first index is the outer loop (CROSS JOIN keeps SQLite to that order): probing an index
  // once per post, as the planner may otherwise choose under a filter, costs a query per post.
  const from = (withPosts: boolean) =>
    driving === null
      ? 'archive_posts p'
      : [driving, ...(withPosts ? [`archive_posts p ON p.id = ${driving}.rowid`] : []), ...joins].join(' CROSS JOIN ');
  return { from, needsPosts, where, params, id, ranks, driver: driver ? { table: driver, match: driverMatch, span, params: spanParams } : null };
}

const columns = 'p.id, p.account_id, p.network, p.post_key, p.uri, p.url, p.created_at, p.deleted_at, p.has_media, p.is_reply, p.is_quote, p.post, p.text';
const whereOf = (where: readonly string[]) => (where.length > 0 ? `WHERE ${where.join(' AND ')}` : '');

/** Rows of `ids`, in that order. */
function rowsOf(db: Database, ids: readonly number[]): Row[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT ${columns} FROM archive_posts p WHERE p.id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as unknown as Row[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
}

/**
 * Best match first, rows `offset` to `offset + count`: the ranked matches (see rankedMatches) by
 * bm25, ties newest first, then the older ones newest first.
 */
function bestRows(db: Database, plan: Plan, offset: number, count: number): Row[] {
  // Where the ranked ones end: the driving index's `rankedMatches`-th newest match, read from the index alone.
  const driver = plan.driver!;
  const edge = (
    db
      .prepare(`SELECT rowid AS id FROM ${driver.table} WHERE ${[`${driver.table} MATCH ?`, ...driver.span].join(' AND ')} ORDER BY rowid DESC LIMIT 1 OFFSET ${rankedMatches - 1}`)
      .get(driver.match, ...driver.params) as { id: number } | undefined
  )?.id;
  const from = plan.from(plan.needsPosts);
  const ranked = db
    .prepare(`SELECT ${plan.id} AS id, ${plan.ranks.join(' + ')} AS score FROM ${from} ${whereOf(edge === undefined ? plan.where : [...plan.where, `${plan.id} >= ${integer}`])}`)
    .all(...plan.params, ...(edge === undefined ? [] : [edge])) as unknown as { id: number; score: number }[];
  ranked.sort((a, b) => a.score - b.score || b.id - a.id);
  const ids = ranked.slice(offset, offset + count).map((row) => row.id);
  if (edge !== undefined && ids.length < count) {
    const older = db
      .prepare(`SELECT ${plan.id} AS id FROM ${from} ${whereOf([...plan.where, `${plan.id} < ${integer}`])} ORDER BY ${plan.id} DESC LIMIT ${count - ids.length} OFFSET ${Math.max(0, offset - ranked.length)}`)
      .all(...plan.params, edge) as unknown as { id: number }[];
    ids.push(...older.map((row) => row.id));
  }
  return rowsOf(db, ids);
}

export function searchArchive(db: Database, query: ArchiveQuery): ArchiveResults {
  const parsed = parseQuery(query.query);
  const limit = Math.max(1, Math.min(maxLimit, Math.floor(query.limit)));
  const best = query.order === 'best' && (parsed.words !== null || parsed.trigrams !== null);
  const plan = planOf(parsed, query, best);
  const cursor = decodeCursor(query.cursor);
  const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
  let rows: Row[];
  if (best) rows = bestRows(db, plan, offset, limit + 1);
  else {
    // Row ids are times (archive-store.ts): newest first is row id order, which an index reads
    // itself, stopping once the page is full.
    const where = [...plan.where];
    const params = [...plan.params];
    if (cursor && 'id' in cursor) {
      where.push(`${plan.id} < ${integer}`);
      params.push(cursor.id);
    }
    rows = db.prepare(`SELECT ${columns} FROM ${plan.from(true)} ${whereOf(where)} ORDER BY ${plan.id} DESC LIMIT ${limit + 1}`).all(...params) as unknown as Row[];
  }
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // Snippets for this page only: FTS5 marks the matches of its own query. One row at a time: FTS5
  // seeks a row id given alone, while "rowid IN (…)" reads every match of the query (7 ms for a
  // common phrase, against 2 for the 30 rows of a page).
  const marks = new Map<number, string>();
  const marker = markerIndex(parsed);
  if (marker && page.length > 0) {
    const snippet = db.prepare(
      `SELECT snippet(${marker.table}, -1, char(2), char(3), '${ellipsis}', ${marker.tokens}) AS marked FROM ${marker.table} WHERE ${marker.table} MATCH ? AND rowid = ${integer}`,
    );
    for (const { id } of page) {
      const found = snippet.get(marker.query, id) as { marked: string } | undefined;
      if (found) marks.set(id, found.marked);
    }
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
  const nextCursor = !more || !last ? null : best ? encodeCursor({ offset: offset + limit }) : encodeCursor({ id: last.id });
  return { hits, cursor: nextCursor };
}
