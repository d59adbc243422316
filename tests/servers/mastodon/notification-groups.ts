/**
 * Grouped notifications (Mastodon 4.3+, GET /api/v2/notifications): a page is a run of consecutive notifications
 * holding at most `limit` groups, so that the next page starts exactly where this one stopped.
 */
import type { NotificationRecord } from './notifications.ts';
import type { PageParams } from './pagination.ts';

export interface NotificationGroupEntity {
  group_key: string;
  notifications_count: number;
  type: NotificationRecord['type'];
  most_recent_notification_id: string;
  page_min_id: string;
  page_max_id: string;
  latest_page_notification_at: string;
  sample_account_ids: string[];
  status_id?: string;
}

const maxSampleAccounts = 8;

export interface GroupedPage {
  groups: NotificationGroupEntity[];
  /** The newest and the oldest notification of the page, for the Link header. */
  newestId: string | null;
  oldestId: string | null;
}

/** `all` is newest first and already filtered; `keyOf` says which group a notification falls in for this request. */
export function groupNotifications(all: NotificationRecord[], page: PageParams, keyOf: (record: NotificationRecord) => string): GroupedPage {
  const { maxId, minId, sinceId } = page;
  const lower = minId ?? sinceId;
  const inRange = all.filter((r) => (maxId === null || BigInt(r.id) < maxId) && (lower === null || BigInt(r.id) > lower));
  // With min_id the page is the one just above the cursor: walk up from it.
  const walk = minId === null ? inRange : [...inRange].reverse();
  const members = new Map<string, NotificationRecord[]>();
  for (const record of walk) {
    const key = keyOf(record);
    const group = members.get(key);
    if (group) group.push(record);
    else if (members.size < page.limit) members.set(key, [record]);
    else break;
  }
  const groups = [...members].map(([key, records]) => {
    const ordered = [...records].sort((a, b) => (BigInt(a.id) > BigInt(b.id) ? -1 : 1));
    const newest = ordered[0]!;
    const oldest = ordered.at(-1)!;
    // Counts and samples take in the whole group up to the page's newest member, older pages included.
    const upToPage = all.filter((r) => keyOf(r) === key && BigInt(r.id) <= BigInt(newest.id));
    return {
      group_key: key,
      notifications_count: upToPage.length,
      type: newest.type,
      most_recent_notification_id: newest.id,
      page_min_id: oldest.id,
      page_max_id: newest.id,
      latest_page_notification_at: newest.createdAt.toISOString(),
      sample_account_ids: [...new Set(upToPage.map((r) => r.accountId))].slice(0, maxSampleAccounts),
      ...(newest.statusId === null ? {} : { status_id: newest.statusId }),
    };
  });
  groups.sort((a, b) => (BigInt(a.page_max_id) > BigInt(b.page_max_id) ? -1 : 1));
  const ids = [...members.values()].flat().map((r) => BigInt(r.id));
  const newestId = ids.length === 0 ? null : ids.reduce((a, b) => (a > b ? a : b)).toString();
  const oldestId = ids.length === 0 ? null : ids.reduce((a, b) => (a < b ? a : b)).toString();
  return { groups, newestId, oldestId };
}
