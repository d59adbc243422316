/**
 * POST /api/v1/statuses, as Api::V1::StatusesController#create and PostStatusService do it: the replied-to status
 * must be visible to the poster (else 404), an Idempotency-Key answers what was already made with it by the same
 * account for one hour (before any validation, as Mastodon checks it first), then the media (validate_media!), the
 * text and the schedule are validated (422). With a scheduled_at at least 5 minutes ahead the answer is a
 * ScheduledStatus; one already past posts at once.
 */
import { authorizeUser } from '../auth.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { list, sendJson, str, truthy, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import type { Visibility } from '../social.ts';
import type { Upload } from '../uploads.ts';

const idempotencyLifetimeMs = 60 * 60 * 1000;
const urlPlaceholderLength = 23;
const maxMediaAttachments = 4;
const minScheduleOffsetMs = 5 * 60 * 1000;
const visibilities: readonly string[] = ['public', 'unlisted', 'private', 'direct'];

/** StatusLengthValidator: graphemes of the content warning and the text, every URL as 23, remote mentions without their domain. */
function countableLength(spoilerText: string, text: string, urlsInFull: boolean): number {
  const countable = text
    .replace(/https?:\/\/[^\s<>"\u00a0]+/giu, (url) => (urlsInFull ? url : 'x'.repeat(urlPlaceholderLength)))
    .replace(/(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*/giu, '@$1');
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(spoilerText + countable)].length;
}

/** ISO_639.find(language)&.alpha2, for the two-letter codes; anything else falls back to the account's default. */
const languageOf = (value: string | undefined) => (value && /^[a-z]{2}$/i.test(value) ? value.toLowerCase() : 'en');

/** PostStatusService#validate_media!, in its order; answers the 422 itself and returns undefined on failure. */
function validateMedia(ctx: Ctx, accountId: string, ids: string[]): Upload[] | undefined {
  const { uploads } = ctx.server;
  if (ids.length > maxMediaAttachments) return void sendError(ctx, 422, { error: `Cannot attach more than ${maxMediaAttachments} files` });
  const found = ids.map((id) => uploads.freeUpload(accountId, id));
  const missing = ids.filter((_, index) => !found[index]);
  if (missing.length > 0) return void sendError(ctx, 422, { error: `Media ${missing.join(', ')} not found or already attached to another post` });
  const media = found.filter((upload): upload is Upload => upload !== undefined);
  if (media.length > 1 && media.some((upload) => upload.record.type === 'video' || upload.record.type === 'audio')) {
    return void sendError(ctx, 422, { error: 'Cannot attach a video to a post that already contains images' });
  }
  if (media.some((upload) => !uploads.processed(upload))) {
    return void sendError(ctx, 422, { error: 'Cannot attach files that have not finished processing. Try again in a moment!' });
  }
  return media;
}

export function createStatusRoutes(router: Router): void {
  /** `${account id}:${key}` → what was made with it (Redis' idempotency:status:<account>:<key>, one hour). */
  const idempotency = new Map<string, { id: string; scheduled: boolean; at: number }>();

  router.add('POST', '/api/v1/statuses', (ctx: Ctx) => {
    const auth = authorizeUser(ctx, ['write', 'write:statuses']);
    if (!auth) return;
    const { social, actions, state, options, scheduled } = ctx.server;
    const userId = auth.user.id;

    const inReplyToId = str(ctx.input, 'in_reply_to_id') || undefined;
    const parent = inReplyToId === undefined ? undefined : social.status(inReplyToId);
    if (inReplyToId !== undefined && !(parent && social.canSee(userId, parent))) {
      return sendError(ctx, 404, { error: 'The post you are trying to reply to does not appear to exist.' });
    }

    // Mastodon 4.5: quoting needs access to the quoted status (RecordNotFound otherwise); private mentions are never quoted.
    const quotedId = options.quotes ? str(ctx.input, 'quoted_status_id') || undefined : undefined;
    const quoted = quotedId === undefined ? undefined : social.status(quotedId);
    if (quotedId !== undefined && !(quoted && social.canSee(userId, quoted))) return recordNotFound(ctx);
    if (quoted?.visibility === 'direct') return sendError(ctx, 422, { error: 'Validation failed: Quoted status cannot be a private mention' });

    const key = ctx.req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key !== '' ? `${userId}:${key}` : undefined;
    const remembered = idempotencyKey === undefined ? undefined : idempotency.get(idempotencyKey);
    if (remembered && Date.now() - remembered.at < idempotencyLifetimeMs) {
      if (remembered.scheduled) {
        const earlier = scheduled.get(remembered.id);
        return earlier ? sendJson(ctx, 200, scheduled.entity(earlier)) : recordNotFound(ctx);
      }
      const earlier = social.status(remembered.id);
      if (!earlier) return recordNotFound(ctx);
      return sendJson(ctx, 200, ctx.server.renderer.status(earlier, userId, 'single'));
    }

    const mediaIds = list(ctx.input, 'media_ids') ?? [];
    const media = validateMedia(ctx, userId, mediaIds);
    if (!media) return;
    const text = str(ctx.input, 'status') ?? '';
    const spoilerText = str(ctx.input, 'spoiler_text') ?? '';
    // Status validates the text's presence only without media.
    if (text.trim() === '' && media.length === 0) return sendError(ctx, 422, { error: "Validation failed: Text can't be blank" });
    if (options.flavour === 'gotosocial') {
      const length = [...spoilerText, ...text].length; // every rune, as written
      if (length > options.maxCharacters) return sendError(ctx, 422, { error: `Unprocessable Entity: status too long, ${length} characters provided but limit is ${options.maxCharacters}` });
    } else if (countableLength(spoilerText, text, options.countUrlsInFull) > options.maxCharacters) {
      return sendError(ctx, 422, { error: `Validation failed: Text character limit of ${options.maxCharacters} exceeded` });
    }
    const visibility = str(ctx.input, 'visibility') || 'public';
    if (!visibilities.includes(visibility)) return sendError(ctx, 422, { error: `'${visibility}' is not a valid visibility` });

    const scheduledParam = str(ctx.input, 'scheduled_at') || undefined;
    const scheduledAt = scheduledParam === undefined ? undefined : new Date(scheduledParam);
    // String#to_datetime raises ArgumentError, which PostStatusService turns into a bare RecordInvalid.
    if (scheduledAt && Number.isNaN(scheduledAt.getTime())) return sendError(ctx, 422, { error: 'Record invalid' });
    const now = Date.now();
    // A time already past is no schedule at all (scheduled_in_the_past?): the status is posted now.
    const schedule = scheduledAt && scheduledAt.getTime() > now ? scheduledAt : undefined;
    if (schedule && schedule.getTime() <= now + minScheduleOffsetMs) {
      return sendError(ctx, 422, { error: 'Validation failed: Scheduled at The scheduled date must be in the future' });
    }

    const app = state.apps.get(auth.token.appId);
    const post = {
      text,
      spoilerText,
      sensitive: truthy(str(ctx.input, 'sensitive')),
      visibility: visibility as Visibility,
      ...(parent ? { inReplyToId: parent.id } : {}),
      ...(quoted ? { quotedStatusId: quoted.id } : {}),
      language: languageOf(str(ctx.input, 'language')),
      ...(app ? { application: { name: app.name, website: app.website } } : {}),
    };

    if (schedule) {
      const record = {
        id: social.nextId(),
        accountId: userId,
        username: auth.user.username,
        scheduledAt: schedule,
        post,
        mediaIds: media.map((upload) => upload.record.id),
        params: {
          text,
          poll: null,
          media_ids: mediaIds.length > 0 ? mediaIds : null,
          sensitive: str(ctx.input, 'sensitive') ?? null,
          spoiler_text: str(ctx.input, 'spoiler_text') ?? null,
          visibility: str(ctx.input, 'visibility') ?? null,
          in_reply_to_id: parent?.id ?? null,
          language: str(ctx.input, 'language') ?? null,
          application_id: app ? Number(app.id) : null,
          scheduled_at: null,
          idempotency: typeof key === 'string' && key !== '' ? key : null,
          with_rate_limit: false,
        },
      };
      scheduled.add(record);
      if (idempotencyKey !== undefined) idempotency.set(idempotencyKey, { id: record.id, scheduled: true, at: now });
      return sendJson(ctx, 200, scheduled.entity(record));
    }

    const status = actions.post(auth.user.username, { ...post, ...(media.length > 0 ? { attachments: media.map((upload) => upload.record) } : {}) });
    for (const upload of media) upload.attachedTo = status.id;
    if (idempotencyKey !== undefined) idempotency.set(idempotencyKey, { id: status.id, scheduled: false, at: now });
    sendJson(ctx, 200, ctx.server.renderer.status(status, userId, 'single'));
  });
}
