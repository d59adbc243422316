/**
 * An account's notifications from its Bluesky service: app.bsky.notification.listNotifications,
 * then the posts they are about in one app.bsky.feed.getPosts (25 at most per request; a page
 * asks for at most that many). Posts once read are kept for the session: your own posts, liked
 * over and over, are not asked for again.
 */
import type { Agent, AppBskyFeedDefs } from '@atproto/api';
import type { NetworkNotifications, NotificationsPage } from '../network.ts';
import { notificationsFromBluesky, subjectOf } from './notification-mapping.ts';
import { fromXrpcError } from './xrpc-errors.ts';

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
      const host = (agent as { pdsUrl?: URL }).pdsUrl?.host ?? 'the Bluesky server';
      try {
        const { data } = await agent.app.bsky.notification.listNotifications({ limit: Math.min(limit, maxPage), ...(cursor ? { cursor } : {}) });
        const subjects = [...new Set(data.notifications.flatMap((notification) => subjectOf(notification) ?? []))];
        const wanted = subjects.filter((uri) => !kept.has(`${accountId} ${uri}`));
        if (wanted.length > 0) for (const view of (await agent.app.bsky.feed.getPosts({ uris: wanted })).data.posts) keep(`${accountId} ${view.uri}`, view);
        const posts = new Map(subjects.flatMap((uri) => kept.get(`${accountId} ${uri}`) ?? []).map((view) => [view.uri, view]));
        const read = notificationsFromBluesky(data.notifications, posts, accountId);
        return { ...read, cursor: data.cursor ?? null };
      } catch (error) {
        throw fromXrpcError(error, host, 'the notifications');
      }
    },
  };
}
