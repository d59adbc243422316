/**
 * The archive's media: one row per picture, video or sound of an archived post (with its
 * description), and its file under dataDir/archive-media, named by its SHA-256 so the same
 * file saved twice is one file. Media that came in an export file are saved as the post is;
 * the others are downloaded after a sync, one at a time, a failure kept and tried again later.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchivedPost } from '../networks/archive.ts';
import type { Database } from '../store/database.ts';

/** The largest file the archive downloads (a long video is left at its URL). */
export const maxMediaBytes = 100 * 1024 * 1024;
const downloadTimeoutMs = 60_000;

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
};
const extensionOf = (mimeType: string | null) => extensions[(mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';

export interface ArchiveMediaRow {
  postId: number;
  position: number;
  kind: string;
  alt: string;
  remoteUrl: string | null;
  mimeType: string | null;
  /** The file's name under the media folder; null until saved. */
  file: string | null;
  sha256: string | null;
  bytes: number | null;
  failure: string | null;
}

interface Row {
  post_id: number;
  position: number;
  kind: string;
  alt: string;
  remote_url: string | null;
  mime_type: string | null;
  file: string | null;
  sha256: string | null;
  bytes: number | null;
  failure: string | null;
}

const rowOf = (row: Row): ArchiveMediaRow => ({
  postId: row.post_id,
  position: row.position,
  kind: row.kind,
  alt: row.alt,
  remoteUrl: row.remote_url,
  mimeType: row.mime_type,
  file: row.file,
  sha256: row.sha256,
  bytes: row.bytes,
  failure: row.failure,
});

const isDownloadable = (url: string) => /^https?:\/\//i.test(url);

export interface DownloadProgress {
  done: number;
  failed: number;
  left: number;
}

export function createArchiveMedia(db: Database, folder: string) {
  const upsert = db.prepare(`
    INSERT INTO archive_media (post_id, position, kind, alt, remote_url, mime_type)
    VALUES (:postId, :position, :kind, :alt, :remoteUrl, :mimeType)
    ON CONFLICT (post_id, position) DO UPDATE SET kind = excluded.kind, alt = excluded.alt, mime_type = COALESCE(excluded.mime_type, mime_type),
      file = CASE WHEN remote_url IS excluded.remote_url OR remote_url IS NULL THEN file ELSE NULL END,
      sha256 = CASE WHEN remote_url IS excluded.remote_url OR remote_url IS NULL THEN sha256 ELSE NULL END,
      bytes = CASE WHEN remote_url IS excluded.remote_url OR remote_url IS NULL THEN bytes ELSE NULL END,
      remote_url = excluded.remote_url`);
  const dropFrom = db.prepare('DELETE FROM archive_media WHERE post_id = ? AND position >= ?');
  const saved = db.prepare('UPDATE archive_media SET file = ?, sha256 = ?, bytes = ?, mime_type = COALESCE(mime_type, ?), failure = NULL WHERE post_id = ? AND position = ?');
  const failed = db.prepare('UPDATE archive_media SET failure = ? WHERE post_id = ? AND position = ?');
  const missing = db.prepare('SELECT * FROM archive_media WHERE file IS NULL AND remote_url IS NOT NULL ORDER BY post_id DESC, position LIMIT ?');
  const countMissing = db.prepare('SELECT COUNT(*) AS n FROM archive_media WHERE file IS NULL AND remote_url IS NOT NULL');

  /** Writes the bytes under their hash (once: the same picture in two posts is one file). */
  function writeFile(bytes: Uint8Array, mimeType: string | null): { file: string; sha256: string } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = `${sha256}.${extensionOf(mimeType)}`;
    const path = join(folder, file);
    if (!existsSync(path)) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const partial = `${path}.${process.pid}.part`;
      writeFileSync(partial, bytes, { mode: 0o600 });
      renameSync(partial, path);
    }
    return { file, sha256 };
  }

  function save(postId: number, position: number, bytes: Uint8Array, mimeType: string | null) {
    const { file, sha256 } = writeFile(bytes, mimeType);
    saved.run(file, sha256, bytes.byteLength, mimeType, postId, position);
  }

  return {
    folder,
    pathOf: (file: string) => join(folder, file),

    /** The post's media rows as it now is (call in the transaction that saves the post). */
    record(postId: number, post: Pick<ArchivedPost, 'post' | 'attached'>): void {
      const media = post.post.media;
      media.forEach((item, position) => {
        const attached = post.attached?.find((file) => file.position === position);
        upsert.run({ postId, position, kind: item.kind, alt: item.alt, remoteUrl: item.url && isDownloadable(item.url) ? item.url : null, mimeType: attached?.mimeType ?? null });
        if (attached) save(postId, position, attached.bytes, attached.mimeType);
      });
      dropFrom.run(postId, media.length);
    },

    of(postIds: readonly number[]): ArchiveMediaRow[] {
      if (postIds.length === 0) return [];
      const rows = db.prepare(`SELECT * FROM archive_media WHERE post_id IN (${postIds.map(() => '?').join(',')}) ORDER BY post_id, position`).all(...postIds) as unknown as Row[];
      return rows.map(rowOf);
    },

    missing: (): number => (countMissing.get() as { n: number }).n,

    /** Downloads media not saved yet, newest posts first, one at a time; a failure is noted on its row and the next tried. */
    async downloadMissing(options: { signal?: AbortSignal; fetch?: typeof fetch; onProgress?: (progress: DownloadProgress) => void; limit?: number } = {}): Promise<DownloadProgress> {
      const get = options.fetch ?? fetch;
      const rows = (missing.all(options.limit ?? 100_000) as unknown as Row[]).map(rowOf);
      const progress: DownloadProgress = { done: 0, failed: 0, left: rows.length };
      for (const row of rows) {
        if (options.signal?.aborted) break;
        try {
          const { bytes, mimeType } = await download(get, row.remoteUrl ?? '', options.signal);
          save(row.postId, row.position, bytes, row.mimeType ?? mimeType);
          progress.done += 1;
        } catch (error) {
          if (options.signal?.aborted) break;
          failed.run(error instanceof Error ? error.message : String(error), row.postId, row.position);
          progress.failed += 1;
        }
        progress.left -= 1;
        options.onProgress?.({ ...progress });
      }
      return progress;
    },
  };
}

async function download(get: typeof fetch, url: string, signal?: AbortSignal): Promise<{ bytes: Uint8Array; mimeType: string | null }> {
  const timeout = AbortSignal.timeout(downloadTimeoutMs);
  const response = await get(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxMediaBytes) throw new Error(`larger than ${maxMediaBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxMediaBytes) throw new Error(`larger than ${maxMediaBytes} bytes`);
      chunks.push(chunk);
    }
  }
  return { bytes: Buffer.concat(chunks, total), mimeType: response.headers.get('content-type') };
}

export type ArchiveMedia = ReturnType<typeof createArchiveMedia>;
