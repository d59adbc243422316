/**
 * Api::V1::MediaController and Api::V2::MediaController: uploads with a file, description and focus. v1 processes
 * before answering (200, with its url); v2 answers 202 with `url` null while the file is processing. GET and PUT of
 * /api/v1/media/:id answer 206 while processing and 200 once done; only the uploader's unattached media are found.
 */
import { authorizeUser } from '../auth.ts';
import { mimeTypes } from '../entities.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { sendJson, str, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import { mediaKind, type Upload } from '../uploads.ts';

const descriptionLimit = 1500;
const scopes = ['write', 'write:media'];

/** ActiveSupport's number_to_human_size: binary units, three significant digits. */
function humanSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'Byte' : 'Bytes'}`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}

/** MediaAttachment#focus=: 'x,y' as floats. */
function parseFocus(value: string | undefined): { x: number; y: number } | undefined {
  if (value === undefined || value === '') return undefined;
  const [x = 0, y = 0] = value.split(',').map((part) => Number.parseFloat(part) || 0);
  return { x, y };
}

function descriptionTooLong(ctx: Ctx, description: string | undefined): boolean {
  if (description === undefined || [...description].length <= descriptionLimit) return false;
  sendError(ctx, 422, { error: `Validation failed: Description is too long (maximum is ${descriptionLimit} characters)` });
  return true;
}

function create(ctx: Ctx, synchronous: boolean): void {
  const auth = authorizeUser(ctx, scopes);
  if (!auth) return;
  const { options, uploads } = ctx.server;
  const file = ctx.files.file;
  if (!file) return sendError(ctx, 422, { error: "Validation failed: File can't be blank" });
  if (!mimeTypes.includes(file.contentType)) return sendError(ctx, 422, { error: 'Validation failed: File content type is invalid, File is invalid' });
  const kind = mediaKind(file.contentType);
  const limit = kind === 'image' ? options.imageSizeLimit : options.videoSizeLimit;
  // Paperclip's `less_than`: a file of exactly the limit is refused too.
  if (file.bytes.byteLength >= limit) {
    const size = humanSize(limit);
    return sendError(ctx, 422, { error: `Validation failed: File file size must be less than ${size}, File must be less than ${size}` });
  }
  const description = str(ctx.input, 'description');
  if (descriptionTooLong(ctx, description)) return;
  const focus = parseFocus(str(ctx.input, 'focus'));
  const upload = uploads.add(auth.user.id, file, { description: description || null, ...(focus ? { focus } : {}), synchronous });
  sendJson(ctx, uploads.processed(upload) ? 200 : 202, uploads.entity(upload));
}

function respond(ctx: Ctx, upload: Upload): void {
  const { uploads } = ctx.server;
  sendJson(ctx, uploads.processed(upload) ? 200 : 206, uploads.entity(upload));
}

export function mediaRoutes(router: Router): void {
  router.add('POST', '/api/v1/media', (ctx) => create(ctx, true));
  router.add('POST', '/api/v2/media', (ctx) => create(ctx, false));
  router.add('GET', '/api/v1/media/:id', (ctx) => {
    const auth = authorizeUser(ctx, scopes);
    if (!auth) return;
    const upload = ctx.server.uploads.freeUpload(auth.user.id, ctx.params.id);
    if (!upload) return recordNotFound(ctx);
    respond(ctx, upload);
  });
  router.add('PUT', '/api/v1/media/:id', (ctx) => {
    const auth = authorizeUser(ctx, scopes);
    if (!auth) return;
    const upload = ctx.server.uploads.freeUpload(auth.user.id, ctx.params.id);
    if (!upload) return recordNotFound(ctx);
    const description = str(ctx.input, 'description');
    if (descriptionTooLong(ctx, description)) return;
    if (description !== undefined) upload.record.description = description || null;
    const focus = parseFocus(str(ctx.input, 'focus'));
    if (focus) upload.record.focus = focus;
    respond(ctx, upload);
  });
}
