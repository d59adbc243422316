// The harness itself, against the real local network (PLC + PDS + AppView): app-password
// sign-in, server-side createSession counting, session resume, AppView reads, handle
// resolution and server-side revocation. Needs PostgreSQL (apt-get install postgresql).
import { AtpAgent, XRPCError } from '@atproto/api';
import type { AtpSessionData, AtpSessionEvent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlueskyNetwork } from './bluesky-network.ts';
import type { BlueskyNetwork, BlueskyUser } from './bluesky-network.ts';

const AUTH_ERRORS = ['ExpiredToken', 'InvalidToken', 'AuthRequired'];

let network: BlueskyNetwork;
let alice: BlueskyUser;
let bob: BlueskyUser;

const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;

beforeAll(async () => {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  network = await startBlueskyNetwork();
  console.log(`[bluesky-network] start: ${Math.round(performance.now() - started)} ms, RSS ${mb(rssBefore)} → ${mb(process.memoryUsage().rss)}`);
}, 120_000);

afterAll(async () => {
  const started = performance.now();
  await network?.close();
  console.log(`[bluesky-network] close: ${Math.round(performance.now() - started)} ms`);
}, 60_000);

/** Expects an XRPC auth failure (400 ExpiredToken/InvalidToken or 401). */
async function expectAuthError(promise: Promise<unknown>): Promise<XRPCError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XRPCError);
  const xrpc = error as XRPCError;
  expect(Number(xrpc.status) === 401 || AUTH_ERRORS.includes(xrpc.error)).toBe(true);
  return xrpc;
}

describe('local Bluesky network harness', () => {
  it('creates users with an app password and a profile', async () => {
    alice = await network.createUser({ handle: 'alice.test', displayName: 'Alice Example' });
    bob = await network.createUser({ handle: 'bob.test' });
    expect(alice.did).toMatch(/^did:plc:/);
    expect(alice.handle).toBe('alice.test');
    expect(alice.appPassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    expect(bob.did).not.toBe(alice.did);
    expect(network.pdsUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(network.createSessionCount()).toBe(0); // creating users signs in no one
  });

  it('counts each app-password login once, on the server', async () => {
    const before = network.createSessionCount();
    const agentA = new AtpAgent({ service: network.pdsUrl });
    await agentA.login({ identifier: alice.handle, password: alice.appPassword });
    expect(network.createSessionCount()).toBe(before + 1);
    expect(network.createSessionCount(alice)).toBe(1);

    const agentB = new AtpAgent({ service: network.pdsUrl });
    await agentB.login({ identifier: bob.handle, password: bob.appPassword });
    expect(network.createSessionCount()).toBe(before + 2);
    expect(network.createSessionCount(bob)).toBe(1);
    expect(network.createSessionCount(alice)).toBe(1);
    expect(agentA.session?.did).toBe(alice.did);
    expect(agentA.pdsUrl?.origin).toBe(new URL(network.pdsUrl).origin); // enableDidDocWithSession

    // A failed login is a createSession too.
    await expectAuthError(new AtpAgent({ service: network.pdsUrl }).login({ identifier: bob.handle, password: 'wrong-password' }));
    expect(network.createSessionCount()).toBe(before + 3);
    expect(network.createSessionCount(bob.handle)).toBe(2);
    expect(network.createSessionCount(bob)).toBe(2); // handle, DID or email
  });

  it('resumes a saved session without a new createSession', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: alice.handle, password: alice.appPassword });
    const saved: AtpSessionData = structuredClone(agent.session!);
    const count = network.createSessionCount();

    const resumed = new AtpAgent({ service: network.pdsUrl });
    await resumed.resumeSession(saved);
    expect(resumed.session?.did).toBe(alice.did);
    const { data } = await resumed.com.atproto.server.getSession();
    expect(data.handle).toBe(alice.handle);
    expect(network.createSessionCount()).toBe(count);
  });

  it('serves the profile through the AppView after processAll, and resolves the handle on the PDS', async () => {
    await network.processAll();
    const appView = new AtpAgent({ service: network.appViewUrl });
    const { data: profile } = await appView.app.bsky.actor.getProfile({ actor: alice.handle });
    expect(profile.did).toBe(alice.did);
    expect(profile.displayName).toBe('Alice Example');
    const { data: bobProfile } = await appView.app.bsky.actor.getProfile({ actor: bob.did });
    expect(bobProfile.displayName).toBe('bob');

    const pds = new AtpAgent({ service: network.pdsUrl });
    const { data: resolved } = await pds.com.atproto.identity.resolveHandle({ handle: alice.handle });
    expect(resolved.did).toBe(alice.did);
  });

  it('after revokeAppPasswords, the saved session can neither refresh nor call', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: bob.handle, password: bob.appPassword });
    const saved = structuredClone(agent.session!);
    const resumed = new AtpAgent({ service: network.pdsUrl });
    await resumed.resumeSession(saved); // rotates the refresh token: keep the newest session
    const current = structuredClone(resumed.session!);
    const withAccountPassword = new AtpAgent({ service: network.pdsUrl });
    await withAccountPassword.login({ identifier: bob.email, password: bob.password });
    const accountSession = structuredClone(withAccountPassword.session!);

    await network.revokeAppPasswords(bob.did);

    // A call with the (stateless) access JWT: the PDS answers ExpiredToken, the agent tries to
    // refresh, the refresh is refused as revoked, and the agent drops the session.
    const events: AtpSessionEvent[] = [];
    const caller = new AtpAgent({ service: network.pdsUrl, persistSession: (event) => void events.push(event) });
    // Set the session without resumeSession's refresh: what a client holding tokens has.
    caller.sessionManager.session = structuredClone(current);
    const callError = await expectAuthError(caller.com.atproto.server.getSession());
    expect(callError.error).toBe('ExpiredToken');
    expect(events).toContain('expired');
    expect(caller.session).toBeUndefined();

    // Resuming (forces a refresh) fails with an auth error too.
    const refreshError = await expectAuthError(new AtpAgent({ service: network.pdsUrl }).resumeSession(current));
    expect(refreshError.error).toBe('ExpiredToken');
    expect(refreshError.message).toMatch(/revoked/i);

    // Sessions made with the account password end too.
    await expectAuthError(new AtpAgent({ service: network.pdsUrl }).resumeSession(accountSession));

    // The app password is gone: signing in with it fails…
    await expectAuthError(new AtpAgent({ service: network.pdsUrl }).login({ identifier: bob.handle, password: bob.appPassword }));
    // …and a new one works, with fresh tokens that are not revoked.
    const fresh = new AtpAgent({ service: network.pdsUrl });
    await fresh.login({ identifier: bob.handle, password: await network.createAppPassword(bob.did) });
    const { data } = await fresh.com.atproto.server.getSession();
    expect(data.did).toBe(bob.did);

    // Alice is untouched.
    const aliceAgent = new AtpAgent({ service: network.pdsUrl });
    await aliceAgent.login({ identifier: alice.handle, password: alice.appPassword });
    await aliceAgent.com.atproto.server.getSession();
  });
});
