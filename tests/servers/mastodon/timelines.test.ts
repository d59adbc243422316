import type { ReadableStreamReadResult } from 'node:stream/web';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMastodonServer, type MastodonServerOptions, type MastodonStatus, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const callback = 'http://127.0.0.1:53682/callback';
const servers: MastodonTestServer[] = [];
const sockets: WebSocket[] = [];

async function start(options?: MastodonServerOptions): Promise<MastodonTestServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  for (const username of ['alice', 'bob', 'carol']) server.addUser({ username, password: `${username} pw`, displayName: username.toUpperCase() });
  return server;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function form(url: string, body: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' });
}


async function appToken(server: MastodonTestServer): Promise<string> {
  const app = (await (await form(`${server.url}/api/v1/apps`, { client_name: 'Braid', redirect_uris: callback })).json()) as { client_id: string; client_secret: string };
  const token = await form(`${server.url}/oauth/token`, { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret });
  return ((await token.json()) as { access_token: string }).access_token;
}

function get(url: string, token?: string): Promise<Response> {
  return fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

function act(server: MastodonTestServer, token: string, id: string, action: string, body: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/v1/statuses/${id}/${action}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: new URLSearchParams(body) });
}

async function statuses(response: Response): Promise<MastodonStatus[]> {
  expect(response.status).toBe(200);
  return (await response.json()) as MastodonStatus[];
}

async function status(response: Response): Promise<MastodonStatus> {
  expect(response.status).toBe(200);
  return (await response.json()) as MastodonStatus;
}

/** The Link header as clients parse it: `<url>; rel="x"` pairs separated by ', '. */
function links(response: Response): Record<string, string> {
  const header = response.headers.get('link');
  if (!header) return {};
  return Object.fromEntries(header.split(', ').map((part) => {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    expect(match, part).not.toBeNull();
    return [match?.[2] ?? '', match?.[1] ?? ''];
  }));
}

/** Statuses posted a minute apart, oldest first, so that their ids and times are in order. */
function postMany(server: MastodonTestServer, author: string, count: number): MastodonStatus[] {
  const base = Date.now() - count * 60_000;
  return Array.from({ length: count }, (_, i) => server.post(author, { text: `post ${i + 1}`, createdAt: new Date(base + i * 60_000) }));
}

interface StreamClient {
  socket: WebSocket;
  next(): Promise<Record<string, unknown>>;
}

function openStream(url: string, protocols?: string | string[]): Promise<StreamClient> {
  const socket = new WebSocket(url, protocols);
  sockets.push(socket);
  const queue: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error('no streaming message within 2s')), 2000);
      waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, next }));
    socket.once('error', reject);
  });
}

/** What an upgrade is refused with, before any WebSocket exists. */
function refusedUpgrade(url: string, protocols?: string): Promise<{ status: number; message: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    sockets.push(socket);
    // Aborting a handshake reports an error; here that is the expected outcome.
    socket.on('error', () => undefined);
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, message: res.headers['x-error-message'] as string | undefined });
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
  });
}

function wsUrl(server: MastodonTestServer, query: string): string {
  return `${server.url.replace(/^http/, 'ws')}/api/v1/streaming?${query}`;
}

