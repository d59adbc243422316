/**
 * The bytes of media attachments posted with a file (PostInput.media[].file): served at the
 * attachment's url and preview_url on this server, as Mastodon serves its uploads and its cache
 * of remote media. Everything else under /system answers 404, as before.
 */
import type { ServerResponse } from 'node:http';
import type { MediaFile, MediaInput } from './distribution.ts';
import type { MediaRecord, StatusRecord } from './social.ts';

export function createMediaFiles(baseUrl: () => string) {
  const files = new Map<string, MediaFile>();

  const ownPath = (url: string): string | null => {
    const parsed = new URL(url);
    return parsed.origin === new URL(baseUrl()).origin ? parsed.pathname : null;
  };

  return {
    /** Keeps the files of a status just posted; `inputs` are the media as given, in order. */
    remember(status: StatusRecord, inputs: MediaInput[] = []): void {
      status.media.forEach((media, index) => {
        const input = inputs[index];
        if (!input?.file) return;
        for (const [url, file] of [[media.url, input.file], [media.previewUrl, input.preview ?? input.file]] as const) {
          const path = ownPath(url);
          if (path !== null) files.set(path, file);
        }
      });
    },

    /** Serves `file` at the attachment's url and preview_url (media uploaded through the API). */
    keep(media: MediaRecord, file: MediaFile): void {
      for (const url of [media.url, media.previewUrl]) {
        const path = ownPath(url);
        if (path !== null) files.set(path, file);
      }
    },

    /** Answers a GET of a kept file; false when the path is not one. */
    serve(method: string, path: string, res: ServerResponse): boolean {
      const file = files.get(path);
      if (!file || (method !== 'GET' && method !== 'HEAD')) return false;
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.bytes.byteLength, 'Cache-Control': 'public, max-age=31536000, immutable' });
      res.end(method === 'HEAD' ? undefined : file.bytes);
      return true;
    },
  };
}

export type MediaFiles = ReturnType<typeof createMediaFiles>;
