/**
 * Media uploaded through the API (POST /api/v1/media, /api/v2/media) before a status takes them: owned by the
 * uploader, processing in the background for `mediaProcessingMs` (or until a test finishes it), attachable once.
 */
import { partition } from './distribution.ts';
import type { UploadedFile } from './http.ts';
import type { MediaFiles } from './media-files.ts';
import type { MediaRecord } from './social.ts';
import { mediaAttachment, type MediaAttachmentEntity } from './status-entities.ts';

export interface Upload {
  record: MediaRecord;
  accountId: string;
  /** Epoch milliseconds when processing ends. */
  readyAt: number;
  /** The status or scheduled status that took it; null while it is free. */
  attachedTo: string | null;
}

/** The MediaAttachment entity of an upload: `url` is null until processing ends. */
export type UploadEntity = Omit<MediaAttachmentEntity, 'url'> & { url: string | null };

/** What Mastodon makes of a supported type: GIFs become silent looping videos (gifv). */
export function mediaKind(contentType: string): MediaRecord['type'] {
  if (contentType === 'image/gif') return 'gifv';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'image';
}

/** Width and height from a PNG or GIF header; 0×0 for anything else (this server does not decode media). */
function dimensionsOf(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.byteLength >= 24 && ascii(1, 4) === 'PNG') return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.byteLength >= 10 && ascii(0, 4) === 'GIF8') return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  return { width: 0, height: 0 };
}

function extensionOf(file: UploadedFile): string {
  return /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? file.contentType.split('/')[1]?.replace(/^x-/, '') ?? 'bin';
}

export function createUploads(nextId: () => string, baseUrl: () => string, mediaFiles: MediaFiles, processingMs: number) {
  const uploads = new Map<string, Upload>();

  const processed = (upload: Upload, now = Date.now()) => now >= upload.readyAt;

  return {
    /** Stores the file; `synchronous` (POST /api/v1/media) makes it ready at once. */
    add(accountId: string, file: UploadedFile, details: { description: string | null; focus?: { x: number; y: number }; synchronous: boolean }): Upload {
      const id = nextId();
      const stored = (style: string) => `${baseUrl()}/system/media_attachments/files/${partition(id)}/${style}/${id.slice(-8)}.${extensionOf(file)}`;
      const record: MediaRecord = {
        id,
        type: mediaKind(file.contentType),
        url: stored('original'),
        previewUrl: stored('small'),
        remoteUrl: null,
        ...dimensionsOf(file.bytes),
        description: details.description,
        ...(details.focus ? { focus: details.focus } : {}),
      };
      const upload: Upload = { record, accountId, readyAt: details.synchronous ? 0 : Date.now() + processingMs, attachedTo: null };
      uploads.set(id, upload);
      mediaFiles.keep(record, { bytes: file.bytes, contentType: file.contentType });
      return upload;
    },

    /** `current_account.media_attachments.where(status_id: nil).find(id)`: the account's upload that no status took. */
    freeUpload(accountId: string, id: string | undefined): Upload | undefined {
      const upload = id === undefined ? undefined : uploads.get(id);
      return upload && upload.accountId === accountId && upload.attachedTo === null ? upload : undefined;
    },

    get: (id: string): Upload | undefined => uploads.get(id),

    processed,

    /** Ends processing now (for tests). */
    finish(id: string): void {
      const upload = uploads.get(id);
      if (!upload) throw new Error(`no media ${id}`);
      upload.readyAt = 0;
    },

    entity(upload: Upload): UploadEntity {
      const entity = mediaAttachment(upload.record);
      return { ...entity, url: processed(upload) ? entity.url : null };
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
