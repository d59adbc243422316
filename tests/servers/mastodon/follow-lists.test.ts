import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];

async function start(options: MastodonServerOptions = {}) {
  const server = await startMastodonServer(options);
  servers.push(server);
  const alice = server.addUser({ username: 'alice', password: 'alice pw' });
  const bob = server.addUser({ username: 'bob', password: 'bob pw' });
  const token = await tokenFor(server, 'bob', 'read');
  const get = async (path: string, as: string | null = token) => {
    const response = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, as ? { headers: { Authorization: `Bearer ${as}` } } : {});
    const body: unknown = await response.json();
    return { status: response.status, link: response.headers.get('link'), accounts: Array.isArray(body) ? (body as { id: string; acct: string; hide_collections: boolean }[]) : [] };
  };
  return { server, alice, bob, get };
}

/** The `rel` address of a Link header. */
const linkOf = (header: string | null, rel: string) => new RegExp(`<([^>]+)>; rel="${rel}"`).exec(header ?? '')?.[1];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('follow lists (GET /api/v1/accounts/:id/following and /followers)', () => {
  it('pages 2000 follows of remote accounts 80 at a time by the Link header, newest follow first, each account once', async () => {
    const { server, alice, get } = await start();
    const accts = Array.from({ length: 2000 }, (_, i) => `p${i}@${i % 2 ? 'other.example' : 'bsky.brid.gy'}`);
    for (const acct of accts) server.addRemoteAccount(acct);
    for (const acct of accts) server.follow('alice', acct);
    const seen: string[] = [];
    let next: string | undefined = `/api/v1/accounts/${alice.id}/following?limit=80`;
    let pages = 0;
    while (next) {
      const page = await get(next);
      expect(page.status).toBe(200);
      expect(page.accounts.length).toBeLessThanOrEqual(80);
      seen.push(...page.accounts.map((account) => account.acct));
      next = linkOf(page.link, 'next');
      if (next) expect(new URL(next).searchParams.get('limit')).toBe('80');
      pages++;
    }
    expect(pages).toBe(26); // 25 full pages; the last full page still says next, and the one after it is empty
    expect(seen).toHaveLength(2000);
    expect(new Set(seen).size).toBe(2000);
    expect(seen).toEqual([...accts].reverse());
  });

  it('says next and prev over the follow records’ ids, keeps limit, 40 by default and 80 at most', async () => {
    const { server, alice, get } = await start();
    for (let i = 0; i < 100; i++) server.follow(server.addRemoteAccount(`f${i}@other.example`).acct, 'alice');
    const first = await get(`/api/v1/accounts/${alice.id}/followers`);
    expect(first.accounts).toHaveLength(40);
    expect(first.accounts[0]?.acct).toBe('f99@other.example');
    const next = new URL(linkOf(first.link, 'next') ?? '');
    const prev = new URL(linkOf(first.link, 'prev') ?? '');
    expect(next.pathname).toBe(`/api/v1/accounts/${alice.id}/followers`);
    expect([...next.searchParams.keys()]).toEqual(['max_id']);
    expect([...prev.searchParams.keys()]).toEqual(['since_id']);
    // The follow records' ids, not the accounts'.
    expect(next.searchParams.get('max_id')).not.toBe(first.accounts.at(-1)?.id);
    expect((await get(`/api/v1/accounts/${alice.id}/followers?limit=500`)).accounts).toHaveLength(80);
    const rest = await get(`/api/v1/accounts/${alice.id}/followers?limit=80&max_id=${next.searchParams.get('max_id') ?? ''}`);
    expect(rest.accounts.map((account) => account.acct)).toEqual(Array.from({ length: 60 }, (_, i) => `f${59 - i}@other.example`));
    expect(linkOf(rest.link, 'next')).toBeUndefined(); // a short page is the last
    expect(new URL(linkOf(rest.link, 'prev') ?? '').searchParams.get('limit')).toBe('80');
    // since_id: the follows made after the newest one seen.
    server.follow(server.addRemoteAccount('late@other.example').acct, 'alice');
    const newer = await get(prev.toString());
    expect(newer.accounts.map((account) => account.acct)).toEqual(['late@other.example']);
  });

  it('orders by when the follow was made, not by the account; an unfollow leaves the list', async () => {
    const { server, alice, get } = await start();
    const early = server.addRemoteAccount('early@other.example', { createdAt: new Date(Date.UTC(2010, 0, 1)) });
    server.addRemoteAccount('someone.bsky.social@bsky.brid.gy');
    server.follow('alice', 'someone.bsky.social@bsky.brid.gy');
    server.follow('alice', early.acct);
    server.follow('alice', 'bob');
    const list = async () => (await get(`/api/v1/accounts/${alice.id}/following`)).accounts.map((account) => account.acct);
    expect(await list()).toEqual(['bob', 'early@other.example', 'someone.bsky.social@bsky.brid.gy']);
    const token = await tokenFor(server, 'alice', 'read write follow');
    await fetch(`${server.url}/api/v1/accounts/${early.id}/unfollow`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    expect(await list()).toEqual(['bob', 'someone.bsky.social@bsky.brid.gy']);
  });

  it('hides the lists of an account that hides its collections from everyone but itself; 404 for an unknown account', async () => {
    const { server, alice, bob, get } = await start();
    server.follow('alice', 'bob');
    server.setHideCollections('alice', true);
    const hidden = await get(`/api/v1/accounts/${alice.id}/following`);
    expect(hidden).toMatchObject({ status: 200, accounts: [], link: null });
    expect((await get(`/api/v1/accounts/${bob.id}/followers`)).accounts.map((account) => account.acct)).toEqual(['alice']);
    const own = await get(`/api/v1/accounts/${alice.id}/following`, await tokenFor(server, 'alice', 'read'));
    expect(own.accounts.map((account) => account.acct)).toEqual(['bob']);
    expect((await get(`/api/v1/accounts/${bob.id}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/accounts/${alice.id}`).then((r) => r.json()) as { hide_collections: boolean }).hide_collections).toBe(true);
    // Without a token too (authorize_if_got_token!).
    expect((await get(`/api/v1/accounts/${bob.id}/followers`, null)).accounts).toHaveLength(1);
    expect((await get('/api/v1/accounts/123/following')).status).toBe(404);
  });

  it('sends no Link header on a server that sends none', async () => {
    const { server, alice, get } = await start({ linkHeaders: false });
    server.follow('alice', 'bob');
    const page = await get(`/api/v1/accounts/${alice.id}/following`);
    expect(page.accounts).toHaveLength(1);
    expect(page.link).toBeNull();
  });
});
