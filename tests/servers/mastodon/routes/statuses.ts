import { authorizeIfToken, authorizeUser } from '../auth.ts';
import { Invalid, NotPermitted } from '../distribution.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { sendJson, str, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import type { StatusRecord } from '../social.ts';
import { createStatusRoutes } from './create-status.ts';

/** Status.find plus `authorize :show?`, where a status the viewer may not see is as missing as an unknown one. */
function visibleStatus(ctx: Ctx, viewerId: string | null): StatusRecord | undefined {
  const status = ctx.server.social.status(ctx.params.id);
  if (status && ctx.server.social.canSee(viewerId, status)) return status;
  recordNotFound(ctx);
  return undefined;
}

function respond(ctx: Ctx, status: StatusRecord, viewerId: string | null): void {
  sendJson(ctx, 200, ctx.server.renderer.status(status, viewerId, 'single'));
}

/** GET /api/v1/statuses/:id: public statuses for anyone; a presented token must be valid and hold read:statuses. */
function show(ctx: Ctx): void {
  const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
  if (!auth) return;
  const viewerId = auth.user?.id ?? null;
  const status = visibleStatus(ctx, viewerId);
  if (status) respond(ctx, status, viewerId);
}

/**
 * GET /api/v1/statuses/:id/context (ContextController / Status#ancestors and #descendants): the
 * ancestors root first, the descendants depth first, each in the order they were posted; every
 * status the viewer may not see is left out, and its replies with it only when the viewer cannot
 * see them either (they come with an in_reply_to_id the answer does not hold). Without a token:
 * at most 40 ancestors, 60 descendants and 20 levels deep, as Mastodon limits anonymous reads.
 */
function context(ctx: Ctx): void {
  const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
  if (!auth) return;
  const viewerId = auth.user?.id ?? null;
  const status = visibleStatus(ctx, viewerId);
  if (!status) return;
  const { social, renderer } = ctx.server;
  const limits = viewerId === null ? { ancestors: 40, descendants: 60, depth: 20 } : { ancestors: 4096, descendants: 4096, depth: Infinity };
  const ancestors: StatusRecord[] = [];
  const seen = new Set([status.id]);
  for (let parent = social.status(status.inReplyToId); parent && !seen.has(parent.id) && ancestors.length < limits.ancestors; parent = social.status(parent.inReplyToId)) {
    seen.add(parent.id);
    if (social.canSee(viewerId, parent)) ancestors.unshift(parent);
  }
  const replies = new Map<string, StatusRecord[]>();
  for (const reply of [...social.allStatuses()].reverse()) {
    if (reply.inReplyToId === null) continue;
    const siblings = replies.get(reply.inReplyToId);
    if (siblings) siblings.push(reply);
    else replies.set(reply.inReplyToId, [reply]);
  }
  const descendants: StatusRecord[] = [];
  const walk = (id: string, depth: number) => {
    for (const reply of replies.get(id) ?? []) {
      if (descendants.length >= limits.descendants || depth > limits.depth || seen.has(reply.id)) return;
      seen.add(reply.id);
      if (social.canSee(viewerId, reply)) descendants.push(reply);
      walk(reply.id, depth + 1);
    }
  };
  walk(status.id, 1);
  sendJson(ctx, 200, { ancestors: ancestors.map((s) => renderer.status(s, viewerId, 'single')), descendants: descendants.map((s) => renderer.status(s, viewerId, 'single')) });
}

function favourite(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:favourites']);
  if (!auth) return;
  const status = visibleStatus(ctx, auth.user.id);
  if (!status) return;
  ctx.server.actions.favourite(auth.user.id, status);
  respond(ctx, status, auth.user.id);
}

/** Answers the status with favourited false and the count without this favourite, favourited or not. */
function unfavourite(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:favourites']);
  if (!auth) return;
  const { social } = ctx.server;
  const favourited = social.hasFavourited(auth.user.id, ctx.params.id ?? '') ? social.status(ctx.params.id) : undefined;
  const status = favourited ?? visibleStatus(ctx, auth.user.id);
  if (!status) return;
  ctx.server.actions.unfavourite(auth.user.id, status);
  respond(ctx, status, auth.user.id);
}

/** Answers the reblog itself: a new status whose `reblog` is the original. */
function reblog(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:statuses']);
  if (!auth) return;
  const status = visibleStatus(ctx, auth.user.id);
  if (!status) return;
  try {
    respond(ctx, ctx.server.actions.reblog(auth.user.id, status, str(ctx.input, 'visibility') || undefined), auth.user.id);
  } catch (error) {
    if (error instanceof NotPermitted) return sendError(ctx, 403, { error: 'This action is not allowed' });
    if (error instanceof Invalid) return sendError(ctx, 422, { error: error.message });
    throw error;
  }
}

/** Answers the original status, reblogged false, whether or not there was a reblog to undo. */
function unreblog(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:statuses']);
  if (!auth) return;
  const { social, actions } = ctx.server;
  const existing = social.reblogBy(auth.user.id, ctx.params.id ?? '');
  const status = social.status(existing?.reblogOfId) ?? visibleStatus(ctx, auth.user.id);
  if (!status) return;
  if (existing) actions.remove(existing);
  respond(ctx, status, auth.user.id);
}

/** Api::V1::Statuses::PinsController#create: StatusPin.create!, its validation failures a 422; answers the status. */
function pin(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:accounts']);
  if (!auth) return;
  const status = visibleStatus(ctx, auth.user.id);
  if (!status) return;
  const refusal = ctx.server.social.pinRefusal(auth.user.id, status);
  if (refusal) return sendError(ctx, 422, { error: refusal });
  ctx.server.social.pin(status.id);
  respond(ctx, status, auth.user.id);
}

/** PinsController#destroy: the account's pin, if any, is gone; answers the status. */
function unpin(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:accounts']);
  if (!auth) return;
  const status = visibleStatus(ctx, auth.user.id);
  if (!status) return;
  if (status.accountId === auth.user.id) ctx.server.social.unpin(status.id);
  respond(ctx, status, auth.user.id);
}

export function statusRoutes(router: Router): void {
  createStatusRoutes(router);
  router.add('GET', '/api/v1/statuses/:id', show);
  router.add('GET', '/api/v1/statuses/:id/context', context);
  router.add('POST', '/api/v1/statuses/:id/favourite', favourite);
  router.add('POST', '/api/v1/statuses/:id/unfavourite', unfavourite);
  router.add('POST', '/api/v1/statuses/:id/reblog', reblog);
  router.add('POST', '/api/v1/statuses/:id/unreblog', unreblog);
  router.add('POST', '/api/v1/statuses/:id/pin', pin);
  router.add('POST', '/api/v1/statuses/:id/unpin', unpin);
}
