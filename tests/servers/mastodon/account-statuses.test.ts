import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start() {
  const server = await startMastodonServer();
  servers.push(server);
  const amy = server.addUser({ username: 'amy', password: 'amy pw' });
  server.addUser({ username: 'zed', password: 'zed pw' });
  return { server, amy, token: await tokenFor(server, 'amy') };
}

async function list(server: MastodonTestServer, token: string, accountId: string, query: string) {
  const response = await fetch(`${server.url}/api/v1/accounts/${accountId}/statuses?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, link: response.headers.get('link'), statuses: (await response.json()) as MastodonStatus[] };
}

describe('GET /api/v1/accounts/:id/statuses (AccountStatusesFilter)', () => {
  it('narrows by exclude_replies (threads stay), exclude_reblogs, only_media, tagged and pinned', async () => {
    const { server, amy, token } = await start();
    const zeds = server.post('zed', { text: 'zed says hi' });
    const first = server.post('amy', { text: 'a thread #birds', createdAt: new Date(Date.UTC(2025, 0, 1)) });
    const own = server.post('amy', { text: 'more of it', inReplyToId: first.id, createdAt: new Date(Date.UTC(2025, 0, 2)) });
    const other = server.post('amy', { text: '@zed hello', inReplyToId: zeds.id, createdAt: new Date(Date.UTC(2025, 0, 3)) });
    const picture = server.post('amy', { text: 'a picture', media: [{ width: 10, height: 10, description: 'x' }], createdAt: new Date(Date.UTC(2025, 0, 4)) });
    const boost = server.reblog('amy', zeds.id, new Date(Date.UTC(2025, 0, 5)));
    const ids = async (query: string) => (await list(server, token, amy.id, query)).statuses.map((s) => s.id);
    expect(await ids('')).toEqual([boost.id, picture.id, other.id, own.id, first.id]);
    expect(await ids('exclude_replies=true')).toEqual([boost.id, picture.id, own.id, first.id]);
    expect(await ids('exclude_reblogs=1')).toEqual([picture.id, other.id, own.id, first.id]);
    expect(await ids('exclude_reblogs=false')).toHaveLength(5);
    expect(await ids('only_media=true')).toEqual([picture.id]);
    expect(await ids('tagged=BIRDS')).toEqual([first.id]);
    expect(await ids('pinned=true')).toEqual([]);
  });

  it('pins as PinsController does: own statuses only, no boosts, five at most; pinned=true lists them', async () => {
    const { server, amy, token } = await start();
    const zeds = server.post('zed', { text: 'zed says hi' });
    const mine = server.seedStatuses('amy', 7);
    const boost = server.reblog('amy', zeds.id);
    const pin = (id: string) => fetch(`${server.url}/api/v1/statuses/${id}/pin`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const first = await pin(mine[1]!);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: mine[1], pinned: true });
    expect((await pin(mine[1]!)).status).toBe(422);
    expect((await pin(zeds.id)).status).toBe(422);
    expect((await pin(boost.id)).status).toBe(422);
    server.pin('amy', mine[3]!);
    expect(() => server.pin('zed', mine[4]!)).toThrow(/Someone else/);
    const ids = async (query: string) => (await list(server, token, amy.id, query)).statuses.map((s) => s.id);
    expect(await ids('pinned=true')).toEqual([mine[3], mine[1]]);
    for (const id of [mine[0]!, mine[2]!, mine[4]!]) server.pin('amy', id);
    expect(await pin(mine[5]!)).toMatchObject({ status: 422 });
    const unpinned = await fetch(`${server.url}/api/v1/statuses/${mine[1]}/unpin`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(await unpinned.json()).toMatchObject({ id: mine[1], pinned: false });
    expect(await ids('pinned=true')).toEqual([mine[4], mine[3], mine[2], mine[0]]);
    expect(await ids('')).toHaveLength(8);
  });

  it('keeps the filters in its Link header and names a next page only after a full one', async () => {
    const { server, amy, token } = await start();
    const seeded = server.seedStatuses('amy', 5);
    const full = await list(server, token, amy.id, 'limit=3&exclude_reblogs=true');
    expect(full.link).toContain(`max_id=${seeded[2]}`);
    expect(full.link).toContain('exclude_reblogs=true');
    expect(full.link).toMatch(/rel="next".*rel="prev"/);
    const short = await list(server, token, amy.id, `limit=3&exclude_reblogs=true&max_id=${seeded[2]}`);
    expect(short.statuses.map((s) => s.id)).toEqual([seeded[1], seeded[0]]);
    expect(short.link).not.toContain('rel="next"');
    expect(short.link).toContain(`min_id=${seeded[1]}`);
    expect((await list(server, token, amy.id, 'limit=100')).statuses).toHaveLength(5); // at most 40, here all 5
  });

  it('is seeded with thousands of varied statuses, and serves a page from the middle of them', async () => {
    const { server, amy, token } = await start();
    const zeds = server.post('zed', { text: 'zed says hi' });
    const ids = server.seedStatuses('amy', 5000, { from: new Date(Date.UTC(2024, 0, 1)), replyTo: zeds.id });
    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
    const page = await list(server, token, amy.id, `limit=40&max_id=${ids[2500]}`);
    expect(page.statuses).toHaveLength(40);
    expect(page.statuses[0]).toMatchObject({ id: ids[2499], created_at: new Date(Date.UTC(2024, 0, 1) + 2499 * 60_000).toISOString() });
    const texts = page.statuses.map((s) => s.content).join('\n');
    expect(texts).toMatch(/東京|京都|日本語|カメラ/);
    expect(texts).toMatch(/café|crème|naïf|Noël|Orléans/);
    const all = server.statusesOf('amy');
    expect(all.filter((s) => s.in_reply_to_id === zeds.id).length).toBeGreaterThan(0);
    expect(all.filter((s) => s.in_reply_to_account_id === amy.id).length).toBeGreaterThan(0);
    expect(all.filter((s) => s.media_attachments.length > 0).length).toBe(Math.ceil((5000 - 4) / 11));
  });
});
