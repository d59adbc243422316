/**
 * Mastodon notifications (as masto hands them over: camelCase keys) as AccountNotifications:
 * grouped ones from GET /api/v2/notifications (4.3+), single ones from /api/v1/notifications.
 * Each entry is read on its own: one the server got wrong is counted, not a reason to lose the rest.
 */
import { z } from 'zod';
import type { AccountNotification, NotificationKind } from '../../../../shared/domain/notification.ts';
import type { Author, Post } from '../../../../shared/domain/post.ts';
import { authorFromAccount, postFromStatus } from './post-mapping.ts';

export interface ReadNotifications {
  notifications: AccountNotification[];
  /** Entries the server sent that could not be read. */
  unreadable: number;
}

const kinds: Record<string, NotificationKind> = {
  favourite: 'like',
  reblog: 'boost',
  follow: 'follow',
  mention: 'mention',
  quote: 'quote',
  poll: 'poll',
  update: 'edit',
  quoted_update: 'edit',
};

/** A mention that answers one of your posts is a reply. */
function kindOf(type: string, post: Post | null, status: unknown, ownId: string): NotificationKind {
  const kind = kinds[type] ?? 'other';
  const repliesToOwn = typeof status === 'object' && status !== null && 'inReplyToAccountId' in status && status.inReplyToAccountId === ownId;
  return kind === 'mention' && post && repliesToOwn ? 'reply' : kind;
}

const groupSchema = z.looseObject({
  groupKey: z.string().min(1),
  notificationsCount: z.number().int().min(1),
  type: z.string().min(1),
  latestPageNotificationAt: z.string().nullish(),
  sampleAccountIds: z.array(z.string()).min(1),
  statusId: z.string().nullish(),
  mostRecentNotificationId: z.union([z.string().min(1), z.number().transform(String)]),
});
const groupedSchema = z.looseObject({
  accounts: z.array(z.looseObject({ id: z.string() })),
  statuses: z.array(z.looseObject({ id: z.string(), createdAt: z.string().optional() })).catch([]),
  notificationGroups: z.array(z.unknown()),
});

export interface Viewer {
  /** Braid's id of the account notified. */
  accountId: string;
  /** Its id on its server (to tell replies to it from other mentions). */
  ownId: string;
  serverHost: string;
  /** When the server gives no time for a group (a page not asked by id). */
  now: Date;
}

const groupBounds = z.looseObject({ pageMinId: z.string().nullish(), mostRecentNotificationId: z.string().nullish() });

/** Snowflake ids compare as numbers; string length first keeps that without BigInt. */
const olderId = (a: string, b: string) => (a.length !== b.length ? (a.length < b.length ? a : b) : a < b ? a : b);

/**
 * GET /api/v2/notifications: groups, with the accounts and statuses they name, and the oldest
 * notification id the page covered, readable groups or not (the next page starts below it, as the
 * Link header says). Throws when the answer is not that shape at all.
 */
export function notificationsFromGroups(raw: unknown, viewer: Viewer): ReadNotifications & { oldestId: string | null } {
  const results = groupedSchema.parse(raw);
  const accounts = new Map(results.accounts.map((account) => [account.id, account]));
  const statuses = new Map(results.statuses.map((status) => [status.id, status]));
  const notifications: AccountNotification[] = [];
  let unreadable = 0;
  let oldestId: string | null = null;
  for (const candidate of results.notificationGroups) {
    const bounds = groupBounds.safeParse(candidate).data;
    const lowest = bounds?.pageMinId ?? bounds?.mostRecentNotificationId;
    if (lowest) oldestId = oldestId === null ? lowest : olderId(oldestId, lowest);
    try {
      const group = groupSchema.parse(candidate);
      const status = group.statusId ? statuses.get(group.statusId) : undefined;
      if (group.statusId && !status) throw new Error('a group names a status the answer lacks');
      const post = status ? postFromStatus(status, viewer.accountId, viewer.serverHost) : null;
      const actors = group.sampleAccountIds.slice(0, 8).map((id) => actorOf(accounts.get(id), viewer));
      notifications.push({
        id: group.groupKey,
        accountId: viewer.accountId,
        network: 'mastodon',
        kind: kindOf(group.type, post, status, viewer.ownId),
        reason: group.type,
        actors,
        count: Math.max(group.notificationsCount, actors.length),
        post,
        at: isoTime(group.latestPageNotificationAt ?? status?.createdAt, viewer.now),
        mark: group.mostRecentNotificationId,
      });
    } catch {
      unreadable += 1;
    }
  }
  return { notifications, unreadable, oldestId };
}

const singleSchema = z.looseObject({ id: z.string().min(1), type: z.string().min(1), createdAt: z.string(), account: z.unknown(), status: z.unknown().nullish() });

/** GET /api/v1/notifications (servers without grouped notifications): one each; grouping is Braid's. Throws when not a list. */
export function notificationsFromList(raw: unknown, viewer: Viewer): ReadNotifications {
  const notifications: AccountNotification[] = [];
  let unreadable = 0;
  for (const candidate of z.array(z.unknown()).parse(raw)) {
    try {
      const single = singleSchema.parse(candidate);
      const post = single.status ? postFromStatus(single.status, viewer.accountId, viewer.serverHost) : null;
      notifications.push({
        id: single.id,
        accountId: viewer.accountId,
        network: 'mastodon',
        kind: kindOf(single.type, post, single.status, viewer.ownId),
        reason: single.type,
        actors: [actorOf(single.account, viewer)],
        count: 1,
        post,
        at: isoTime(single.createdAt, viewer.now),
        mark: single.id,
      });
    } catch {
      unreadable += 1;
    }
  }
  return { notifications, unreadable };
}

function actorOf(account: unknown, viewer: Viewer): Author {
  if (!account) throw new Error('a notification names an account the answer lacks');
  return authorFromAccount(account, viewer.serverHost);
}

function isoTime(value: string | null | undefined, fallback: Date): string {
  const time = value ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(time) ? fallback : time).toISOString();
}
