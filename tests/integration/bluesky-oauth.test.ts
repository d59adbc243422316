// Bluesky OAuth (PAR + PKCE + DPoP, loopback client, loopback redirect on 127.0.0.1) against the
// local dev-env PDS, which is its own authorization server on http://localhost:PORT.
//
// The "user in the browser" is played without a browser: the PDS's sign-in page is a React app
// over JSON endpoints (@atproto/oauth-provider, router/create-api-middleware.js). This test calls
// them as that page would: the same cookies (dev-id, ses-id, csrf-token), the x-csrf-token header,
// Origin, Referer (the authorize page, which names the request_uri) and Sec-Fetch-* headers.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueskyOAuth } from '../../electron/core/networks/bluesky/oauth-sign-in.ts';
import type { OAuthSessionStorage } from '../../electron/core/networks/bluesky/oauth-sign-in.ts';
import { startBlueskyNetwork } from '../support/bluesky-network.ts';
import type { BlueskyNetwork, BlueskyUser } from '../support/bluesky-network.ts';

let network: BlueskyNetwork;
let alice: BlueskyUser;
const suffix = randomBytes(3).toString('hex');
const saved = new Map<string, string>();
const storage: OAuthSessionStorage = {
  get: (key) => saved.get(key),
  set: (key, value) => void saved.set(key, value),
  del: (key) => void saved.delete(key),
};

beforeAll(async () => {
  network = await startBlueskyNetwork();
  alice = await network.createUser({ handle: `oauth-${suffix}.test`, displayName: 'Alice via OAuth' });
  await network.processAll();
}, 180_000);
afterAll(async () => network?.close(), 180_000);

const oauth = () => createBlueskyOAuth({ directory: { plcUrl: network.plcUrl, entryway: network.pdsUrl }, stores: { sessions: storage } });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request exactly as given, as a browser would send it. Not fetch(): undici writes its
 * own Sec-Fetch-Mode ("cors"), and the PDS checks those headers.
 */