describe('home timeline', () => {
  it('holds the statuses of followed accounts and the user’s own, newest first', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const before = server.post('bob', { text: 'before alice followed', createdAt: new Date(Date.now() - 60_000) });
    const mine = server.post('alice', { text: 'my own' });
    const stranger = server.post('carol', { text: 'not followed' });
    const after = server.post('bob', { text: 'after' });
    const home = await statuses(await get(`${server.url}/api/v1/timelines/home`, token));
    expect(home.map((s) => s.id)).toEqual([after.id, mine.id, before.id]);
    expect(home.map((s) => s.id)).not.toContain(stranger.id);
    expect(home[0]).toMatchObject({ account: { username: 'bob', acct: 'bob', statuses_count: 2 }, favourited: false, reblogged: false, muted: false, bookmarked: false });
    expect(home[1]).toHaveProperty('pinned', false);
    expect(home[0]).not.toHaveProperty('pinned');
  });

  it('merges the recent statuses of an account when following it', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const old = server.post('bob', { text: 'posted before the follow' });
    server.follow('alice', 'bob');
    expect((await statuses(await get(`${server.url}/api/v1/timelines/home`, token))).map((s) => s.id)).toEqual([old.id]);
  });

  it('renders complete Status entities', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const posted = server.post('bob', {
      text: 'Hello @alice & <friends>!\nSee https://www.example.com/a/rather/long/path/to/something?x=1 #Cats\n\nSecond paragraph',
      spoilerText: 'cw',
      language: 'de',
      media: [{ description: 'a cat', width: 1920, height: 1080 }],
      card: { url: 'https://www.example.com/a/rather/long/path/to/something?x=1', title: 'Something', description: 'About something' },
    });
    const [seen] = await statuses(await get(`${server.url}/api/v1/timelines/home`, token));
    expect(seen).toEqual({
      id: posted.id,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: true,
      spoiler_text: 'cw',
      visibility: 'public',
      language: 'de',
      uri: `${server.url}/users/bob/statuses/${posted.id}`,
      url: `${server.url}/@bob/${posted.id}`,
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      edited_at: null,
      favourited: false,
      reblogged: false,
      muted: false,
      bookmarked: false,
      filtered: [],
      content:
        `<p>Hello <span class="h-card" translate="no"><a href="${server.url}/@alice" class="u-url mention">@<span>alice</span></a></span> &amp; &lt;friends&gt;!<br />` +
        'See <a href="https://www.example.com/a/rather/long/path/to/something?x=1" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.com/a/rather/long/path</span><span class="invisible">/to/something?x=1</span></a> ' +
        `<a href="${server.url}/tags/Cats" class="mention hashtag" rel="tag">#<span>Cats</span></a></p><p>Second paragraph</p>`,
      reblog: null,
      application: { name: 'Web', website: null },
      account: expect.objectContaining({ id: expect.any(String) as unknown, username: 'bob', acct: 'bob', display_name: 'BOB', url: `${server.url}/@bob` }) as unknown,
      media_attachments: [{
        id: expect.any(String) as unknown,
        type: 'image',
        url: expect.stringMatching(/\/original\//) as unknown,
        preview_url: expect.stringMatching(/\/small\//) as unknown,
        remote_url: null,
        preview_remote_url: null,
        text_url: null,
        meta: { original: { width: 1920, height: 1080, size: '1920x1080', aspect: 1920 / 1080 }, small: { width: 640, height: 360, size: '640x360', aspect: 640 / 360 } },
        description: 'a cat',
        blurhash: expect.any(String) as unknown,
      }],
      mentions: [{ id: expect.any(String) as unknown, username: 'alice', url: `${server.url}/@alice`, acct: 'alice' }],
      tags: [{ name: 'cats', url: `${server.url}/tags/cats` }],
      emojis: [],
      quote: null,
      card: expect.objectContaining({ url: 'https://www.example.com/a/rather/long/path/to/something?x=1', title: 'Something', description: 'About something', type: 'link', image: null }) as unknown,
      poll: null,
    });
  });

  it('walks every page through the Link header, each page newest first', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const all = postMany(server, 'bob', 45).reverse();

    const first = await get(`${server.url}/api/v1/timelines/home`, token);
    const page1 = await statuses(first);
    expect(page1.map((s) => s.id)).toEqual(all.slice(0, 20).map((s) => s.id));
    expect(first.headers.get('link')).toBe(
      `<${server.url}/api/v1/timelines/home?max_id=${all[19]?.id}>; rel="next", <${server.url}/api/v1/timelines/home?min_id=${all[0]?.id}>; rel="prev"`,
    );

    const seen: string[] = [];
    let next: string | undefined = `${server.url}/api/v1/timelines/home?limit=15`;
    let pages = 0;
    while (next) {
      const response = await get(next, token);
      const page = await statuses(response);
      if (page.length === 0) {
        expect(response.headers.get('link')).toBeNull();
        break;
      }
      pages++;
      seen.push(...page.map((s) => s.id));
      next = links(response).next;
      expect(next).toContain('limit=15');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((s) => s.id));

    // And back up from the oldest page through `prev`, which answers the page just newer, still newest first.
    const oldest = await get(`${server.url}/api/v1/timelines/home?limit=15&max_id=${all[29]?.id}`, token);
    const prev = links(oldest).prev ?? '';
    expect(new URL(prev).searchParams.get('min_id')).toBe(all[30]?.id);
    expect((await statuses(await get(prev, token))).map((s) => s.id)).toEqual(all.slice(15, 30).map((s) => s.id));
  });

  it('caps limit at 40 and treats since_id and min_id differently', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const posts = postMany(server, 'alice', 50);
    const ids = (list: MastodonStatus[]) => list.map((s) => s.id);
    const at = (i: number) => posts[i - 1]?.id ?? '';
    const home = (query: string) => get(`${server.url}/api/v1/timelines/home?${query}`, token).then(statuses);

    expect(await home('limit=100')).toHaveLength(40);
    expect(await home('limit=-3')).toHaveLength(3);
    // since_id: the newest statuses, cut off at the cursor.
    expect(ids(await home(`since_id=${at(3)}&limit=2`))).toEqual([at(50), at(49)]);
    // min_id: the statuses immediately newer than the cursor, newest first.
    expect(ids(await home(`min_id=${at(3)}&limit=2`))).toEqual([at(5), at(4)]);
    // min_id wins over since_id; max_id bounds both.
    expect(ids(await home(`min_id=${at(3)}&since_id=${at(40)}&limit=2`))).toEqual([at(5), at(4)]);
    expect(ids(await home(`min_id=${at(3)}&max_id=${at(6)}`))).toEqual([at(5), at(4)]);
    expect(ids(await home(`since_id=${at(3)}&max_id=${at(6)}`))).toEqual([at(5), at(4)]);
    expect(await home(`max_id=${at(1)}`)).toEqual([]);
  });

  it('needs a user token with read:statuses', async () => {
    const server = await start();
    const noToken = await get(`${server.url}/api/v1/timelines/home`);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: 'The access token is invalid' });
    const writeOnly = await get(`${server.url}/api/v1/timelines/home`, await tokenFor(server, 'alice', 'write'));
    expect(writeOnly.status).toBe(403);
    expect((await get(`${server.url}/api/v1/timelines/home`, await tokenFor(server, 'alice', 'read:statuses'))).status).toBe(200);
    const app = await get(`${server.url}/api/v1/timelines/home`, await appToken(server));
    expect(app.status).toBe(422);
    expect(await app.json()).toEqual({ error: 'This method requires an authenticated user' });
  });

  it('shows replies to strangers only when following them, and direct statuses only to those mentioned', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const carols = server.post('carol', { text: 'hello world' });
    const toCarol = server.post('bob', { text: '@carol hi', inReplyToId: carols.id });
    const dm = server.post('bob', { text: '@alice psst', visibility: 'direct' });
    const dmOther = server.post('bob', { text: '@carol psst', visibility: 'direct' });
    const home = (await statuses(await get(`${server.url}/api/v1/timelines/home`, token))).map((s) => s.id);
    expect(home).toEqual([dm.id]);
    expect(home).not.toContain(toCarol.id);
    expect(home).not.toContain(dmOther.id);
    expect(server.statusesOf('carol')[0]).toMatchObject({ id: carols.id, replies_count: 1 });
  });

  it('without link headers (linkHeaders: false) answers the same pages bare', async () => {
    const server = await start({ linkHeaders: false });
    const token = await tokenFor(server, 'alice');
    postMany(server, 'alice', 3);
    const response = await get(`${server.url}/api/v1/timelines/home?limit=2`, token);
    expect(await statuses(response)).toHaveLength(2);
    expect(response.headers.get('link')).toBeNull();
  });
});

