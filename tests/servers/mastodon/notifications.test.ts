import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMastodonServer, type MastodonNotification, type MastodonNotificationGroup, type MastodonServerOptions, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];
const sockets: WebSocket[] = [];

async function start(options?: MastodonServerOptions): Promise<MastodonTestServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  for (const username of ['alice', 'bob', 'carol', 'dave']) server.addUser({ username, password: `${username} pw` });
  return server;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function get(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
}

async function json<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The Link header as clients parse it: `<url>; rel="x"` pairs separated by ', '. */
function links(response: Response): Record<string, string> {
  const header = response.headers.get('link') ?? '';
  return Object.fromEntries([...header.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((match) => [match[2] ?? '', match[1] ?? '']));
}

interface Grouped {
  accounts: { id: string; username: string }[];
  statuses: { id: string }[];
  notification_groups: MastodonNotificationGroup[];
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('notifications', () => {
  it('records favourites, reblogs, follows, mentions, replies and quotes of other people, never one’s own', async () => {
    const server = await start();
    const post = server.post('alice', { text: 'hello' });
    server.favourite('alice', post.id);
    server.favourite('bob', post.id);
    server.reblog('carol', post.id);
    server.follow('dave', 'alice');
    const mention = server.post('bob', { text: '@alice look' });
    const reply = server.post('carol', { text: '@alice nice', inReplyToId: post.id });
    server.post('dave', { text: 'a reply that mentions no one notifies no one', inReplyToId: post.id });
    const quote = server.post('dave', { text: 'this', quotedStatusId: post.id });
    server.post('alice', { text: '@alice talking to myself' });
    const token = await tokenFor(server, 'alice', 'read:notifications');
    const answer = await json<MastodonNotification[]>(await get(`${server.url}/api/v1/notifications`, token));
    expect(answer.map((n) => [n.type, n.account.username, n.status?.id])).toEqual([
      ['quote', 'dave', quote.id],
      ['mention', 'carol', reply.id],
      ['mention', 'bob', mention.id],
      ['follow', 'dave', undefined],
      ['reblog', 'carol', post.id],
      ['favourite', 'bob', post.id],
    ]);
    expect(answer.find((n) => n.type === 'follow')).not.toHaveProperty('status');
    expect(answer[1]?.group_key).toBe(`ungrouped-${answer[1]?.id}`);
    expect(answer.find((n) => n.type === 'favourite')?.group_key).toMatch(new RegExp(`^favourite-${post.id}-\\d+$`));
    expect(answer.find((n) => n.type === 'follow')?.group_key).toMatch(/^follow-\d+$/);
    expect(server.notificationsOf('alice').map((n) => n.id)).toEqual(answer.map((n) => n.id));
    const one = await json<MastodonNotification>(await get(`${server.url}/api/v1/notifications/${answer[0]?.id}`, token));
    expect(one).toEqual(answer[0]);
    expect((await get(`${server.url}/api/v1/notifications/${answer[0]?.id}`, await tokenFor(server, 'bob', 'read'))).status).toBe(404);
  });

  it('takes back the notification of an undone favourite or a deleted mention', async () => {
    const server = await start();
    const post = server.post('alice', { text: 'hello' });
    const bob = await tokenFor(server, 'bob', 'write');
    const act = (action: string) => fetch(`${server.url}/api/v1/statuses/${post.id}/${action}`, { method: 'POST', headers: { Authorization: `Bearer ${bob}` } });
    expect((await act('favourite')).status).toBe(200);
    const mention = server.post('carol', { text: '@alice hi' });
    expect(server.notificationsOf('alice').map((n) => n.type)).toEqual(['mention', 'favourite']);
    expect((await act('unfavourite')).status).toBe(200);
    server.deleteStatus(mention.id);
    expect(server.notificationsOf('alice')).toEqual([]);
  });

  it('pages newest first by Link, keeping types[] and limit, with exclude_types[] too', async () => {
    const server = await start();
    const posts = [1, 2, 3, 4, 5].map((i) => server.post('alice', { text: `post ${i}`, createdAt: minutesAgo(60 - i) }));
    posts.forEach((post, i) => server.favourite('bob', post.id, minutesAgo(30 - i)));
    server.follow('carol', 'alice');
    const token = await tokenFor(server, 'alice', 'read');
    const seen: string[] = [];
    let next = `${server.url}/api/v1/notifications?limit=2&types[]=favourite`;
    for (let pages = 0; next && pages < 5; pages++) {
      const response = await get(next, token);
      const page = await json<MastodonNotification[]>(response);
      seen.push(...page.map((n) => n.status?.content ?? n.type));
      next = links(response).next ?? '';
      if (page.length === 0) break;
      expect(new URL(links(response).next ?? '').searchParams.getAll('types[]')).toEqual(['favourite']);
      expect(new URL(links(response).prev ?? '').searchParams.get('limit')).toBe('2');
    }
    expect(seen).toEqual(['<p>post 5</p>', '<p>post 4</p>', '<p>post 3</p>', '<p>post 2</p>', '<p>post 1</p>']);
    const all = await json<MastodonNotification[]>(await get(`${server.url}/api/v1/notifications`, token));
    const newer = await json<MastodonNotification[]>(await get(`${server.url}/api/v1/notifications?min_id=${all[3]?.id}&limit=2`, token));
    expect(newer.map((n) => n.id)).toEqual([all[1]?.id, all[2]?.id]);
    const noFavourites = await json<MastodonNotification[]>(await get(`${server.url}/api/v1/notifications?exclude_types[]=favourite`, token));
    expect(noFavourites.map((n) => n.type)).toEqual(['follow']);
  });

  it('groups favourites of one status, never mentions, and only the grouped_types asked for', async () => {
    const server = await start();
    const post = server.post('alice', { text: 'hello' });
    for (const [i, name] of ['bob', 'carol', 'dave'].entries()) server.favourite(name, post.id, minutesAgo(10 - i));
    server.post('bob', { text: '@alice one', createdAt: minutesAgo(5) });
    server.post('bob', { text: '@alice two', createdAt: minutesAgo(4) });
    const token = await tokenFor(server, 'alice', 'read:notifications');
    const answer = await json<Grouped>(await get(`${server.url}/api/v2/notifications`, token));
    expect(answer.notification_groups.map((g) => [g.type, g.notifications_count])).toEqual([['mention', 1], ['mention', 1], ['favourite', 3]]);
    const favourites = answer.notification_groups[2]!;
    const ids = Object.fromEntries(answer.accounts.map((a) => [a.username, a.id]));
    expect(favourites).toMatchObject({ group_key: expect.stringMatching(/^favourite-/) as unknown, status_id: post.id, sample_account_ids: [ids.dave, ids.carol, ids.bob] });
    expect(favourites.page_max_id).toBe(favourites.most_recent_notification_id);
    expect(BigInt(favourites.page_min_id) < BigInt(favourites.page_max_id)).toBe(true);
    expect(answer.notification_groups[0]?.group_key).toBe(`ungrouped-${answer.notification_groups[0]?.most_recent_notification_id}`);
    expect(answer.accounts.map((a) => a.username).sort()).toEqual(['bob', 'carol', 'dave']);
    expect(answer.statuses.map((s) => s.id)).toContain(post.id);
    const onlyReblogsGrouped = await json<Grouped>(await get(`${server.url}/api/v2/notifications?grouped_types[]=reblog&types[]=favourite`, token));
    expect(onlyReblogsGrouped.notification_groups.map((g) => g.notifications_count)).toEqual([1, 1, 1]);
  });

  it('pages groups by Link without losing any: a group cut by the page edge comes again on the next page', async () => {
    const server = await start();
    const first = server.post('alice', { text: 'first' });
    const second = server.post('alice', { text: 'second' });
    server.favourite('bob', first.id, minutesAgo(9));
    server.favourite('bob', second.id, minutesAgo(8));
    server.favourite('carol', first.id, minutesAgo(7));
    const mention = server.post('dave', { text: '@alice hey', createdAt: minutesAgo(6) });
    const token = await tokenFor(server, 'alice', 'read');
    const keys: string[] = [];
    const counts: number[] = [];
    let next = `${server.url}/api/v2/notifications?limit=1`;
    while (next) {
      const response = await get(next, token);
      const page = await json<Grouped>(response);
      if (page.notification_groups.length === 0) break;
      keys.push(...page.notification_groups.map((g) => `${g.type} ${g.status_id ?? ''}`));
      counts.push(...page.notification_groups.map((g) => g.notifications_count));
      next = links(response).next ?? '';
    }
    expect(keys).toEqual([`mention ${mention.id}`, `favourite ${first.id}`, `favourite ${second.id}`, `favourite ${first.id}`]);
    // Counted up to the page's newest member: bob's older favourite of `first` counts on the page carol's is on.
    expect(counts).toEqual([1, 2, 1, 1]);
  });

  it('answers 404 for grouped notifications on servers without them, keeping v1', async () => {
    for (const options of [{ groupedNotifications: false }, { flavour: 'gotosocial' as const }]) {
      const server = await start(options);
      server.follow('bob', 'alice');
      const token = await tokenFor(server, 'alice', 'read');
      expect((await get(`${server.url}/api/v2/notifications`, token)).status).toBe(404);
      expect((await get(`${server.url}/api/v2/notifications/unread_count`, token)).status).toBe(404);
      expect((await json<MastodonNotification[]>(await get(`${server.url}/api/v1/notifications`, token))).map((n) => n.type)).toEqual(['follow']);
    }
  });

  it('keeps read markers, versioned, as form or JSON, and counts unread groups above them', async () => {
    const server = await start();
    const post = server.post('alice', { text: 'hello' });
    server.favourite('bob', post.id);
    server.favourite('carol', post.id);
    server.follow('dave', 'alice');
    const token = await tokenFor(server, 'alice', 'read write');
    const [newest, , oldest] = server.notificationsOf('alice');
    const save = (body: string, type: string) => fetch(`${server.url}/api/v1/markers`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
    const unreadCount = async () => (await json<{ count: number }>(await get(`${server.url}/api/v2/notifications/unread_count`, token))).count;
    expect(await json(await get(`${server.url}/api/v1/markers?timeline[]=notifications`, token))).toEqual({});
    expect(await unreadCount()).toBe(2);
    const saved = await json<Record<string, { last_read_id: string; version: number; updated_at: string }>>(await save(`notifications[last_read_id]=${oldest?.id}`, 'application/x-www-form-urlencoded'));
    expect(saved).toEqual({ notifications: { last_read_id: oldest?.id, version: 0, updated_at: expect.any(String) as unknown } });
    expect(await unreadCount()).toBe(2);
    const again = await json(await save(JSON.stringify({ notifications: { last_read_id: newest?.id }, home: { last_read_id: post.id } }), 'application/json'));
    expect(again).toMatchObject({ notifications: { last_read_id: newest?.id, version: 1 }, home: { last_read_id: post.id, version: 0 } });
    expect(await unreadCount()).toBe(0);
    const both = await json(await get(`${server.url}/api/v1/markers?timeline[]=notifications&timeline[]=home`, token));
    expect(both).toEqual(again);
  });

  it('streams a notification event to the recipient’s user stream', async () => {
    const server = await start();
    const post = server.post('alice', { text: 'hello' });
    const token = await tokenFor(server, 'alice', 'read');
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/v1/streaming?stream=user&access_token=${encodeURIComponent(token)}`);
    sockets.push(socket);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const message = new Promise<{ stream: string[]; event: string; payload: string }>((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as never)));
    server.favourite('bob', post.id);
    const received = await message;
    expect(received).toMatchObject({ stream: ['user'], event: 'notification' });
    expect(JSON.parse(received.payload)).toEqual(server.notificationsOf('alice')[0]);
  });

  it('needs a token with read:notifications, and read:statuses for markers', async () => {
    const server = await start();
    expect((await get(`${server.url}/api/v1/notifications`)).status).toBe(401);
    expect((await get(`${server.url}/api/v2/notifications`)).status).toBe(401);
    const statusesOnly = await tokenFor(server, 'alice', 'read:statuses');
    expect((await get(`${server.url}/api/v1/notifications`, statusesOnly)).status).toBe(403);
    expect((await get(`${server.url}/api/v2/notifications`, statusesOnly)).status).toBe(403);
    expect((await get(`${server.url}/api/v1/markers?timeline[]=home`, statusesOnly)).status).toBe(200);
    const notificationsOnly = await tokenFor(server, 'alice', 'read:notifications');
    expect((await get(`${server.url}/api/v1/markers?timeline[]=home`, notificationsOnly)).status).toBe(403);
  });
});
