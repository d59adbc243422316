/**
 * A zip file as the export readers need it: its table of contents read once (yauzl reads the
 * central directory only), then any entry's bytes on demand, one at a time, never the whole zip.
 * An entry is refused above a size cap before a byte of it is inflated: yauzl checks that what
 * comes out matches the size the zip declares (validateEntrySizes), so a zip bomb stops there.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

/** Why an export file could not be read at all (one bad post never throws: it is counted). */
export type ExportFileReason = 'unreadable_file' | 'not_zip' | 'not_an_export' | 'too_large' | 'broken_export';

/**
 * The readers' one error: a clear English message, and a reason the caller can put in the
 * user's words (the catalogues have no phrases for these yet).
 */
export class ExportFileError extends Error {
  readonly reason: ExportFileReason;
  constructor(reason: ExportFileReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ExportFileError';
    this.reason = reason;
  }
}

export interface ZipArchive {
  /** Every file's name (folders left out), as the zip lists them. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's declared size, undefined when the zip has no such file. */
  sizeOf(name: string): number | undefined;
  /** The entry's bytes; throws ExportFileError('too_large') above `limit` bytes. */
  read(name: string, limit: number): Promise<Buffer>;
  close(): void;
}

const fileProblems = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EMFILE', 'EIO']);

/** Opens the zip at `path` and reads its table of contents. Throws ExportFileError. */
export async function openZip(path: string): Promise<ZipArchive> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && fileProblems.has(code)) throw new ExportFileError('unreadable_file', `The file ${path} could not be opened (${code}).`, { cause: error });
    throw new ExportFileError('not_zip', `The file ${path} is not a zip file (${(error as Error).message}).`, { cause: error });
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw new ExportFileError('not_zip', `The zip file ${path} is damaged: its table of contents could not be read (${(error as Error).message}).`, { cause: error });
  }
  const names = [...entries.keys()];
  return {
    names,
    has: (name) => entries.has(name),
    sizeOf: (name) => entries.get(name)?.uncompressedSize,
    async read(name, limit) {
      const entry = entries.get(name);
      if (!entry) throw new ExportFileError('broken_export', `${name} is not in the zip file.`);
      if (entry.uncompressedSize > limit) throw new ExportFileError('too_large', `${name} is too large to read (${entry.uncompressedSize} bytes, at most ${limit}).`);
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  };
}

/** The largest JSON file read whole: about V8's longest string. */
export const jsonLimit = 512 * 1024 * 1024;
/** The largest media file handed over as bytes; a larger one is left to its URL. */
export const mediaLimit = 256 * 1024 * 1024;
/** A page ends early once its media bytes pass this, so a page of videos stays within memory. */
export const pageBytesLimit = 64 * 1024 * 1024;
/** Posts in a page at most. */
export const exportPageSize = 200;

/** The UTF-8 text of a JSON-ish entry, without a byte order mark. */
export async function readText(zip: ZipArchive, name: string): Promise<string> {
  const text = (await zip.read(name, jsonLimit)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const mimeTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  flac: 'audio/flac',
};

/** The media type a file's extension says, or application/octet-stream. */
export function mimeTypeOfName(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (extension && mimeTypes[extension]) || 'application/octet-stream';
}

/** A timestamp as ISO-8601 UTC, or null when it is not one. */
export function isoOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
