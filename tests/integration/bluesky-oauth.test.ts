// Bluesky OAuth (PAR + PKCE + DPoP, loopback client, loopback redirect on 127.0.0.1) against the
// local dev-env PDS, which is its own authorization server on http://localhost:PORT.
//
// The "user in the browser" is played without a browser: the PDS's sign-in page is a React app
// over JSON endpoints (@atproto/oauth-provider, router/create-api-middleware.js). This test calls
// them as that page would: the same cookies (dev-id, ses-id, csrf-token), the x-csrf-token header,
// Origin, Referer (the authorize page, which names the request_uri) and Sec-Fetch-* headers.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createBlueskyOAuth } from '../../electron/core/networks/bluesky/oauth-sign-in.ts';
import type { OAuthSessionStorage } from '../../electron/core/networks/bluesky/oauth-sign-in.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { actInThePdsPage } from '../support/bluesky-oauth-user.ts';

let network: BlueskyNetworkClient;
let alice: BlueskyUser;
const suffix = randomBytes(3).toString('hex');
const saved = new Map<string, string>();
const storage: OAuthSessionStorage = {
  get: (key) => saved.get(key),
  set: (key, value) => void saved.set(key, value),
  del: (key) => void saved.delete(key),
};

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  alice = await network.createUser({ handle: `oauth-${suffix}.test`, displayName: 'Alice via OAuth' });
  await network.processAll();
}, 180_000);

const oauth = () => createBlueskyOAuth({ directory: { plcUrl: network.plcUrl, entryway: network.pdsUrl }, stores: { sessions: storage } });

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
    expect(await network.createSessionCount(alice)).toBe(0);
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
    const unknown = oauth().begin(`nobody-${suffix}.test`);
    await expect(unknown).rejects.toMatchObject({ code: 'not_found' });
    // In Braid's words, naming what was typed; never the library's ("Failed to resolve identity…").
    await expect(unknown).rejects.toThrow(`Could not find @nobody-${suffix}.test on Bluesky`);
    await expect(oauth().begin('not a handle')).rejects.toMatchObject({ code: 'invalid_input', message: '“not a handle” is not a Bluesky handle (like alice.bsky.social).' });
    await expect(oauth().restore('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa')).rejects.toMatchObject({ code: 'auth_expired' });
  });

  it('sign-out revokes the tokens and forgets the session', async () => {
    await oauth().signOut(alice.did);
    expect(saved.has(alice.did)).toBe(false);
    await expect(oauth().restore(alice.did)).rejects.toMatchObject({ code: 'auth_expired' });
  });
});
