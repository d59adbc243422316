/**
 * An account's notifications from its Bluesky service: app.bsky.notification.listNotifications,
 * then the posts they are about in one app.bsky.feed.getPosts (25 at most per request; a page
 * asks for at most that many). Posts once read are kept for the session: your own posts, liked
 * over and over, are not asked for again. Read state is the account's seen time (each
 * notification says whether it is read; app.bsky.notification.updateSeen moves it); the unread
 * count is a cheap peek.
 */
import type { Agent, AppBskyFeedDefs } from '@atproto/api';
import { phrase } from '../../base/errors.ts';
import type { NetworkNotifications, NotificationsPage } from '../network.ts';
import { notificationsFromBluesky, subjectOf } from './notification-mapping.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

const maxPage = 25; // what one getPosts can look up
const keptPosts = 500;

export function createBlueskyNotifications(agentFor: (accountId: string) => Promise<Agent>): NetworkNotifications {
  // By account and URI: a post's view says whether that account liked or reposted it.
  const kept = new Map<string, AppBskyFeedDefs.PostView>();
  const keep = (key: string, view: AppBskyFeedDefs.PostView) => {
    kept.delete(key);
    kept.set(key, view);
    if (kept.size > keptPosts) kept.delete(kept.keys().next().value!);
  };
  return {
    async page(accountId, cursor, limit): Promise<NotificationsPage> {
      const agent = await agentFor(accountId);
      const host = hostOf(agent);
      try {
        const { data } = await agent.app.bsky.notification.listNotifications({ limit: Math.min(limit, maxPage), ...(cursor ? { cursor } : {}) });
        const subjects = [...new Set(data.notifications.flatMap((notification) => subjectOf(notification) ?? []))];
        const wanted = subjects.filter((uri) => !kept.has(`${accountId} ${uri}`));
        if (wanted.length > 0) for (const view of (await agent.app.bsky.feed.getPosts({ uris: wanted })).data.posts) keep(`${accountId} ${view.uri}`, view);
        const posts = new Map(subjects.flatMap((uri) => kept.get(`${accountId} ${uri}`) ?? []).map((view) => [view.uri, view]));
        const read = notificationsFromBluesky(data.notifications, posts, accountId);
        // Each notification says whether it is read (the page's seenAt is not reliable for an
        // account that never marked any): read up to the newest one that is.
        const newestRead = data.notifications.find((notification) => notification.isRead);
        return { ...read, cursor: data.cursor ?? null, readMark: newestRead ? new Date(newestRead.indexedAt).toISOString() : null };
      } catch (error) {
        throw fromXrpcError(error, host, phrase('error.what.notifications'));
      }
    },
    async markRead(accountId, mark) {
      const agent = await agentFor(accountId);
      try {
        await agent.app.bsky.notification.updateSeen({ seenAt: mark });
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.readState'));
      }
    },
    async unreadCount(accountId) {
      const agent = await agentFor(accountId);
      try {
        return (await agent.app.bsky.notification.getUnreadCount()).data.count;
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.unreadCount'));
      }
    },
  };
}
