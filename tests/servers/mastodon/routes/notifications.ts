/**
 * Api::V1::NotificationsController and, on Mastodon 4.3+, Api::V2::NotificationsController (grouped) and the unread
 * counts: user tokens with read:notifications (write:notifications to dismiss), 40 a page by default, 80 at most.
 */
import { authorizeUser } from '../auth.ts';
import { recordNotFound } from '../errors.ts';
import { list, sendJson, str, type Ctx } from '../http.ts';
import { groupNotifications } from '../notification-groups.ts';
import { groupableTypes, type NotificationFilter, type NotificationRecord } from '../notifications.ts';
import { limitParam, pageParams, paginate, setLinkHeader } from '../pagination.ts';
import type { Router } from '../router.ts';

const read = ['read', 'read:notifications'];
const write = ['write', 'write:notifications'];

function filterOf(ctx: Ctx): NotificationFilter {
  return { types: list(ctx.input, 'types'), excludeTypes: list(ctx.input, 'exclude_types'), accountId: str(ctx.input, 'account_id') || undefined };
}

/** The types grouped for this request: those asked for among the groupable ones, all of them when not asked. */
function groupedKey(ctx: Ctx): (record: NotificationRecord) => string {
  const asked = list(ctx.input, 'grouped_types');
  const grouped = asked === undefined ? groupableTypes : groupableTypes.filter((type) => asked.includes(type));
  return (record) => (grouped.includes(record.type) ? record.groupKey : `ungrouped-${record.id}`);
}

/** Notifications above the notifications marker, all of them without one. */
function unread(ctx: Ctx, userId: string): NotificationRecord[] {
  const marker = ctx.server.markers.get(userId, 'notifications');
  const all = ctx.server.notifications.of(userId, filterOf(ctx));
  return marker ? all.filter((r) => BigInt(r.id) > BigInt(marker.lastReadId)) : all;
}

function v1Routes(router: Router): void {
  router.add('GET', '/api/v1/notifications', (ctx) => {
    const auth = authorizeUser(ctx, read);
    if (!auth) return;
    const { notifications } = ctx.server;
    const page = paginate(notifications.of(auth.user.id, filterOf(ctx)), pageParams(ctx.input, 40));
    setLinkHeader(ctx, page, ['limit', 'types', 'exclude_types', 'account_id']);
    sendJson(ctx, 200, page.map(notifications.entity));
  });

  router.add('GET', '/api/v1/notifications/:id', (ctx) => {
    const auth = authorizeUser(ctx, read);
    if (!auth) return;
    const found = ctx.server.notifications.of(auth.user.id).find((r) => r.id === ctx.params.id);
    if (!found) return recordNotFound(ctx);
    sendJson(ctx, 200, ctx.server.notifications.entity(found));
  });

  router.add('POST', '/api/v1/notifications/:id/dismiss', (ctx) => {
    const auth = authorizeUser(ctx, write);
    if (!auth) return;
    if (!ctx.server.notifications.dismiss(auth.user.id, ctx.params.id ?? '')) return recordNotFound(ctx);
    sendJson(ctx, 200, {});
  });

  router.add('POST', '/api/v1/notifications/clear', (ctx) => {
    const auth = authorizeUser(ctx, write);
    if (!auth) return;
    ctx.server.notifications.clear(auth.user.id);
    sendJson(ctx, 200, {});
  });
}

function groupedRoutes(router: Router): void {
  router.add('GET', '/api/v1/notifications/unread_count', (ctx) => {
    const auth = authorizeUser(ctx, read);
    if (!auth) return;
    sendJson(ctx, 200, { count: Math.min(unread(ctx, auth.user.id).length, limitParam(ctx.input, 100, 1000)) });
  });

  router.add('GET', '/api/v2/notifications/unread_count', (ctx) => {
    const auth = authorizeUser(ctx, read);
    if (!auth) return;
    const keyOf = groupedKey(ctx);
    const groups = new Set(unread(ctx, auth.user.id).map(keyOf));
    sendJson(ctx, 200, { count: Math.min(groups.size, limitParam(ctx.input, 100, 1000)) });
  });

  /** GroupedNotificationsResults: the groups, and every account and status they refer to, each once. */
  router.add('GET', '/api/v2/notifications', (ctx) => {
    const auth = authorizeUser(ctx, read);
    if (!auth) return;
    const { notifications, social, renderer } = ctx.server;
    const all = notifications.of(auth.user.id, filterOf(ctx));
    const page = groupNotifications(all, { ...pageParams(ctx.input, 40), limit: limitParam(ctx.input, 40, 80) }, groupedKey(ctx));
    if (page.newestId !== null && page.oldestId !== null) {
      setLinkHeader(ctx, [{ id: page.newestId }, { id: page.oldestId }], ['limit', 'types', 'exclude_types', 'grouped_types', 'account_id']);
    }
    const accountIds = [...new Set(page.groups.flatMap((group) => group.sample_account_ids))];
    const statusIds = [...new Set(page.groups.flatMap((group) => group.status_id ?? []))];
    sendJson(ctx, 200, {
      accounts: accountIds.flatMap((id) => {
        const actor = social.actor(id);
        return actor ? [renderer.account(actor)] : [];
      }),
      statuses: statusIds.flatMap((id) => {
        const status = social.status(id);
        return status ? [renderer.status(status, auth.user.id, 'list')] : [];
      }),
      notification_groups: page.groups,
    });
  });
}

export function notificationRoutes(router: Router, options: { groupedNotifications: boolean }): void {
  // Before the `:id` route, which would otherwise take `unread_count` for an id.
  if (options.groupedNotifications) groupedRoutes(router);
  v1Routes(router);
}
