import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from './index.ts';
import { tokenFor as tokenWith } from './test-token.ts';

/** Tokens of an app called `Braid Tests` with a website, which posts then name as their application. */
const tokenFor = (server: MastodonTestServer, username: string, scope?: string) =>
  tokenWith(server, username, scope, { client_name: 'Braid Tests', website: 'https://braid.example' });

const servers: MastodonTestServer[] = [];

async function start(): Promise<MastodonTestServer> {
  const server = await startMastodonServer();
  servers.push(server);
  for (const username of ['alice', 'bob', 'carol']) server.addUser({ username, password: `${username} pw` });
  return server;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});


function postStatus(server: MastodonTestServer, token: string | null, body: Record<string, string | boolean>, options: { json?: boolean; key?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.key) headers['Idempotency-Key'] = options.key;
  if (options.json) headers['Content-Type'] = 'application/json';
  const payload = options.json ? JSON.stringify(body) : new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]));
  return fetch(`${server.url}/api/v1/statuses`, { method: 'POST', headers, body: payload });
}

async function created(response: Response): Promise<MastodonStatus> {
  expect(response.status).toBe(200);
  return (await response.json()) as MastodonStatus;
}

describe('POST /api/v1/statuses', () => {
  it('posts a status from form data: a complete Status entity, in the author’s and followers’ feeds', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    server.follow('bob', 'alice');
    const status = await created(await postStatus(server, alice, { status: 'Hello https://example.com/a/very/long/path #braid' }));
    expect(status).toMatchObject({
      visibility: 'public',
      language: 'en',
      in_reply_to_id: null,
      sensitive: false,
      spoiler_text: '',
      favourited: false,
      reblogged: false,
      account: { username: 'alice' },
      application: { name: 'Braid Tests', website: 'https://braid.example' },
      tags: [{ name: 'braid' }],
    });
    expect(status.uri).toBe(`${server.url}/users/alice/statuses/${status.id}`);
    expect(status.content).toContain('<a href="https://example.com/a/very/long/path"');
    expect(server.statusesOf('alice').map((s) => s.id)).toEqual([status.id]);
    const bob = await tokenFor(server, 'bob');
    const home = (await (await fetch(`${server.url}/api/v1/timelines/home`, { headers: { Authorization: `Bearer ${bob}` } })).json()) as MastodonStatus[];
    expect(home.map((s) => s.id)).toEqual([status.id]);
  });

  it('posts a reply from JSON with its visibility, content warning, sensitivity and language', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const parent = server.post('bob', { text: 'a question' });
    const reply = await created(
      await postStatus(server, alice, { status: '@bob an answer', in_reply_to_id: parent.id, visibility: 'unlisted', spoiler_text: 'spoilers', sensitive: false, language: 'DE' }, { json: true }),
    );
    expect(reply).toMatchObject({
      in_reply_to_id: parent.id,
      in_reply_to_account_id: parent.account.id,
      visibility: 'unlisted',
      spoiler_text: 'spoilers',
      sensitive: true, // a content warning makes a status sensitive
      language: 'de',
      mentions: [{ username: 'bob' }],
    });
    const seen = (await (await fetch(`${server.url}/api/v1/statuses/${parent.id}`)).json()) as MastodonStatus;
    expect(seen.replies_count).toBe(1);
  });

  it('answers the status already made for an Idempotency-Key, per account, for one hour', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const first = await created(await postStatus(server, alice, { status: 'only once' }, { key: 'draft-1' }));
    const again = await created(await postStatus(server, alice, { status: 'only once' }, { key: 'draft-1' }));
    expect(again.id).toBe(first.id);
    // Mastodon looks the key up before anything else: even other parameters get the first status.
    expect((await created(await postStatus(server, alice, { status: 'changed' }, { key: 'draft-1' }))).id).toBe(first.id);
    expect(server.statusesOf('alice')).toHaveLength(1);

    // Keys belong to the account; another key is another status.
    const bob = await tokenFor(server, 'bob');
    expect((await created(await postStatus(server, bob, { status: 'only once' }, { key: 'draft-1' }))).id).not.toBe(first.id);
    expect((await created(await postStatus(server, alice, { status: 'only once' }, { key: 'draft-2' }))).id).not.toBe(first.id);
    expect(server.statusesOf('alice')).toHaveLength(2);

    vi.setSystemTime(Date.now() + 61 * 60 * 1000);
    expect((await created(await postStatus(server, alice, { status: 'only once' }, { key: 'draft-1' }))).id).not.toBe(first.id);
    expect(server.statusesOf('alice')).toHaveLength(3);
  });

  it('a key whose status was deleted since answers 404', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const first = await created(await postStatus(server, alice, { status: 'soon gone' }, { key: 'k' }));
    server.deleteStatus(first.id);
    const answer = await postStatus(server, alice, { status: 'soon gone' }, { key: 'k' });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ error: 'Record not found' });
  });

  it('refuses a blank or too long text and an unknown visibility with 422', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const refused = async (body: Record<string, string>) => {
      const answer = await postStatus(server, alice, body);
      expect(answer.status).toBe(422);
      return ((await answer.json()) as { error: string }).error;
    };
    expect(await refused({ status: '' })).toBe("Validation failed: Text can't be blank");
    expect(await refused({ status: '  \n ' })).toBe("Validation failed: Text can't be blank");
    expect(await refused({ spoiler_text: 'cw only' })).toBe("Validation failed: Text can't be blank");
    expect(await refused({ status: 'x'.repeat(501) })).toBe('Validation failed: Text character limit of 500 exceeded');
    expect(await refused({ status: 'x'.repeat(490), spoiler_text: 'twelve chars' })).toBe('Validation failed: Text character limit of 500 exceeded');
    expect(await refused({ status: 'hi', visibility: 'everyone' })).toBe("'everyone' is not a valid visibility");
    // A URL counts as 23 characters however long it is; graphemes count as one.
    const long = `${'x'.repeat(470)} https://example.com/${'p'.repeat(200)}`;
    expect((await postStatus(server, alice, { status: long })).status).toBe(200);
    expect((await postStatus(server, alice, { status: '👩‍👩‍👧‍👦'.repeat(500) })).status).toBe(200);
    expect(server.statusesOf('alice')).toHaveLength(2);
  });

  it('answers 404 for a reply to a status the poster cannot see', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const hidden = server.post('bob', { text: 'followers only', visibility: 'private' });
    for (const id of [hidden.id, '123456789']) {
      const answer = await postStatus(server, alice, { status: 'reply', in_reply_to_id: id });
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ error: 'The post you are trying to reply to does not appear to exist.' });
    }
    server.follow('alice', 'bob');
    expect((await created(await postStatus(server, alice, { status: 'reply', in_reply_to_id: hidden.id }))).in_reply_to_id).toBe(hidden.id);
  });

  it('needs a user token with write:statuses', async () => {
    const server = await start();
    expect((await postStatus(server, null, { status: 'x' })).status).toBe(401);
    expect((await postStatus(server, await tokenFor(server, 'alice', 'read'), { status: 'x' })).status).toBe(403);
    expect((await postStatus(server, await tokenFor(server, 'alice', 'write:statuses'), { status: 'x' })).status).toBe(200);
    const carol = await tokenFor(server, 'carol');
    server.revokeTokensOf('carol');
    const revoked = await postStatus(server, carol, { status: 'x' });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: 'The access token was revoked' });
  });
});

describe('simulated outage', () => {
  it('answers every API request with an HTML error page until it ends', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    server.simulateOutage(502);
    const broken = await postStatus(server, alice, { status: 'x' });
    expect(broken.status).toBe(502);
    expect(broken.headers.get('content-type')).toContain('text/html');
    expect(await broken.text()).toContain('<h1>502 Bad Gateway</h1>');
    expect(server.statusesOf('alice')).toEqual([]);
    server.simulateOutage(null);
    expect((await postStatus(server, alice, { status: 'x' })).status).toBe(200);
  });
});
