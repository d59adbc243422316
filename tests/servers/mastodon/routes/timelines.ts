import { authorizeIfToken, authorizeUser } from '../auth.ts';
import { recordNotFound } from '../errors.ts';
import { sendJson } from '../http.ts';
import { pageParams, paginate, setLinkHeader } from '../pagination.ts';
import type { Router } from '../router.ts';

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

  /** Api::V1::Accounts::StatusesController: an account's statuses, newest first, as far as the viewer may see them. */
  router.add('GET', '/api/v1/accounts/:id/statuses', (ctx) => {
    const auth = authorizeIfToken(ctx, ['read', 'read:statuses']);
    if (!auth) return;
    const { social, renderer } = ctx.server;
    if (!social.actor(ctx.params.id ?? '')) return recordNotFound(ctx);
    const viewerId = auth.user?.id ?? null;
    const visible = social.statusesBy(ctx.params.id ?? '').filter((status) => social.canSee(viewerId, status));
    const page = paginate(visible, pageParams(ctx.input, 20));
    setLinkHeader(ctx, page, ['limit']);
    sendJson(ctx, 200, page.map((status) => renderer.status(status, viewerId, 'list')));
  });
}
