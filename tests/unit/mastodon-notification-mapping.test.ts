import { describe, expect, it } from 'vitest';
import { accountNotificationSchema } from '../../shared/domain/notification.ts';
import { notificationsFromGroups, notificationsFromList, type Viewer } from '../../electron/core/networks/mastodon/notification-mapping.ts';

// As masto hands them over (camelCase), shaped like Mastodon's documented entities.
const me = { id: '1', username: 'amy', acct: 'amy', url: 'https://home.example/@amy', displayName: 'Amy', avatar: null };
const person = (id: string, name: string) => ({ id, username: name, acct: `${name}@town.example`, url: `https://town.example/@${name}`, uri: `https://town.example/users/${name}`, displayName: name, avatar: null });
const status = (id: string, account: object, extra: object = {}) => ({
  id,
  uri: `https://home.example/users/x/statuses/${id}`,
  url: `https://home.example/@x/${id}`,
  createdAt: '2026-12-01T10:00:00.000Z',
  account,
  content: `<p>status ${id}</p>`,
  mediaAttachments: [],
  mentions: [],
  ...extra,
});
const viewer: Viewer = { accountId: 'mastodon:home.example:1', ownId: '1', serverHost: 'home.example', now: new Date('2026-12-02T00:00:00.000Z') };

describe('Mastodon grouped notifications (v2)', () => {
  const answer = {
    accounts: [person('10', 'ana'), person('11', 'tom'), person('12', 'kai')],
    statuses: [status('100', me), status('101', person('11', 'tom'), { inReplyToId: '100', inReplyToAccountId: '1' }), status('102', person('12', 'kai'))],
    notificationGroups: [
      { groupKey: 'favourite-100-1', notificationsCount: 14, type: 'favourite', mostRecentNotificationId: '9', latestPageNotificationAt: '2026-12-01T12:00:00.000Z', sampleAccountIds: ['10', '11', '12'], statusId: '100' },
      { groupKey: 'ungrouped-8', notificationsCount: 1, type: 'mention', mostRecentNotificationId: '8', latestPageNotificationAt: '2026-12-01T11:00:00.000Z', sampleAccountIds: ['11'], statusId: '101' },
      { groupKey: 'ungrouped-7', notificationsCount: 1, type: 'mention', mostRecentNotificationId: '7', latestPageNotificationAt: '2026-12-01T10:30:00.000Z', sampleAccountIds: ['12'], statusId: '102' },
      { groupKey: 'follow-1', notificationsCount: 2, type: 'follow', mostRecentNotificationId: '6', latestPageNotificationAt: '2026-12-01T09:00:00.000Z', sampleAccountIds: ['10', '12'] },
      { groupKey: 'ungrouped-5', notificationsCount: 1, type: 'severed_relationships', mostRecentNotificationId: '5', sampleAccountIds: ['10'] },
      // Broken by the server: a status it does not include, an account it does not include, no type.
      { groupKey: 'ungrouped-4', notificationsCount: 1, type: 'favourite', mostRecentNotificationId: '4', sampleAccountIds: ['10'], statusId: '999' },
      { groupKey: 'ungrouped-3', notificationsCount: 1, type: 'follow', mostRecentNotificationId: '3', sampleAccountIds: ['404'] },
      { groupKey: 'ungrouped-2', notificationsCount: 1, mostRecentNotificationId: '2', sampleAccountIds: ['10'] },
    ],
  };

  it('reads each group: its kind, its people, its count and its post; a mention answering you is a reply', () => {
    const { notifications, unreadable } = notificationsFromGroups(answer, viewer);
    for (const notification of notifications) expect(accountNotificationSchema.parse(notification)).toEqual(notification);
    expect(notifications.map((n) => [n.id, n.kind, n.reason, n.count, n.actors.map((a) => a.handle), n.post?.uri ?? null, n.at])).toEqual([
      ['favourite-100-1', 'like', 'favourite', 14, ['ana@town.example', 'tom@town.example', 'kai@town.example'], 'https://home.example/users/x/statuses/100', '2026-12-01T12:00:00.000Z'],
      ['ungrouped-8', 'reply', 'mention', 1, ['tom@town.example'], 'https://home.example/users/x/statuses/101', '2026-12-01T11:00:00.000Z'],
      ['ungrouped-7', 'mention', 'mention', 1, ['kai@town.example'], 'https://home.example/users/x/statuses/102', '2026-12-01T10:30:00.000Z'],
      ['follow-1', 'follow', 'follow', 2, ['ana@town.example', 'kai@town.example'], null, '2026-12-01T09:00:00.000Z'],
      // A type Braid does not know is kept, in the server's word; with no time given, the time it was read.
      ['ungrouped-5', 'other', 'severed_relationships', 1, ['ana@town.example'], null, '2026-12-02T00:00:00.000Z'],
    ]);
    expect(unreadable).toBe(3);
    // The next page starts below the oldest notification the page covered, unreadable groups included.
    expect(notificationsFromGroups(answer, viewer).oldestId).toBe('2');
  });

  it('refuses an answer that is not grouped notifications at all', () => {
    expect(() => notificationsFromGroups('<html>Bad gateway</html>', viewer)).toThrow();
    expect(() => notificationsFromGroups({ notificationGroups: 'x' }, viewer)).toThrow();
  });
});

describe('Mastodon notifications (v1, for servers without groups)', () => {
  it('reads one notification each, with its own time; broken ones are counted', () => {
    const { notifications, unreadable } = notificationsFromList(
      [
        { id: '30', type: 'reblog', createdAt: '2026-12-01T08:00:00.000Z', account: person('10', 'ana'), status: status('100', me) },
        { id: '29', type: 'follow', createdAt: '2026-12-01T07:00:00.000Z', account: person('11', 'tom') },
        { id: '28', type: 'quote', createdAt: '2026-12-01T06:00:00.000Z', account: person('12', 'kai'), status: status('103', person('12', 'kai')) },
        { id: '27', type: 'favourite', createdAt: '2026-12-01T05:00:00.000Z' },
      ],
      viewer,
    );
    expect(notifications.map((n) => [n.id, n.kind, n.count, n.actors[0]!.handle, n.at])).toEqual([
      ['30', 'boost', 1, 'ana@town.example', '2026-12-01T08:00:00.000Z'],
      ['29', 'follow', 1, 'tom@town.example', '2026-12-01T07:00:00.000Z'],
      ['28', 'quote', 1, 'kai@town.example', '2026-12-01T06:00:00.000Z'],
    ]);
    expect(unreadable).toBe(1);
    expect(() => notificationsFromList({ error: 'Not found' }, viewer)).toThrow();
  });
});
