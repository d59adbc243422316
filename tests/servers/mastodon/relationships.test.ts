import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];

async function start() {
  const server = await startMastodonServer();
  servers.push(server);
  for (const username of ['alice', 'bob', 'cat']) server.addUser({ username, password: `${username} pw` });
  const token = await tokenFor(server, 'alice', 'read write');
  const call = async (method: string, path: string) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & Record<number, Record<string, unknown>> };
  };
  const idOf = (username: string) => server.statusesOf(username)[0]?.account.id ?? '';
  return { server, call, idOf };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const home = async (call: Awaited<ReturnType<typeof start>>['call']) => (Object.values((await call('GET', '/api/v1/timelines/home')).body) as { content: string; reblog: { content: string } | null }[]).map((s) => s.reblog?.content ?? s.content);

describe('relationships (accounts.md)', () => {
  it('shows an account and its relationship: following, followed by', async () => {
    const { server, call, idOf } = await start();
    server.post('bob', { text: 'hello' });
    server.follow('bob', 'alice');
    const bob = idOf('bob');
    expect((await call('GET', `/api/v1/accounts/${bob}`)).body).toMatchObject({ id: bob, acct: 'bob', followers_count: 0, following_count: 1, statuses_count: 1 });
    expect((await call('GET', '/api/v1/accounts/123')).status).toBe(404);
    const [relationship] = Object.values((await call('GET', `/api/v1/accounts/relationships?id[]=${bob}&id[]=123`)).body);
    expect(relationship).toMatchObject({ id: bob, following: false, followed_by: true, muting: false, blocking: false, requested: false });
    expect((await call('GET', `/api/v1/accounts/relationships?id[]=${bob}&id[]=123`)).body).toHaveLength(1);
  });

  it('mutes and blocks take a person out of the home timeline, boosts of them too; unmute brings a followed person back', async () => {
    const { server, call, idOf } = await start();
    server.follow('alice', 'cat');
    const his = server.post('bob', { text: 'bob speaks' });
    server.reblog('cat', his.id);
    server.post('cat', { text: 'cat speaks' });
    expect(await home(call)).toEqual(['<p>cat speaks</p>', '<p>bob speaks</p>']);

    const muted = await call('POST', `/api/v1/accounts/${idOf('bob')}/mute`);
    expect(muted.body).toMatchObject({ muting: true, muting_notifications: true, following: false });
    expect(await call('POST', `/api/v1/accounts/${idOf('bob')}/mute`)).toMatchObject({ status: 200, body: { muting: true } });
    expect(await home(call)).toEqual(['<p>cat speaks</p>']);
    server.follow('alice', 'bob');
    server.post('bob', { text: 'bob again' });
    expect(await home(call)).toEqual(['<p>cat speaks</p>']);

    expect((await call('POST', `/api/v1/accounts/${idOf('bob')}/unmute`)).body).toMatchObject({ muting: false, following: true });
    expect(await home(call)).toEqual(['<p>bob again</p>', '<p>cat speaks</p>', '<p>bob speaks</p>']);

    server.follow('cat', 'alice');
    const blocked = await call('POST', `/api/v1/accounts/${idOf('cat')}/block`);
    expect(blocked.body).toMatchObject({ blocking: true, following: false, followed_by: false });
    expect(server.isBlocking('alice', 'cat')).toBe(true);
    expect(await home(call)).toEqual(['<p>bob again</p>', '<p>bob speaks</p>']);
    expect((await call('POST', `/api/v1/accounts/${idOf('cat')}/follow`)).status).toBe(403);
    expect((await call('POST', `/api/v1/accounts/${idOf('cat')}/unblock`)).body).toMatchObject({ blocking: false });
    expect((await call('POST', `/api/v1/accounts/${idOf('cat')}/unblock`)).body).toMatchObject({ blocking: false });
    expect((await call('POST', `/api/v1/accounts/${idOf('bob')}/unfollow`)).body).toMatchObject({ following: false });
    expect((await call('POST', `/api/v1/accounts/${idOf('bob')}/unfollow`)).body).toMatchObject({ following: false });
    expect(await home(call)).toEqual([]);
  });
});
