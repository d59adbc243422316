import { authorizeIfToken, authorizeUser } from '../auth.ts';
import { recordNotFound, sendError } from '../errors.ts';
import { list, sendJson, str, truthy, type Ctx } from '../http.ts';
import { pageParams, pageUrl } from '../pagination.ts';
import { relationshipEntity } from '../relation-actions.ts';
import type { Router } from '../router.ts';
import type { Actor } from '../social.ts';

type Change = (ctx: Ctx, me: Actor, target: Actor) => boolean;

/** A POST /api/v1/accounts/:id/<action>: the user acts on the account, and the answer is the Relationship after it. */
function relationRoute(scopes: string[], change: Change) {
  return (ctx: Ctx): void => {
    const auth = authorizeUser(ctx, ['write', 'follow', ...scopes]);
    if (!auth) return;
    const { social } = ctx.server;
    const me = social.actor(auth.user.id);
    const target = social.actor(ctx.params.id ?? '');
    if (!me || !target) return recordNotFound(ctx);
    if (!change(ctx, me, target)) return;
    sendJson(ctx, 200, relationshipEntity(social, me.id, target.id));
  };
}

/**
 * FollowService: following someone already followed changes nothing and answers the same; a block
 * either way is refused (Mastodon::NotPermittedError). Every account here is unlocked, so no
 * request is left pending.
 */
const follow: Change = (ctx, me, target) => {
  const { actions, social } = ctx.server;
  if (me.id === target.id || social.relations.isBlocking(me.id, target.id) || social.relations.isBlocking(target.id, me.id)) {
    sendError(ctx, 403, { error: 'This action is not allowed' });
    return false;
  }
  actions.follow(me, target);
  return true;
};

/** Api::V1::AccountsController#show: anyone may look, a token (if any) needs read:accounts. */
function show(ctx: Ctx): void {
  const auth = authorizeIfToken(ctx, ['read', 'read:accounts']);
  if (!auth) return;
  const target = ctx.server.social.actor(ctx.params.id ?? '');
  if (!target) return recordNotFound(ctx);
  sendJson(ctx, 200, ctx.server.renderer.account(target));
}

/** Api::V1::Accounts::RelationshipsController: one Relationship per known id asked, in the order asked. */
function relationships(ctx: Ctx): void {
  const auth = authorizeUser(ctx, ['read', 'read:follows']);
  if (!auth) return;
  const { social } = ctx.server;
  const ids = [...new Set(list(ctx.input, 'id') ?? [])];
  sendJson(ctx, 200, ids.flatMap((id) => (social.actor(id) ? [relationshipEntity(social, auth.user.id, id)] : [])));
}

/**
 * Api::V1::Accounts::FollowingAccountsController and FollowerAccountsController: the accounts the account follows (or
 * that follow it), newest follow first, 40 by default and 80 at most, paged by max_id/since_id over the Follow records'
 * ids (not the accounts'). Link: `next` (max_id = the last follow's id) only when the page is full (records_continue?),
 * `prev` (since_id = the first follow's id) when it is not empty. Accounts the viewer blocks, is blocked by or mutes are
 * left out after the page is cut (so such a page is short). An account hiding its collections (hide_collections) shows
 * them to itself only, and one blocking the viewer shows nothing: an empty list without Link.
 */
function followRoute(side: 'following' | 'followers') {
  return (ctx: Ctx): void => {
    const auth = authorizeIfToken(ctx, ['read', 'read:accounts']);
    if (!auth) return;
    const { social } = ctx.server;
    const target = social.actor(ctx.params.id ?? '');
    if (!target) return recordNotFound(ctx);
    const viewerId = auth.user?.id ?? null;
    const own = viewerId === target.id;
    const hidden = (social.hidesCollections(target.id) && !own) || (viewerId !== null && social.relations.isBlocking(target.id, viewerId));
    if (hidden) return sendJson(ctx, 200, []);
    const page = pageParams(ctx.input, 40);
    const records = (side === 'following' ? social.followsBy(target.id) : social.followsOf(target.id))
      .filter((follow) => (page.maxId === null || BigInt(follow.id) < page.maxId) && (page.sinceId === null || BigInt(follow.id) > page.sinceId))
      .slice(0, page.limit);
    const excluded = (id: string) =>
      viewerId !== null && !own && (social.relations.isBlocking(viewerId, id) || social.relations.isBlocking(id, viewerId) || social.relations.isMuting(viewerId, id));
    const shown = records.flatMap((follow) => {
      const account = excluded(follow.accountId) ? undefined : social.actor(follow.accountId);
      return account ? [{ follow, account }] : [];
    });
    const first = shown[0];
    const last = shown.at(-1);
    if (ctx.server.options.linkHeaders && first && last) {
      const links = [];
      if (shown.length === page.limit) links.push(`<${pageUrl(ctx, { max_id: last.follow.id })}>; rel="next"`);
      links.push(`<${pageUrl(ctx, { since_id: first.follow.id })}>; rel="prev"`);
      ctx.res.setHeader('Link', links.join(', '));
    }
    sendJson(ctx, 200, shown.map(({ account }) => ctx.server.renderer.account(account)));
  };
}

export function accountRoutes(router: Router): void {
  router.add('GET', '/api/v1/accounts/relationships', relationships);
  router.add('GET', '/api/v1/accounts/:id', show);
  router.add('GET', '/api/v1/accounts/:id/following', followRoute('following'));
  router.add('GET', '/api/v1/accounts/:id/followers', followRoute('followers'));
  router.add('POST', '/api/v1/accounts/:id/follow', relationRoute(['write:follows'], follow));
  router.add('POST', '/api/v1/accounts/:id/unfollow', relationRoute(['write:follows'], (ctx, me, target) => {
    ctx.server.actions.unfollow(me, target);
    return true;
  }));
  // MuteService: `notifications` (default true) also hides their notifications; muting oneself does nothing.
  router.add('POST', '/api/v1/accounts/:id/mute', relationRoute(['write:mutes'], (ctx, me, target) => {
    const notifications = str(ctx.input, 'notifications');
    if (me.id !== target.id) ctx.server.actions.mute(me, target, notifications === undefined || truthy(notifications));
    return true;
  }));
  router.add('POST', '/api/v1/accounts/:id/unmute', relationRoute(['write:mutes'], (ctx, me, target) => {
    ctx.server.actions.unmute(me, target);
    return true;
  }));
  // BlockService: blocking oneself does nothing.
  router.add('POST', '/api/v1/accounts/:id/block', relationRoute(['write:blocks'], (ctx, me, target) => {
    if (me.id !== target.id) ctx.server.actions.block(me, target);
    return true;
  }));
  router.add('POST', '/api/v1/accounts/:id/unblock', relationRoute(['write:blocks'], (ctx, me, target) => {
    ctx.server.actions.unblock(me, target);
    return true;
  }));
}
