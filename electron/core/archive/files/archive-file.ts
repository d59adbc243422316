/**
 * An export file, whichever it is, as pages of archive posts: a Mastodon account export or a
 * Twitter/X data export (both zips, told apart by what they hold), or a network's own format
 * that its module reads (a Bluesky repository CAR). Read offline: for accounts on servers that
 * are gone, and for the platform the user left.
 */
import { open } from 'node:fs/promises';
import type { Logger } from '../../base/logger.ts';
import type { ArchiveFile, NetworkArchive } from '../../networks/archive.ts';
import { readMastodonExport } from './mastodon-export.ts';
import { readTwitterExport } from './twitter-export.ts';
import { ExportFileError } from './zip-reader.ts';

async function firstBytes(path: string, count: number): Promise<Buffer> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw new ExportFileError('unreadable_file', `${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await file.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

const isZip = (head: Buffer) => head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);

/** Only a zip that is not this export goes on to the next reader. */
async function unlessNotThisExport(read: () => Promise<ArchiveFile>): Promise<ArchiveFile | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExportFileError && error.reason === 'not_an_export') return null;
    throw error;
  }
}

export async function openArchiveFile(path: string, networks: readonly NetworkArchive[], log: Logger = () => undefined): Promise<ArchiveFile> {
  const head = await firstBytes(path, 64);
  if (isZip(head)) {
    const file = (await unlessNotThisExport(() => readMastodonExport(path, { log }))) ?? (await unlessNotThisExport(() => readTwitterExport(path, { log })));
    if (file) return { account: file.account, pages: file.pages };
    throw new ExportFileError('not_an_export', `${path} is a zip, but neither a Mastodon account export (actor.json, outbox.json) nor a Twitter/X data export (data/tweets.js).`);
  }
  for (const network of networks) {
    let file;
    try {
      file = await network.readFile?.(path, head, log);
    } catch (error) {
      throw new ExportFileError('broken_export', `${path} could not be read: ${(error as Error).message}`, { cause: error });
    }
    if (file) return file;
  }
  throw new ExportFileError('not_an_export', `${path} is not an export Braid can read: a Mastodon account export (.zip), a Bluesky repository (.car) or a Twitter/X data export (.zip).`);
}
