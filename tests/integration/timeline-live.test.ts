import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { LiveUpdatesOptions } from '../../electron/core/timeline/live-updates.ts';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { texts, viewAfter } from '../support/timeline-texts.ts';

// A minute is far too long for a test: the same behaviour on a shorter clock.
const liveUpdates: LiveUpdatesOptions = {
  coalesceMs: 50,
  pollMs: 500,
  peekMs: 500,
  reconnectBaseMs: 50,
  reconnectCapMs: 400,
  streamingRetryMs: 60_000,
};

/** Resolves on the next `timeline.updated` naming the account. */
function nextUpdate(braid: CoreHarness, accountId: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no timeline.updated for ${accountId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = braid.core.events.subscribe((event, payload) => {
      if (event !== 'timeline.updated' || !(payload as { accounts: string[] }).accounts.includes(accountId)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** A server where amy follows zed, a core signed in as amy, its timeline loaded. */
async function mastodonReader(options: MastodonServerOptions = {}) {
  const server = await startMastodonServer(options);
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1' });
  server.follow('amy', 'zed');
  server.post('zed', { text: 'before', createdAt: new Date(Date.UTC(2026, 10, 25, 9)) });
  const braid = startCore({ liveUpdates });
  const accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  expect(texts(await viewAfter(braid, 'timeline.refresh'))).toEqual(['before']);
  return { server, braid, accountId };
}

const upgrades = (server: MastodonTestServer, status: number) => server.requests.filter((r) => r.path === '/api/v1/streaming' && r.status === status).length;
const timelineRequests = (server: MastodonTestServer) => server.requests.filter((r) => r.path === '/api/v1/timelines/home').length;

describe('Mastodon live updates', () => {
  let reader: Awaited<ReturnType<typeof mastodonReader>>;
  beforeAll(async () => {
    reader = await mastodonReader();
    await vi.waitFor(() => expect(upgrades(reader.server, 101)).toBe(1), { timeout: 10_000 });
  });
  afterAll(async () => {
    reader?.braid.close();
    await reader?.server.close();
  });

  it('adds a status posted after the stream opened, and says so', async () => {
    const { server, braid, accountId } = reader;
    const fetchedBefore = timelineRequests(server);
    const updated = nextUpdate(braid, accountId);
    server.post('zed', { text: 'streamed' });
    await updated;
    expect(texts(await braid.value('timeline.view'))).toEqual(['streamed', 'before']);
    expect(timelineRequests(server)).toBe(fetchedBefore); // it came on the stream, not from a page
  });

  it('shows an edit in place and removes a deleted status', async () => {
    const { server, braid, accountId } = reader;
    const status = server.post('zed', { text: 'to be edited' });
    await vi.waitFor(async () => expect(texts(await braid.value('timeline.view'))).toContain('to be edited'));
    let updated = nextUpdate(braid, accountId);
    server.editStatus(status.id, { text: 'edited' });
    await updated;
    expect(texts(await braid.value('timeline.view'))).toEqual(['edited', 'streamed', 'before']);
    updated = nextUpdate(braid, accountId);
    server.deleteStatus(status.id);
    await updated;
    expect(texts(await braid.value('timeline.view'))).toEqual(['streamed', 'before']);
  });

  it('keeps the cache up to date with what streamed in', async () => {
    reader.braid = reader.braid.restart();
    expect(texts(await reader.braid.value('timeline.view'))).toEqual(['streamed', 'before']);
  });

  it('reconnects after the streaming server restarts, and catches up on what it missed', async () => {
    const { server, braid, accountId } = reader;
    await vi.waitFor(() => expect(upgrades(server, 101)).toBe(2), { timeout: 10_000 }); // the restarted core's stream
    const caughtUp = nextUpdate(braid, accountId);
    server.restartStreaming();
    server.post('zed', { text: 'while reconnecting' });
    await caughtUp;
    await vi.waitFor(() => expect(upgrades(server, 101)).toBe(3), { timeout: 10_000 });
    expect(texts(await braid.value('timeline.view'))).toContain('while reconnecting');

    const fetchedBefore = timelineRequests(server);
    const updated = nextUpdate(braid, accountId);
    server.post('zed', { text: 'after reconnecting' });
    await updated;
    expect(texts(await braid.value('timeline.view'))[0]).toBe('after reconnecting');
    expect(timelineRequests(server)).toBe(fetchedBefore);
  });

  it('a revoked token makes the account ask to sign in again, and its stream stop', async () => {
    const { server, braid, accountId } = reader;
    const expired = new Promise<void>((resolve) => {
      const stop = braid.core.events.subscribe((event, payload) => {
        if (event !== 'accounts.changed' || !(payload as { id: string; status: string }[]).some((a) => a.id === accountId && a.status === 'auth_expired')) return;
        stop();
        resolve();
      });
    });
    server.revokeTokensOf('amy');
    await expired;
    const refused = upgrades(server, 401);
    expect(refused).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(upgrades(server, 401)).toBe(refused); // no more tries
  });
});

describe('Mastodon without streaming', () => {
  it('polls the newest page instead, about once a poll interval', async () => {
    const { server, braid, accountId } = await mastodonReader({ streaming: false });
    try {
      await vi.waitFor(() => expect(upgrades(server, 404)).toBe(1), { timeout: 10_000 });
      const updated = nextUpdate(braid, accountId);
      server.post('zed', { text: 'polled' });
      await updated;
      expect(texts(await braid.value('timeline.view'))).toEqual(['polled', 'before']);
      expect(upgrades(server, 101)).toBe(0);
    } finally {
      braid.close();
      await server.close();
    }
  });
});

describe('Bluesky peeks while focused', () => {
  let network: BlueskyNetworkClient;
  let braid: CoreHarness;
  let accountId: string;
  let writer: AtpAgent;
  let pdsPort = '';
  const suffix = randomBytes(3).toString('hex');
  // Every request to the PDS (agents take the global fetch when they are made).
  const realFetch = globalThis.fetch;
  const requests: string[] = [];

  beforeAll(async () => {
    globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.port === pdsPort) requests.push(url.pathname);
      return realFetch(input, init);
    };
    network = await connectBlueskyNetwork(inject('blueskyNetwork'));
    pdsPort = new URL(network.pdsUrl).port;
    const r = await network.createUser({ handle: `lreader-${suffix}.test` });
    const w = await network.createUser({ handle: `lwriter-${suffix}.test` });
    writer = new AtpAgent({ service: network.pdsUrl });
    await writer.login({ identifier: w.handle, password: w.appPassword });
    const readerAgent = new AtpAgent({ service: network.pdsUrl });
    await readerAgent.login({ identifier: r.handle, password: r.appPassword });
    await readerAgent.follow(w.did);
    await writer.post({ text: 'first', createdAt: new Date(Date.now() - 60_000).toISOString() });
    await network.processAll();
    braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates });
    accountId = (await braid.value('accounts.bluesky.signIn', { identifier: r.handle, password: r.appPassword })).id;
    expect(texts(await viewAfter(braid, 'timeline.refresh'))).toEqual(['first']);
  }, 180_000);
  afterAll(() => {
    globalThis.fetch = realFetch;
    braid?.close();
  });

  it('picks up a new post at the next peek', async () => {
    await braid.value('timeline.setFocused', { focused: true });
    const updated = nextUpdate(braid, accountId, 15_000);
    await writer.post({ text: 'peeked' });
    await network.processAll();
    await updated;
    expect(texts(await braid.value('timeline.view'))).toEqual(['peeked', 'first']);
  }, 30_000);

  it('asks nothing while no window has focus', async () => {
    await braid.value('timeline.setFocused', { focused: false });
    await new Promise((resolve) => setTimeout(resolve, 200)); // a peek under way may finish
    const before = requests.length;
    await new Promise((resolve) => setTimeout(resolve, (liveUpdates.peekMs ?? 0) * 4));
    expect(requests.slice(before)).toEqual([]);
  });
});
