import { describe, expect, it } from 'vitest';
import type { AccountNotification, NotificationKind } from '../../shared/domain/notification.ts';
import type { Author, Post } from '../../shared/domain/post.ts';
import { postKey } from '../../shared/domain/post-key.ts';
import { groupNotifications, type GroupingDeps } from '../../shared/inbox/group-notifications.ts';
import { compareMarks, isAfterMark, laterMark } from '../../shared/inbox/read-marks.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const me = { mastodon: mastodonAuthor('me@social.example'), bluesky: blueskyAuthor('me.bsky.social') };
const myMastodonCopy = makePost({ author: me.mastodon, at: '2026-12-01T10:00:00.000Z', text: 'Braid 2.0 is out', uri: 'https://social.example/users/me/statuses/1' });
const myBlueskyCopy = makePost({ author: me.bluesky, at: '2026-12-01T10:00:01.000Z', text: 'Braid 2.0 is out', uri: 'at://did:plc:me/app.bsky.feed.post/1' });
const otherPost = makePost({ author: me.mastodon, at: '2026-12-01T09:00:00.000Z', text: 'Another post', uri: 'https://social.example/users/me/statuses/2' });

const ana = { mastodon: mastodonAuthor('ana@town.example'), bluesky: blueskyAuthor('ana.bsky.social') };
const tom = mastodonAuthor('tom@town.example');
const kai = blueskyAuthor('kai.bsky.social');

// The two copies are one item (as the outbox or the collapse rule says); Ana is one person on both networks.
const deps: GroupingDeps = {
  itemOf: (post: Post) => (post === myBlueskyCopy ? postKey(myMastodonCopy) : postKey(post)),
  personOf: (author: Author) => (author === ana.bluesky ? ana.mastodon.id : author.id),
};

let nextId = 0;
function notification(kind: NotificationKind, actors: Author[], post: Post | null, at: string, extra: Partial<AccountNotification> = {}): AccountNotification {
  const network = post?.network ?? actors[0]!.network;
  return {
    id: `n${++nextId}`,
    accountId: network === 'mastodon' ? 'mastodon:me' : 'bluesky:me',
    network,
    kind,
    reason: kind,
    actors,
    count: actors.length,
    post,
    at,
    mark: at,
    ...extra,
  };
}

