import { authorizeUser } from '../auth.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { sendJson, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';

/**
 * POST /api/v1/accounts/:id/follow (FollowService): following someone already followed changes
 * nothing and answers the same. Every account here is unlocked, so no request is left pending.
 * Answers the Relationship.
 */
function follow(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['write', 'write:follows', 'follow']);
  if (!auth) return;
  const { social, actions } = ctx.server;
  const me = social.actor(auth.user.id);
  const target = social.actor(ctx.params.id ?? '');
  if (!me || !target) return recordNotFound(ctx);
  if (me.id === target.id) return sendError(ctx, 403, { error: 'This action is not allowed' });
  actions.follow(me, target);
  sendJson(ctx, 200, {
    id: target.id,
    following: social.isFollowing(me.id, target.id),
    showing_reblogs: true,
    notifying: false,
    languages: null,
    followed_by: social.isFollowing(target.id, me.id),
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  });
}

export function accountRoutes(router: Router): void {
  router.add('POST', '/api/v1/accounts/:id/follow', follow);
}
