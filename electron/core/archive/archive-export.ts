/**
 * An export of the archive anyone can open, with no Braid and no network: a folder with
 * posts.jsonl (one post a line; its schema is docs/archive-export.md), media/ (the saved files,
 * named by their SHA-256), a static HTML site (index.html by month, one YYYY-MM.html per month)
 * that needs no script and forbids any through its Content-Security-Policy, README.txt,
 * manifest.json, and check.json: what the export's own check found when it read itself back.
 *
 * This file writes it; the format is export/export-format.ts, the pages export/export-html.ts
 * and the check that reads the export back export/export-check.ts.
 *
 * Streamed: posts are read in batches in created_at order (keyset paging over the
 * archive_posts_by_time index, each batch through a prepared statement's iterate()) and written
 * as they come; only per-month and per-account counts stay in memory. No statement stays open
 * across the pauses between batches, so the app's own writes on the same connection go on.
 *
 * Written into `<dir>.partial`, renamed to `<dir>` only once whole and checked: a crash never
 * leaves a half export looking like a whole one (a later export removes the leftover).
 */
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Post } from '../../../shared/domain/post.ts';
import type { Database } from '../store/database.ts';
import type { ArchiveMedia, ArchiveMediaRow } from './archive-media.ts';
import { checkExport } from './export/export-check.ts';
import { exportFormat, exportFormatVersion, mediaName, monthKey, type AccountTotal, type ExportCheck, type ExportedPost, type ExportManifest, type ExportProgress, type MonthCount } from './export/export-format.ts';
import { indexHtml, monthPageEnd, monthPageStart, postHtml, readme } from './export/export-html.ts';

export interface ExportOptions {
  db: Database;
  media: ArchiveMedia;
  /** A folder that does not exist yet, or is empty. */
  dir: string;
  /** Only these accounts' posts (Braid account ids); all when absent. */
  accounts?: readonly string[];
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** Hard-link the media files where the archive is on the same file system (the default), else copy. */
  linkMedia?: boolean;
  now?: () => Date;
}

export interface ExportResult {
  dir: string;
  posts: number;
  /** Distinct files in media/. */
  mediaFiles: number;
  /** Media the archive says it saved whose file is gone: referenced by URL only. */
  mediaMissing: number;
  months: number;
  check: ExportCheck;
}

const batchSize = 500;
const partialMarker = '.braid-export-in-progress';

// ---------------------------------------------------------------------------------------------
// Files.

/** Buffered writes to one file through its descriptor: a few large writes, not one per post. */
class FileOut {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o644);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 512 * 1024) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const bytes = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.size = 0;
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

