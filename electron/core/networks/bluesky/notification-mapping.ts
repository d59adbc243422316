/**
 * Bluesky's notifications (app.bsky.notification.listNotifications) as AccountNotifications, one
 * each (Braid groups them), with the posts they are about looked up by the caller
 * (app.bsky.feed.getPosts). Reasons Braid does not know are kept, in Bluesky's own word.
 */
import type { AppBskyFeedDefs, AppBskyNotificationListNotifications } from '@atproto/api';
import type { AccountNotification, NotificationKind } from '../../../../shared/domain/notification.ts';
import { blueskyAuthor, postFromFeedItem } from './post-mapping.ts';

type Notification = AppBskyNotificationListNotifications.Notification;

const kinds: Record<string, NotificationKind> = { like: 'like', repost: 'boost', follow: 'follow', mention: 'mention', reply: 'reply', quote: 'quote' };

/** The post a notification is about: the liked or reposted one, or the mention, reply or quote itself. */
export function subjectOf(notification: Notification): string | null {
  const kind = kinds[notification.reason];
  if (kind === 'like' || kind === 'boost') return notification.reasonSubject ?? null;
  return kind === 'mention' || kind === 'reply' || kind === 'quote' ? notification.uri : null;
}

export function notificationsFromBluesky(
  notifications: readonly Notification[],
  posts: ReadonlyMap<string, AppBskyFeedDefs.PostView>,
  accountId: string,
): { notifications: AccountNotification[]; unreadable: number } {
  const read: AccountNotification[] = [];
  let unreadable = 0;
  for (const notification of notifications) {
    try {
      const subject = subjectOf(notification);
      const view = subject ? posts.get(subject) : undefined;
      read.push({
        id: notification.uri,
        accountId,
        network: 'bluesky',
        kind: kinds[notification.reason] ?? 'other',
        reason: notification.reason,
        actors: [blueskyAuthor(notification.author)],
        count: 1,
        // A post since deleted, or one the app view would not show: the notification stays, without it.
        post: view ? postFromFeedItem({ post: view }, accountId) : null,
        at: new Date(notification.indexedAt).toISOString(),
        mark: new Date(notification.indexedAt).toISOString(), // as updateSeen's seenAt is compared
      });
    } catch {
      unreadable += 1;
    }
  }
  return { notifications: read, unreadable };
}
