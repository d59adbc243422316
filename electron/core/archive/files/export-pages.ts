/**
 * An export's entries handed out as archive pages, in the file's order: at most exportPageSize
 * posts, fewer when their media bytes pass pageBytesLimit. Each page's `next` is the position of
 * the first entry it did not read, so an import stopped after a page resumes from there
 * (`from`); the last page says null. The pages are made as they are asked for: the posts of
 * one page are never all the export's posts.
 */
import type { ArchivedPost, ArchivePage } from '../../networks/archive.ts';
import { exportPageSize, pageBytesLimit } from './zip-reader.ts';

/** What one entry of an export is: a post, nothing to keep (a boost of someone else), or unreadable. */
export type Reading = { post: ArchivedPost } | 'skipped' | 'unreadable';

/** Where to start: a page's `next`, or null for the beginning. Throws on what no page ever said. */
export function startOf(from: string | null | undefined): number {
  if (from === null || from === undefined) return 0;
  if (!/^\d{1,15}$/.test(from)) throw new Error(`"${from}" is not a position in an export file.`);
  return Number(from);
}

const bytesOf = (post: ArchivedPost) => (post.attached ?? []).reduce((sum, media) => sum + media.bytes.byteLength, 0);

export async function* pagesOf<T>(entries: AsyncIterable<T> | Iterable<T>, from: number, read: (entry: T) => Promise<Reading>): AsyncGenerator<ArchivePage> {
  let posts: ArchivedPost[] = [];
  let unreadable = 0;
  let bytes = 0;
  let position = 0;
  for await (const entry of entries) {
    position += 1;
    if (position <= from) continue;
    if (posts.length >= exportPageSize || bytes >= pageBytesLimit) {
      yield { posts, next: String(position - 1), unreadable, budget: null };
      posts = [];
      unreadable = 0;
      bytes = 0;
    }
    const reading = await read(entry);
    if (reading === 'unreadable') unreadable += 1;
    else if (reading !== 'skipped') {
      posts.push(reading.post);
      bytes += bytesOf(reading.post);
    }
  }
  yield { posts, next: null, unreadable, budget: null };
}
