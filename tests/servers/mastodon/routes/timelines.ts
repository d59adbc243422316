import { authorizeIfToken, authorizeUser } from '../auth.ts';
import { recordNotFound } from '../errors.ts';
import { sendJson, str, truthy, type Params } from '../http.ts';
import { pageParams, paginate, setLinkHeader } from '../pagination.ts';
import type { Router } from '../router.ts';
import type { StatusRecord } from '../social.ts';

/** AccountStatusesFilter::KEYS. */
const accountStatusFilterKeys = ['pinned', 'tagged', 'only_media', 'exclude_replies', 'exclude_reblogs'];

/** AccountStatusesFilter's scopes (`pinned`: the account's pinned statuses, by status id like the others). */
function accountStatusFilters(input: Params, isPinned: (statusId: string) => boolean): (status: StatusRecord) => boolean {
  const onlyMedia = truthy(str(input, 'only_media'));
  const noReplies = truthy(str(input, 'exclude_replies'));
  const noReblogs = truthy(str(input, 'exclude_reblogs'));
  const pinned = truthy(str(input, 'pinned'));
  const tagged = str(input, 'tagged')?.toLowerCase();
  return (status) =>
    (!pinned || isPinned(status.id)) &&
    (!onlyMedia || status.media.length > 0) &&
    // Status.without_replies: not a reply, or a reply to the author's own status.
    (!noReplies || status.inReplyToId === null || status.inReplyToAccountId === status.accountId) &&
    (!noReblogs || status.reblogOfId === null) &&
    (!tagged || status.tags.some((tag) => tag.toLowerCase() === tagged));
}

/** Api::V1::Timelines::HomeController: user token with read or read:statuses, 20 statuses by default, 40 at most. */
export function timelineRoutes(router: Router): void {
  router.add('GET', '/api/v1/timelines/home', (ctx) => {
    const auth = authorizeUser(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const { social, renderer } = ctx.server;
    const page = paginate(social.homeFeed(auth.user.id), pageParams(ctx.input, 20));
    setLinkHeader(ctx, page, ['local', 'limit']);
    sendJson(ctx, 200, page.map((status) => renderer.status(status, auth.user.id, 'list')));
  });

  /**
   * Api::V1::Timelines::TagController with TagFeed: public statuses with the hashtag (any case), newest first, boosts
   * left out; only_media narrows it; 20 by default, 40 at most, paged by max_id with a Link header.
   */
  router.add('GET', '/api/v1/timelines/tag/:hashtag', (ctx) => {
    const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const { social, renderer } = ctx.server;
    const tag = (ctx.params.hashtag ?? '').toLowerCase();
    const onlyMedia = truthy(str(ctx.input, 'only_media'));
    const tagged = social
      .allStatuses()
      .filter((status) => status.reblogOfId === null && status.visibility === 'public' && status.tags.some((name) => name.toLowerCase() === tag) && (!onlyMedia || status.media.length > 0))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const params = pageParams(ctx.input, 20);
    const page = paginate(tagged, params);
    setLinkHeader(ctx, page, ['limit', 'only_media'], page.length === params.limit);
    sendJson(ctx, 200, page.map((status) => renderer.status(status, auth.user?.id ?? null, 'list')));
  });

  /**
   * Api::V1::Accounts::StatusesController with AccountStatusesFilter: an account's statuses, newest first, as far as
   * the viewer may see them; 20 by default, 40 at most. only_media, exclude_replies (a reply to oneself, a thread,
   * stays), exclude_reblogs, pinned and tagged narrow it. The Link header keeps those parameters, and names a next
   * page only after a full one (records_continue?).
   */
  router.add('GET', '/api/v1/accounts/:id/statuses', (ctx) => {
    const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const { social, renderer } = ctx.server;
    if (!social.actor(ctx.params.id ?? '')) return recordNotFound(ctx);
    const viewerId = auth.user?.id ?? null;
    const filters = accountStatusFilters(ctx.input, social.isPinned);
    const visible = social.statusesBy(ctx.params.id ?? '').filter((status) => social.canSee(viewerId, status) && filters(status));
    const params = pageParams(ctx.input, 20);
    const page = paginate(visible, params);
    setLinkHeader(ctx, page, ['limit', ...accountStatusFilterKeys], page.length === params.limit);
    sendJson(ctx, 200, page.map((status) => renderer.status(status, viewerId, 'list')));
  });
}