function isEmptyFolderOrAbsent(path: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

const linkFailures = new Set(['EXDEV', 'EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EINVAL']);

// ---------------------------------------------------------------------------------------------
// The export.

interface PostRow {
  id: number;
  account_id: string;
  network: string;
  post_key: string;
  uri: string;
  url: string | null;
  created_at: string;
  text: string;
  langs: string;
  is_reply: number;
  is_quote: number;
  deleted_at: string | null;
  post: string;
  source: string;
  archived_at: string;
  cross_post: string | null;
}


/** The folder chosen holds files already (or a leftover of that name that is not an unfinished export): nothing was written. */
export class ExportFolderError extends Error {
  readonly dir: string;
  constructor(dir: string, message: string) {
    super(message);
    this.name = 'ExportFolderError';
    this.dir = dir;
  }
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The export was stopped', 'AbortError');
}

export async function exportArchive(options: ExportOptions): Promise<ExportResult> {
  const { db, signal } = options;
  const dir = resolve(options.dir);
  if (!isEmptyFolderOrAbsent(dir)) throw new ExportFolderError(dir, `Cannot export into ${dir}: it is not an empty folder. Choose a new or empty folder.`);
  const partial = `${dir}.partial`;
  if (existsSync(partial)) {
    // Only a leftover of an export that stopped is removed; anything else of that name is the user's.
    if (!existsSync(join(partial, partialMarker))) throw new ExportFolderError(partial, `Cannot export into ${dir}: ${partial} exists and is not an unfinished export.`);
    rmSync(partial, { recursive: true, force: true });
  }
  const exportedAt = (options.now?.() ?? new Date()).toISOString();
  const accounts = options.accounts ? JSON.stringify([...options.accounts]) : null;
  const filter = 'AND (:accounts IS NULL OR account_id IN (SELECT value FROM json_each(:accounts)))';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM archive_posts WHERE 1 ${filter}`).get({ accounts }) as { n: number }).n);
  const page = db.prepare(`
    SELECT id, account_id, network, post_key, uri, url, created_at, text, langs, is_reply, is_quote, deleted_at, post, source, archived_at, cross_post
    FROM archive_posts
    WHERE (created_at, id) > (:after, :afterId) ${filter}
    ORDER BY created_at, id LIMIT :limit`);

  aborted(signal);
  mkdirSync(join(partial, 'media'), { recursive: true });
  writeFileSync(join(partial, partialMarker), '');

  const months: MonthCount[] = [];
  const totals = new Map<string, AccountTotal>();
  const copied = new Set<string>();
  let linkMedia = options.linkMedia ?? true;
  let mediaMissing = 0;
  let posts = 0;
  let jsonl: FileOut | null = null;
  /** The month being written, and its page (open until the first post of the next month). */
  const current: { month: MonthCount | null; page: FileOut | null } = { month: null, page: null };

  /** The file in the export for a saved media row (linked or copied once), or null when it is not there. */
  function exportedFile(row: ArchiveMediaRow): string | null {
    if (!row.file || !mediaName.test(row.file)) return null;
    if (copied.has(row.file)) return `media/${row.file}`;
    const from = options.media.pathOf(row.file);
    const to = join(partial, 'media', row.file);
    try {
      if (linkMedia) {
        try {
          linkSync(from, to);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (!linkFailures.has(code)) throw error;
          if (code !== 'EMLINK') linkMedia = false; // this file system links nothing: copy from now on
          copyFileSync(from, to);
        }
      } else {
        copyFileSync(from, to);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mediaMissing += 1;
        return null;
      }
      throw error;
    }
    copied.add(row.file);
    return `media/${row.file}`;
  }

  function closeMonth(newer: string | null): void {
    const { month, page } = current;
    if (!page || !month) return;
    const older = months.length > 1 ? months[months.length - 2]!.month : null;
    page.write(monthPageEnd(month, older, newer));
    current.page = null;
    page.close();
  }

  function openMonth(key: string): { month: MonthCount; page: FileOut } {
    const older = current.month?.month ?? null;
    closeMonth(key);
    const month = { month: key, posts: 0, deleted: 0 };
    months.push(month);
    const page = new FileOut(join(partial, `${key}.html`));
    page.write(monthPageStart(key, older));
    current.month = month;
    current.page = page;
    return { month, page };
  }

  try {
    jsonl = new FileOut(join(partial, 'posts.jsonl'));
    let after = '';
    let afterId = Number.MIN_SAFE_INTEGER;
    for (;;) {
      aborted(signal);
      const rows: PostRow[] = [];
      for (const row of page.iterate({ after, afterId, accounts, limit: batchSize })) rows.push(row as unknown as PostRow);
      if (rows.length === 0) break;
      const media = new Map<number, ArchiveMediaRow[]>();
      for (const item of options.media.of(rows.map((r) => r.id))) {
        const list = media.get(item.postId);
        if (list) list.push(item);
        else media.set(item.postId, [item]);
      }
      for (const row of rows) {
        const post = JSON.parse(row.post) as Post;
        const saved = media.get(row.id) ?? [];
        const line: ExportedPost = {
          id: row.post_key,
          account: row.account_id,
          network: row.network,
          uri: row.uri,
          url: row.url,
          createdAt: row.created_at,
          deletedAt: row.deleted_at,
          archivedAt: row.archived_at,
          author: { id: post.author.id, handle: post.author.handle, displayName: post.author.displayName },
          text: row.text,
          contentWarning: post.contentWarning,
          content: post.content,
          langs: JSON.parse(row.langs) as string[],
          isReply: row.is_reply === 1,
          isQuote: row.is_quote === 1,
          replyTo: post.replyTo,
          quote: !post.quote
            ? null
            : 'unavailable' in post.quote
              ? { uri: post.quote.uri, url: null, author: null, unavailable: post.quote.unavailable }
              : { uri: post.quote.uri, url: post.quote.url, author: post.quote.author.handle, unavailable: null },
          media: post.media.map((item, position) => {
            const row = saved.find((m) => m.position === position);
            const file = row ? exportedFile(row) : null;
            return {
              file,
              url: row?.remoteUrl ?? item.url,
              alt: row?.alt ?? item.alt,
              kind: row?.kind ?? item.kind,
              mimeType: row?.mimeType ?? null,
              sha256: file ? row!.sha256 : null,
              bytes: file ? row!.bytes : null,
            };
          }),
          crossPost: row.cross_post,
          source: null,
        };
        // `source` is already JSON (one line: the store wrote it with JSON.stringify): spliced in, not parsed and written again.
        const json = JSON.stringify(line);
        jsonl.write(`${json.slice(0, -'null}'.length)}${row.source || 'null'}}\n`);

        const key = monthKey.test(row.created_at.slice(0, 7)) ? row.created_at.slice(0, 7) : 'undated';
        const { month, page } = current.month?.month === key && current.page ? { month: current.month, page: current.page } : openMonth(key);
        month.posts += 1;
        if (row.deleted_at) month.deleted += 1;
        posts += 1;
        page.write(postHtml(line, post, posts));

        const totalOf = totals.get(row.account_id) ?? { account: row.account_id, network: row.network, handle: post.author.handle, posts: 0, deleted: 0, first: row.created_at, last: row.created_at };
        totalOf.posts += 1;
        if (row.deleted_at) totalOf.deleted += 1;
        totalOf.last = row.created_at;
        totalOf.handle = post.author.handle; // the newest handle: the list is oldest first
        totals.set(row.account_id, totalOf);
      }
      const last = rows.at(-1)!;
      after = last.created_at;
      afterId = last.id;
      options.onProgress?.({ phase: 'posts', done: posts, total: Math.max(total, posts) });
      if (rows.length < batchSize) break;
      await nextTurn();
    }
    closeMonth(null);
    jsonl.close();
    jsonl = null;

    const manifest: ExportManifest = {
      format: exportFormat,
      version: exportFormatVersion,
      exportedAt,
      posts,
      mediaFiles: copied.size,
      months,
      accounts: [...totals.values()].sort((a, b) => a.network.localeCompare(b.network) || a.handle.localeCompare(b.handle)),
    };
    writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(partial, 'index.html'), indexHtml(manifest));
    writeFileSync(join(partial, 'README.txt'), readme(manifest));
    aborted(signal);

    const check = await checkExport(partial, { signal, onProgress: options.onProgress });
    aborted(signal);
    rmSync(join(partial, partialMarker));
    if (existsSync(dir)) rmdirSync(dir); // empty (checked above); a folder can not be renamed over on every system
    renameSync(partial, dir);
    return { dir, posts, mediaFiles: copied.size, mediaMissing, months: months.length, check };
  } catch (error) {
    try {
      current.page?.close();
      jsonl?.close();
    } catch {
      // already failing: the first error is the one to report
    }
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