async function browserRequest(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Plays the user on the PDS's authorization page; returns the loopback listener's answer. */
async function actInThePdsPage(
  authorizeUrl: string,
  user: BlueskyUser,
  decision: 'approve' | 'decline' = 'approve',
  beforeFollowing?: (location: URL) => Promise<void>,
): Promise<Answer> {
  const jar = new Map<string, string>();
  const keep = (answer: Answer) => {
    for (const cookie of answer.headers['set-cookie'] ?? []) {
      const pair = cookie.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const origin = new URL(authorizeUrl).origin;
  const userAgent = 'Mozilla/5.0 (braid-test)';
  const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'user-agent': userAgent };

  // 1. The browser opens the authorize URL (coming from the app: a cross-site navigation).
  const page = await browserRequest(authorizeUrl, 'GET', { ...navigate, 'sec-fetch-site': 'cross-site' });
  keep(page);
  expect(page.status, /__errorData.*?;/.exec(page.body)?.[0]).toBe(200);
  expect(jar.get('csrf-token')).toBeTruthy();

  const api = async (endpoint: string, body: unknown): Promise<Record<string, unknown>> => {
    const answer = await browserRequest(
      `${origin}/@atproto/oauth-provider/~api${endpoint}`,
      'POST',
      {
        'content-type': 'application/json',
        origin,
        referer: authorizeUrl,
        'sec-fetch-mode': 'same-origin',
        'sec-fetch-site': 'same-origin',
        'sec-fetch-dest': 'empty',
        'user-agent': userAgent,
        'x-csrf-token': jar.get('csrf-token') ?? '',
        cookie: cookie(),
      },
      JSON.stringify(body),
    );
    keep(answer);
    if (answer.status !== 200) throw new Error(`${endpoint}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as Record<string, unknown>;
  };

  // 2. The user types the account password on the PDS's page (Braid never sees it), then
  //    consents, or declines.
  let decided: Record<string, unknown>;
  if (decision === 'approve') {
    const signedIn = await api('/sign-in', { locale: 'en', username: user.handle, password: user.password, remember: true });
    expect(signedIn.account).toMatchObject({ did: user.did });
    decided = await api('/consent', { did: user.did });
  } else {
    decided = await api('/reject', {});
  }
  expect(typeof decided.url).toBe('string');

  // 3. The page navigates to the redirect endpoint, which answers 303 to the loopback redirect.
  const redirect = await browserRequest(String(decided.url), 'GET', { ...navigate, 'sec-fetch-site': 'same-origin', referer: authorizeUrl, cookie: cookie() });
  expect(redirect.status, redirect.body.slice(0, 300)).toBe(303);
  const location = redirect.headers.location ?? '';
  expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);

  // 4. The browser follows it to Braid's listener.
  await beforeFollowing?.(new URL(location));
  return browserRequest(location, 'GET', { ...navigate, 'sec-fetch-site': 'cross-site' });
}

describe('Bluesky OAuth sign-in (loopback client) on the local network', () => {
  it('signs in through the PDS’s own page and gets a DPoP-bound session that works', async () => {
    const client = oauth();
    const { authorizeUrl, flowId } = await client.begin(`@${alice.handle}`);
    expect(new URL(authorizeUrl).origin).toBe(new URL(network.pdsUrl).origin);
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toMatch(/^http:\/\/localhost\?/);
    expect(new URL(authorizeUrl).searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/); // PAR

    const answer = await actInThePdsPage(authorizeUrl, alice);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Signed in');

    const identity = await client.await(flowId);
    expect(identity).toEqual({ did: alice.did, handle: alice.handle, pdsUrl: expect.stringMatching(new RegExp(`^${network.pdsUrl}/?$`)) as string });

    // The session is stored (JSON, DPoP key included) under the DID.
    const stored = JSON.parse(saved.get(alice.did) ?? 'null') as { tokenSet?: { token_type?: string; sub?: string }; dpopJwk?: { d?: string } } | null;
    expect(stored?.tokenSet).toMatchObject({ token_type: 'DPoP', sub: alice.did });
    expect(stored?.dpopJwk?.d).toBeTruthy();

    const agent = await client.restore(alice.did);
    const { data: session } = await agent.com.atproto.server.getSession();
    expect(session).toMatchObject({ did: alice.did, handle: alice.handle });
    const { data: profile } = await agent.app.bsky.actor.getProfile({ actor: alice.did }); // proxied to the AppView
    expect(profile.displayName).toBe('Alice via OAuth');
    // No app password, no createSession.
    expect(network.createSessionCount(alice)).toBe(0);
  });

  it('a new client instance (an app restart) restores the stored session and can write', async () => {
    const agent = await oauth().restore(alice.did);
    const { data } = await agent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'Posted with an OAuth session', createdAt: new Date().toISOString() },
    });
    expect(data.uri).toMatch(new RegExp(`^at://${alice.did}/app.bsky.feed.post/`));
  });

  it('refreshes an expired access token by itself, rotating the refresh token in the store', async () => {
    type Stored = { tokenSet: { access_token: string; refresh_token?: string; expires_at?: string } };
    const before = JSON.parse(saved.get(alice.did) ?? '{}') as Stored;
    saved.set(alice.did, JSON.stringify({ ...before, tokenSet: { ...before.tokenSet, expires_at: new Date(Date.now() - 60_000).toISOString() } }));
    const agent = await oauth().restore(alice.did);
    const after = JSON.parse(saved.get(alice.did) ?? '{}') as Stored;
    expect(after.tokenSet.access_token).not.toBe(before.tokenSet.access_token);
    expect(after.tokenSet.refresh_token).toBeTruthy();
    expect(after.tokenSet.refresh_token).not.toBe(before.tokenSet.refresh_token);
    expect((await agent.com.atproto.server.getSession()).data.did).toBe(alice.did);
  });

  it('ignores a stray request to the loopback listener, and reports a declined sign-in', async () => {
    const client = oauth();
    const { authorizeUrl, flowId } = await client.begin(alice.did); // by DID, this time
    const waiting = client.await(flowId);
    waiting.catch(() => undefined);

    // Another local page hitting the listener with a state it does not wait for changes nothing.
    const stray = async (location: URL) => {
      const forged = await fetch(`${location.origin}/callback?state=forged&code=forged&iss=${encodeURIComponent(location.searchParams.get('iss') ?? '')}`);
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('Not this sign-in');
    };
    const answer = await actInThePdsPage(authorizeUrl, alice, 'decline', stray);
    expect(answer.body).toContain('Not signed in');
    await expect(waiting).rejects.toMatchObject({ code: 'invalid_input', message: 'You declined access on the server’s page.' });
  });

  it('signs in by e-mail address: the entryway’s page asks which account, with no login hint', async () => {
    const client = oauth();
    const { authorizeUrl, flowId } = await client.begin(alice.email);
    expect(new URL(authorizeUrl).origin).toBe(new URL(network.pdsUrl).origin);
    const answer = await actInThePdsPage(authorizeUrl, { ...alice, handle: alice.email });
    expect(answer.body).toContain('Signed in');
    expect(await client.await(flowId)).toMatchObject({ did: alice.did, handle: alice.handle });
  });

  it('explains an unknown handle, and a session that is gone', async () => {
    await expect(oauth().begin(`nobody-${suffix}.test`)).rejects.toMatchObject({ code: 'not_found' });
    await expect(oauth().restore('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'auth_expired' });
  });

  it('sign-out revokes the tokens and forgets the session', async () => {
    await oauth().signOut(alice.did);
    expect(saved.has(alice.did)).toBe(false);
    await expect(oauth().restore(alice.did)).rejects.toMatchObject({ code: 'auth_expired' });
  });
});