describe('statuses', () => {
  it('shows public statuses to anyone and private ones to followers, 404 otherwise', async () => {
    const server = await start();
    const pub = server.post('bob', { text: 'public' });
    const priv = server.post('bob', { text: 'followers only', visibility: 'private' });
    expect((await status(await get(`${server.url}/api/v1/statuses/${pub.id}`))).content).toBe('<p>public</p>');
    const anonymous = await get(`${server.url}/api/v1/statuses/${pub.id}`);
    expect(await anonymous.json()).not.toHaveProperty('favourited');

    const alice = await tokenFor(server, 'alice');
    const hidden = await get(`${server.url}/api/v1/statuses/${priv.id}`, alice);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ error: 'Record not found' });
    server.follow('alice', 'bob');
    expect((await status(await get(`${server.url}/api/v1/statuses/${priv.id}`, alice))).visibility).toBe('private');

    const missing = await get(`${server.url}/api/v1/statuses/123456789`, alice);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Record not found' });
    // A token Doorkeeper has never seen counts as none; a revoked one is refused.
    expect((await get(`${server.url}/api/v1/statuses/${pub.id}`, 'made-up')).status).toBe(200);
    server.revokeTokensOf('alice');
    expect((await get(`${server.url}/api/v1/statuses/${pub.id}`, alice)).status).toBe(401);
  });

  it('favourites and unfavourites, with counts', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const carol = await tokenFor(server, 'carol');
    const post = server.post('bob', { text: 'like me' });

    const favourited = await status(await act(server, alice, post.id, 'favourite'));
    expect(favourited).toMatchObject({ id: post.id, favourited: true, favourites_count: 1 });
    expect(await status(await act(server, alice, post.id, 'favourite'))).toMatchObject({ favourited: true, favourites_count: 1 });
    expect(await status(await act(server, carol, post.id, 'favourite'))).toMatchObject({ favourited: true, favourites_count: 2 });
    expect(server.favouritesOf('alice').map((s) => s.id)).toEqual([post.id]);

    expect(await status(await act(server, alice, post.id, 'unfavourite'))).toMatchObject({ favourited: false, favourites_count: 1 });
    expect(await status(await act(server, alice, post.id, 'unfavourite'))).toMatchObject({ favourited: false, favourites_count: 1 });
    expect(server.favouritesOf('alice')).toEqual([]);
    expect((await status(await get(`${server.url}/api/v1/statuses/${post.id}`, carol))).favourited).toBe(true);

    const unknown = await act(server, alice, '42', 'favourite');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Record not found' });
    expect((await act(server, await tokenFor(server, 'alice', 'read'), post.id, 'favourite')).status).toBe(403);
    expect((await act(server, await tokenFor(server, 'alice', 'write:favourites'), post.id, 'favourite')).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/statuses/${post.id}/favourite`, { method: 'POST' })).status).toBe(401);
  });

  it('reblogs: the answer is the reblog wrapping the original; unreblog answers the original', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const carol = await tokenFor(server, 'carol');
    server.follow('carol', 'alice');
    const post = server.post('bob', { text: 'boost me' });

    const wrapper = await status(await act(server, alice, post.id, 'reblog'));
    expect(wrapper.id).not.toBe(post.id);
    expect(wrapper).toMatchObject({ reblogged: true, content: '', account: { username: 'alice' }, reblog: { id: post.id, reblogged: true, reblogs_count: 1, account: { username: 'bob' } } });
    expect(wrapper.uri).toBe(`${server.url}/users/alice/statuses/${wrapper.id}/activity`);
    expect((await status(await act(server, alice, post.id, 'reblog'))).id).toBe(wrapper.id);
    expect(server.reblogsOf('alice').map((s) => s.id)).toEqual([post.id]);

    // Carol follows alice: the reblog is in her home. Timelines key relationships by each status' own id.
    const [inHome] = await statuses(await get(`${server.url}/api/v1/timelines/home`, carol));
    expect(inHome).toMatchObject({ id: wrapper.id, reblog: { id: post.id, reblogs_count: 1 } });
    const [aliceHome] = await statuses(await get(`${server.url}/api/v1/timelines/home`, alice));
    expect(aliceHome).toMatchObject({ id: wrapper.id, reblogged: false, reblog: { reblogged: true } });

    const undone = await status(await act(server, alice, post.id, 'unreblog'));
    expect(undone).toMatchObject({ id: post.id, reblogged: false, reblogs_count: 0 });
    expect(await status(await act(server, alice, post.id, 'unreblog'))).toMatchObject({ id: post.id, reblogged: false });
    expect(server.reblogsOf('alice')).toEqual([]);
    expect(await statuses(await get(`${server.url}/api/v1/timelines/home`, carol))).toEqual([]);
    expect((await get(`${server.url}/api/v1/statuses/${wrapper.id}`, carol)).status).toBe(404);
  });

  it('refuses to reblog others’ private statuses and hides direct ones', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const priv = server.post('bob', { text: 'followers only', visibility: 'private' });
    const forbidden = await act(server, alice, priv.id, 'reblog');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'This action is not allowed' });
    const dm = server.post('bob', { text: '@carol secret', visibility: 'direct' });
    expect((await act(server, alice, dm.id, 'reblog')).status).toBe(404);
    const own = server.post('alice', { text: 'mine', visibility: 'private' });
    expect(await status(await act(server, alice, own.id, 'reblog', { visibility: 'public' }))).toMatchObject({ visibility: 'private', reblog: { id: own.id } });
    const unlisted = await status(await act(server, alice, server.post('carol', { text: 'x' }).id, 'reblog', { visibility: 'unlisted' }));
    expect(unlisted.visibility).toBe('unlisted');
  });
});

describe('accounts of other servers', () => {
  it('posts with their own uri and url, and reaches followers', async () => {
    const server = await start();
    const dave = server.addRemoteAccount('dave@other.example', { displayName: 'Dave' });
    expect(dave).toMatchObject({ username: 'dave', domain: 'other.example', acct: 'dave@other.example' });
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'dave@other.example');
    const posted = server.post('dave@other.example', { text: 'from afar #fediverse @alice', media: [{ description: 'pic', width: 100, height: 50, url: 'https://files.other.example/pic.jpg' }] });
    expect(posted.uri).toMatch(/^https:\/\/other\.example\/users\/dave\/statuses\/\d+$/);
    expect(posted.url).toMatch(/^https:\/\/other\.example\/@dave\/\d+$/);

    const [seen] = await statuses(await get(`${server.url}/api/v1/timelines/home`, token));
    expect(seen).toMatchObject({
      id: posted.id,
      uri: posted.uri,
      language: null,
      account: { acct: 'dave@other.example', url: 'https://other.example/@dave', display_name: 'Dave' },
      media_attachments: [{ remote_url: 'https://files.other.example/pic.jpg', url: expect.stringContaining(`${server.url}/system/cache/`) as unknown }],
      tags: [{ name: 'fediverse', url: `${server.url}/tags/fediverse` }],
      mentions: [{ acct: 'alice', url: `${server.url}/@alice` }],
    });
    expect(seen).not.toHaveProperty('application');
    expect(seen?.content).toContain('<a href="https://other.example/tags/fediverse" class="mention hashtag" rel="tag nofollow noopener noreferrer" target="_blank">');
    expect(server.statusesOf('dave@other.example').map((s) => s.id)).toEqual([posted.id]);
  });
});

describe('search', () => {
  it('resolves a status of another server by its url or uri', async () => {
    const server = await start();
    server.addRemoteAccount('dave@other.example');
    const remote = server.post('dave@other.example', { text: 'somewhere else' });
    const token = await tokenFor(server, 'alice');
    const find = (query: string, extra = '') => get(`${server.url}/api/v2/search?q=${encodeURIComponent(query)}${extra}`, token);

    for (const address of [remote.url ?? '', remote.uri]) {
      const body = (await (await find(address, '&resolve=true&type=statuses')).json()) as { statuses: MastodonStatus[]; accounts: unknown[]; hashtags: unknown[] };
      expect(body.accounts).toEqual([]);
      expect(body.hashtags).toEqual([]);
      expect(body.statuses.map((s) => s.id)).toEqual([remote.id]);
      expect(body.statuses[0]).toMatchObject({ uri: remote.uri, account: { acct: 'dave@other.example' }, favourited: false });
    }
    // Without resolve nothing is fetched: only this server's own statuses are found.
    expect(await (await find(remote.url ?? '', '&type=statuses')).json()).toEqual({ accounts: [], statuses: [], hashtags: [] });
    const local = server.post('bob', { text: 'at home' });
    expect(((await (await find(local.url ?? '', '&type=statuses')).json()) as { statuses: MastodonStatus[] }).statuses.map((s) => s.id)).toEqual([local.id]);
    // Asking for accounts when the URL is a status finds nothing.
    expect(((await (await find(remote.uri, '&resolve=true&type=accounts')).json()) as { statuses: unknown[] }).statuses).toEqual([]);
    // Accounts resolve by profile URL too.
    const accounts = ((await (await find('https://other.example/@dave', '&resolve=true')).json()) as { accounts: { acct: string }[] }).accounts;
    expect(accounts.map((a) => a.acct)).toEqual(['dave@other.example']);
  });

  it('refuses resolve without a user and a missing query', async () => {
    const server = await start();
    const anonymous = await get(`${server.url}/api/v2/search?q=https%3A%2F%2Fother.example%2F%40dave%2F1&resolve=true`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'Search queries that resolve remote resources are not supported without authentication' });
    const missing = await get(`${server.url}/api/v2/search`, await tokenFor(server, 'alice'));
    expect(missing.status).toBe(400);
    expect((await get(`${server.url}/api/v2/search?q=cats`)).status).toBe(200);
  });

  it('finds accounts, hashtags and the user’s own statuses by text', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const mine = server.post('alice', { text: 'I like #cats a lot' });
    server.post('bob', { text: 'I like cats too' });
    const body = (await (await get(`${server.url}/api/v2/search?q=cat`, token)).json()) as { accounts: unknown[]; statuses: MastodonStatus[]; hashtags: { name: string }[] };
    expect(body.statuses.map((s) => s.id)).toEqual([mine.id]);
    expect(body.hashtags.map((h) => h.name)).toEqual(['cats']);
    const people = (await (await get(`${server.url}/api/v2/search?q=bo&type=accounts`, token)).json()) as { accounts: { acct: string }[] };
    expect(people.accounts.map((a) => a.acct)).toEqual(['bob']);
  });
});

describe('streaming', () => {
  it('answers the health check', async () => {
    const server = await start();
    const health = await fetch(`${server.url}/api/v1/streaming/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('OK');
    expect(health.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('streams update, status.update and delete for the home feed', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    server.follow('alice', 'bob');
    const stream = await openStream(wsUrl(server, `stream=user&access_token=${encodeURIComponent(token)}`));

    const posted = server.post('bob', { text: 'live!' });
    const update = await stream.next();
    expect(update).toMatchObject({ stream: ['user'], event: 'update' });
    expect(typeof update.payload).toBe('string');
    expect(JSON.parse(String(update.payload))).toMatchObject({ id: posted.id, content: '<p>live!</p>', favourited: false, account: { acct: 'bob' } });

    server.editStatus(posted.id, { text: 'live, edited' });
    const edit = await stream.next();
    expect(edit).toMatchObject({ stream: ['user'], event: 'status.update' });
    expect(JSON.parse(String(edit.payload))).toMatchObject({ id: posted.id, content: '<p>live, edited</p>', edited_at: expect.any(String) as unknown });

    server.deleteStatus(posted.id);
    expect(await stream.next()).toEqual({ stream: ['user'], event: 'delete', payload: posted.id });

    // Not followed: nothing. The user's own: yes.
    server.post('carol', { text: 'unheard' });
    const own = server.post('alice', { text: 'me' });
    expect(JSON.parse(String((await stream.next()).payload))).toMatchObject({ id: own.id });
  });

  it('streams reblogs by followed accounts', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const bob = await tokenFor(server, 'bob');
    server.follow('alice', 'bob');
    const stream = await openStream(wsUrl(server, `stream=user&access_token=${encodeURIComponent(alice)}`));
    const original = server.post('carol', { text: 'worth sharing' });
    const wrapper = await status(await act(server, bob, original.id, 'reblog'));
    const message = await stream.next();
    expect(JSON.parse(String(message.payload))).toMatchObject({ id: wrapper.id, reblog: { id: original.id } });
    await act(server, bob, original.id, 'unreblog');
    expect(await stream.next()).toMatchObject({ event: 'delete', payload: wrapper.id });
  });

  it('takes the token as Sec-WebSocket-Protocol and subscribes by message', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const stream = await openStream(wsUrl(server, ''), token);
    expect(stream.socket.protocol).toBe(token);
    stream.socket.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'Cats' }));
    stream.socket.send(JSON.stringify({ type: 'subscribe', stream: 'nothing' }));
    // Messages are handled in order: the error for the second one means the first one is in place.
    expect(await stream.next()).toEqual({ error: 'Unknown stream type', status: 400 });
    const tagged = server.post('carol', { text: 'look #cats' });
    const message = await stream.next();
    expect(message).toMatchObject({ stream: ['hashtag', 'Cats'], event: 'update' });
    expect(JSON.parse(String(message.payload))).toMatchObject({ id: tagged.id });
    expect(JSON.parse(String(message.payload))).not.toHaveProperty('favourited');
  });

  it('refuses the upgrade with 401 for a missing or invalid token', async () => {
    const server = await start();
    expect(await refusedUpgrade(wsUrl(server, 'stream=user'))).toEqual({ status: 401, message: 'Missing access token' });
    expect(await refusedUpgrade(wsUrl(server, 'stream=user&access_token=nope'))).toEqual({ status: 401, message: 'Invalid access token' });
    expect(await refusedUpgrade(wsUrl(server, 'stream=user'), 'nope')).toEqual({ status: 401, message: 'Invalid access token' });
    expect(await refusedUpgrade(wsUrl(server, `stream=user&access_token=${await appToken(server)}`))).toMatchObject({ status: 401 });
    expect(server.requests.filter((r) => r.path === '/api/v1/streaming').map((r) => r.status)).toEqual([401, 401, 401, 401]);
  });

  it('tells a token without read:statuses that it cannot have the user stream', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice', 'write');
    const stream = await openStream(wsUrl(server, `stream=user&access_token=${token}`));
    expect(await stream.next()).toEqual({ error: 'Access token does not have the required scopes', status: 401 });
  });

  it('closes the stream when the token is revoked', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const stream = await openStream(wsUrl(server, `stream=user&access_token=${token}`));
    const closed = new Promise<void>((resolve) => stream.socket.once('close', () => resolve()));
    server.revokeTokensOf('alice');
    await closed;
  });

  it('serves the same events as server-sent events', async () => {
    const server = await start();
    const token = await tokenFor(server, 'alice');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/streaming/user`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body?.getReader();
    const posted = server.post('alice', { text: 'over sse' });
    const decoder = new TextDecoder();
    let text = '';
    while (reader && !text.includes('\n\n')) {
      const chunk: ReadableStreamReadResult<Uint8Array> = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(text).toMatch(/^:\)\nevent: update\ndata: \{/);
    expect(text).toContain(`"id":"${posted.id}"`);
    controller.abort();
    const unknown = await get(`${server.url}/api/v1/streaming/elsewhere`, token);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'Unknown channel requested' });
    expect((await get(`${server.url}/api/v1/streaming/user`)).status).toBe(401);
  });

  it('without streaming (streaming: false) everything streaming answers 404', async () => {
    const server = await start({ streaming: false });
    expect((await fetch(`${server.url}/api/v1/streaming/health`)).status).toBe(404);
    const token = await tokenFor(server, 'alice');
    expect((await get(`${server.url}/api/v1/streaming/user`, token)).status).toBe(404);
    expect((await refusedUpgrade(wsUrl(server, `stream=user&access_token=${token}`))).status).toBe(404);
    // The rest of the API is unaffected.
    expect((await get(`${server.url}/api/v1/timelines/home`, token)).status).toBe(200);
  });
});

describe('text rendering', () => {
  it('escapes, keeps short links whole and leaves unknown mentions as text', async () => {
    const server = await start();
    const posted = server.post('alice', { text: 'a < b "q" it\'s\n@nobody and http://example.com/x and mail@example.com' });
    expect(posted.content).toBe(
      '<p>a &lt; b &quot;q&quot; it&#39;s<br />@nobody and <a href="http://example.com/x" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">http://</span><span class="">example.com/x</span><span class="invisible"></span></a> and mail@example.com</p>',
    );
    expect(posted.mentions).toEqual([]);
  });

  it('shows the domain of a mention only when two mentioned accounts share a username', async () => {
    const server = await start();
    server.addRemoteAccount('bob@other.example');
    const both = server.post('alice', { text: '@bob @bob@other.example' });
    expect(both.content).toContain('@<span>bob</span>');
    expect(both.content).toContain('@<span>bob@other.example</span>');
    expect(both.mentions.map((m) => m.acct)).toEqual(['bob', 'bob@other.example']);
    const one = server.post('alice', { text: '@bob@other.example' });
    expect(one.content).toContain('href="https://other.example/@bob" class="u-url mention">@<span>bob</span>');
  });
});
