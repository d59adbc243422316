/**
 * POST /api/v1/statuses, as Api::V1::StatusesController#create and PostStatusService do it: the replied-to status
 * must be visible to the poster (else 404), an Idempotency-Key answers the status already made with it by the same
 * account for one hour (before any validation, as Mastodon checks it first), and the text is validated (422).
 */
import { authorizeUser } from '../auth.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { list, sendJson, str, truthy, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import type { Visibility } from '../social.ts';

const idempotencyLifetimeMs = 60 * 60 * 1000;
const urlPlaceholderLength = 23;
const visibilities: readonly string[] = ['public', 'unlisted', 'private', 'direct'];

/** StatusLengthValidator: graphemes of the content warning and the text, every URL as 23, remote mentions without their domain. */
function countableLength(spoilerText: string, text: string): number {
  const countable = text
    .replace(/https?:\/\/[^\s<>"\u00a0]+/giu, 'x'.repeat(urlPlaceholderLength))
    .replace(/(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*/giu, '@$1');
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(spoilerText + countable)].length;
}

/** ISO_639.find(language)&.alpha2, for the two-letter codes; anything else falls back to the account's default. */
const languageOf = (value: string | undefined) => (value && /^[a-z]{2}$/i.test(value) ? value.toLowerCase() : 'en');

export function createStatusRoutes(router: Router): void {
  /** `${account id}:${key}` → the status made with it (Redis' idempotency:status:<account>:<key>, one hour). */
  const idempotency = new Map<string, { statusId: string; at: number }>();

  router.add('POST', '/api/v1/statuses', (ctx: Ctx) => {
    const auth = authorizeUser(ctx, ['write', 'write:statuses']);
    if (!auth) return;
    const { social, actions, state, options } = ctx.server;
    const userId = auth.user.id;

    const inReplyToId = str(ctx.input, 'in_reply_to_id') || undefined;
    const parent = inReplyToId === undefined ? undefined : social.status(inReplyToId);
    if (inReplyToId !== undefined && !(parent && social.canSee(userId, parent))) {
      return sendError(ctx, 404, { error: 'The post you are trying to reply to does not appear to exist.' });
    }

    const key = ctx.req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key !== '' ? `${userId}:${key}` : undefined;
    const remembered = idempotencyKey === undefined ? undefined : idempotency.get(idempotencyKey);
    if (remembered && Date.now() - remembered.at < idempotencyLifetimeMs) {
      const earlier = social.status(remembered.statusId);
      if (!earlier) return recordNotFound(ctx);
      return sendJson(ctx, 200, ctx.server.renderer.status(earlier, userId, 'single'));
    }

    if (list(ctx.input, 'media_ids')?.length) return sendError(ctx, 422, { error: 'This test server does not take media attachments' });
    if (str(ctx.input, 'scheduled_at')) return sendError(ctx, 422, { error: 'This test server does not schedule statuses' });
    const text = str(ctx.input, 'status') ?? '';
    const spoilerText = str(ctx.input, 'spoiler_text') ?? '';
    if (text.trim() === '') return sendError(ctx, 422, { error: "Validation failed: Text can't be blank" });
    if (countableLength(spoilerText, text) > options.maxCharacters) {
      return sendError(ctx, 422, { error: `Validation failed: Text character limit of ${options.maxCharacters} exceeded` });
    }
    const visibility = str(ctx.input, 'visibility') || 'public';
    if (!visibilities.includes(visibility)) return sendError(ctx, 422, { error: `'${visibility}' is not a valid visibility` });

    const app = state.apps.get(auth.token.appId);
    const status = actions.post(auth.user.username, {
      text,
      spoilerText,
      sensitive: truthy(str(ctx.input, 'sensitive')),
      visibility: visibility as Visibility,
      ...(parent ? { inReplyToId: parent.id } : {}),
      language: languageOf(str(ctx.input, 'language')),
      ...(app ? { application: { name: app.name, website: app.website } } : {}),
    });
    if (idempotencyKey !== undefined) idempotency.set(idempotencyKey, { statusId: status.id, at: Date.now() });
    sendJson(ctx, 200, ctx.server.renderer.status(status, userId, 'single'));
  });
}