describe('one inbox from every account', () => {
  it('gathers the likes of both copies of a cross-post into one entry, each person once, counted per network', () => {
    const entries = groupNotifications(
      [
        notification('like', [ana.mastodon], myMastodonCopy, '2026-12-01T10:05:00.000Z'),
        notification('like', [tom], myMastodonCopy, '2026-12-01T10:06:00.000Z'),
        notification('like', [kai], myBlueskyCopy, '2026-12-01T10:07:00.000Z'),
        notification('like', [ana.bluesky], myBlueskyCopy, '2026-12-01T10:08:00.000Z'),
      ],
      deps,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'like',
      count: 3, // Ana liked both copies: one person
      byNetwork: [
        { network: 'bluesky', count: 2 },
        { network: 'mastodon', count: 2 },
      ],
      accountIds: ['bluesky:me', 'mastodon:me'],
      at: '2026-12-01T10:08:00.000Z',
    });
    expect(entries[0]!.actors.map((actor) => actor.handle)).toEqual(['ana.bsky.social', 'kai.bsky.social', 'tom@town.example']);
    expect(entries[0]!.parts).toHaveLength(4);
  });

  it("keeps a server's own group whole: its count, its sample of people", () => {
    const sample = Array.from({ length: 8 }, (_, index) => mastodonAuthor(`fan${index}@town.example`));
    const [entry] = groupNotifications([notification('boost', sample, otherPost, '2026-12-01T11:00:00.000Z', { count: 14 })], deps);
    expect(entry).toMatchObject({ kind: 'boost', count: 14, byNetwork: [{ network: 'mastodon', count: 14 }] });
    expect(entry!.actors).toHaveLength(8);
  });

  it('never groups mentions, replies or quotes, but one post mentioning two of your accounts is one entry', () => {
    const mention = makePost({ author: tom, at: '2026-12-01T12:00:00.000Z', text: '@me hello', uri: 'https://town.example/users/tom/statuses/9' });
    const reply = makePost({ author: tom, at: '2026-12-01T12:01:00.000Z', text: 'agreed', uri: 'https://town.example/users/tom/statuses/10' });
    const entries = groupNotifications(
      [
        notification('mention', [tom], mention, '2026-12-01T12:00:00.000Z', { accountId: 'mastodon:me' }),
        notification('mention', [tom], mention, '2026-12-01T12:00:00.000Z', { accountId: 'mastodon:me-elsewhere' }),
        notification('reply', [tom], reply, '2026-12-01T12:01:00.000Z'),
        notification('reply', [tom], makePost({ author: tom, at: '2026-12-01T12:02:00.000Z', text: 'and more', uri: 'https://town.example/users/tom/statuses/11' }), '2026-12-01T12:02:00.000Z'),
      ],
      deps,
    );
    expect(entries.map((entry) => [entry.kind, entry.count, entry.accountIds.length])).toEqual([
      ['reply', 1, 1],
      ['reply', 1, 1],
      ['mention', 1, 2],
    ]);
  });

  it('groups the follows of a day across accounts; a reason Braid does not know stays, in its own word', () => {
    const entries = groupNotifications(
      [
        notification('follow', [ana.mastodon], null, '2026-12-01T08:00:00.000Z'),
        notification('follow', [ana.bluesky], null, '2026-12-01T09:00:00.000Z'),
        notification('follow', [kai], null, '2026-12-01T09:30:00.000Z'),
        notification('follow', [tom], null, '2026-12-02T09:30:00.000Z'),
        notification('other', [kai], null, '2026-12-01T07:00:00.000Z', { reason: 'starterpack-joined' }),
      ],
      deps,
    );
    expect(entries.map((entry) => [entry.kind, entry.reason, entry.count, entry.at])).toEqual([
      ['follow', 'follow', 1, '2026-12-02T09:30:00.000Z'],
      ['follow', 'follow', 2, '2026-12-01T09:30:00.000Z'],
      ['other', 'starterpack-joined', 1, '2026-12-01T07:00:00.000Z'],
    ]);
  });

  it('orders entries newest first, whatever order the accounts answered in', () => {
    const entries = groupNotifications(
      [
        notification('like', [tom], otherPost, '2026-12-01T08:00:00.000Z'),
        notification('boost', [kai], myBlueskyCopy, '2026-12-01T13:00:00.000Z'),
        notification('like', [kai], myBlueskyCopy, '2026-12-01T10:00:00.000Z'),
      ],
      deps,
    );
    expect(entries.map((entry) => entry.at)).toEqual(['2026-12-01T13:00:00.000Z', '2026-12-01T10:00:00.000Z', '2026-12-01T08:00:00.000Z']);
  });

  it('is unread when any notification it gathers came after its account read mark', () => {
    const readUpTo: Record<string, string> = { 'mastodon:me': '2026-12-01T10:06:00.000Z', 'bluesky:me': '2026-12-01T10:07:00.000Z' };
    const isUnread = (n: AccountNotification) => isAfterMark(n.mark, readUpTo[n.accountId] ?? null);
    const [cross, older] = groupNotifications(
      [
        notification('like', [tom], myMastodonCopy, '2026-12-01T10:06:00.000Z'),
        notification('like', [kai], myBlueskyCopy, '2026-12-01T10:08:00.000Z'),
        notification('boost', [tom], otherPost, '2026-12-01T10:01:00.000Z'),
      ],
      { ...deps, isUnread },
    );
    expect(cross).toMatchObject({ kind: 'like', unread: true }); // Kai's like on Bluesky is new
    expect(older).toMatchObject({ kind: 'boost', unread: false });
  });
});

describe('read marks', () => {
  it('order Mastodon snowflakes as numbers, ULIDs and ISO times as written', () => {
    expect(compareMarks('109', '1010')).toBeLessThan(0);
    expect(compareMarks('01HZX0000000000000000000AB', '01HZX0000000000000000000AA')).toBeGreaterThan(0);
    expect(isAfterMark('2026-12-01T10:00:00.000Z', null)).toBe(true);
    expect(isAfterMark('2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z')).toBe(false);
    expect(laterMark('99', '100')).toBe('100');
    expect(laterMark(null, '5')).toBe('5');
  });
});
