import type { AppBskyFeedDefs, AppBskyNotificationListNotifications } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { accountNotificationSchema } from '../../shared/domain/notification.ts';
import { notificationsFromBluesky, subjectOf } from '../../electron/core/networks/bluesky/notification-mapping.ts';

const actor = (name: string) => ({ did: `did:plc:${name}`, handle: `${name}.test`, displayName: name, avatar: undefined });
const mine = 'at://did:plc:me/app.bsky.feed.post/1';
const view = (uri: string, author: string, text: string): AppBskyFeedDefs.PostView => ({
  uri,
  cid: 'bafyreib2rxk3rh6kzwq',
  author: actor(author),
  record: { $type: 'app.bsky.feed.post', text, createdAt: '2026-12-01T09:00:00.000Z' },
  indexedAt: '2026-12-01T09:00:00.000Z',
  likeCount: 1,
});
const notification = (reason: string, author: string, uri: string, at: string, reasonSubject?: string): AppBskyNotificationListNotifications.Notification => ({
  uri,
  cid: 'bafyreib2rxk3rh6kzwq',
  author: actor(author),
  reason,
  ...(reasonSubject ? { reasonSubject } : {}),
  record: {},
  isRead: false,
  indexedAt: at,
});

describe('Bluesky notifications', () => {
  const likes = notification('like', 'ana', 'at://did:plc:ana/app.bsky.feed.like/1', '2026-12-01T10:00:00.000Z', mine);
  const reply = notification('reply', 'tom', 'at://did:plc:tom/app.bsky.feed.post/2', '2026-12-01T11:00:00.000Z', mine);
  const gone = notification('repost', 'kai', 'at://did:plc:kai/app.bsky.feed.repost/3', '2026-12-01T12:00:00.000Z', 'at://did:plc:me/app.bsky.feed.post/deleted');
  const joined = notification('starterpack-joined', 'lee', 'at://did:plc:lee/app.bsky.graph.starterpack/4', '2026-12-01T13:00:00.000Z');

  it('asks for the post each is about: the liked or reposted one, or the reply itself', () => {
    expect([likes, reply, gone, joined].map(subjectOf)).toEqual([mine, reply.uri, 'at://did:plc:me/app.bsky.feed.post/deleted', null]);
  });

  it('reads every reason, the unknown ones in their own word, and keeps a notification whose post is gone', () => {
    const posts = new Map([
      [mine, view(mine, 'me', 'Braid 2.0 is out')],
      [reply.uri, view(reply.uri, 'tom', 'Congratulations!')],
    ]);
    const { notifications, unreadable } = notificationsFromBluesky([likes, reply, gone, joined], posts, 'bluesky:me');
    for (const read of notifications) expect(accountNotificationSchema.parse(read)).toEqual(read);
    expect(notifications.map((n) => [n.kind, n.reason, n.actors[0]!.handle, n.post?.uri ?? null, n.at])).toEqual([
      ['like', 'like', 'ana.test', mine, '2026-12-01T10:00:00.000Z'],
      ['reply', 'reply', 'tom.test', reply.uri, '2026-12-01T11:00:00.000Z'],
      ['boost', 'repost', 'kai.test', null, '2026-12-01T12:00:00.000Z'],
      ['other', 'starterpack-joined', 'lee.test', null, '2026-12-01T13:00:00.000Z'],
    ]);
    expect(unreadable).toBe(0);
  });

  it('counts one it cannot read and goes on', () => {
    const broken = { ...likes, indexedAt: 'yesterday-ish' };
    const { notifications, unreadable } = notificationsFromBluesky([broken, reply], new Map(), 'bluesky:me');
    expect(notifications.map((n) => n.kind)).toEqual(['reply']);
    expect(unreadable).toBe(1);
  });
});
