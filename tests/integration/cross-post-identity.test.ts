import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TimelineView } from '../../shared/contract.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork } from '../support/bluesky-global-setup.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { viewAfter } from '../support/timeline-texts.ts';

let mastodon: MastodonTestServer;
let braid: CoreHarness;
let mastodonId: string;
let blueskyId: string;
let pdsPort = '';
let annHandle = '';
const suffix = randomBytes(3).toString('hex');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));
const annWords = 'Shipping day: the merged timeline now folds cross-posts into one item.';
const vicWords = 'Verified links on Mastodon are a neat way to say who you are elsewhere.';

// Every request the core sends to the Bluesky PDS (agents take the global fetch when made).
const realFetch = globalThis.fetch;
const blueskyRequests: string[] = [];
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (pdsPort && url.port === pdsPort) blueskyRequests.push(url.pathname);
  return realFetch(input, init);
};
const getProfilesCalls = () => blueskyRequests.filter((path) => path === '/xrpc/app.bsky.actor.getProfiles').length;
const mastodonCalls = () => mastodon.requests.filter((r) => r.path !== '/api/v1/streaming').map((r) => r.path);

beforeAll(async () => {
  const network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  pdsPort = new URL(network.pdsUrl).port;
  const reader = await network.createUser({ handle: `xreader-${suffix}.test` });
  const ann = await network.createUser({ handle: `ann-${suffix}.test` });
  const vic = await network.createUser({ handle: `vic-${suffix}.test` });
  annHandle = ann.handle;
  const agentOf = async (user: { handle: string; appPassword: string }) => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: user.handle, password: user.appPassword });
    return agent;
  };
  const annAgent = await agentOf(ann);
  await annAgent.upsertProfile((existing) => ({ ...existing, description: 'Writes Braid.\nAlso on Mastodon: https://social.example/@ann' }));
  await annAgent.post({ text: annWords, createdAt: at(2).toISOString() });
  await (await agentOf(vic)).post({ text: vicWords, createdAt: at(11).toISOString() });
  const readerAgent = await agentOf(reader);
  await readerAgent.follow(ann.did);
  await readerAgent.follow(vic.did);
  await network.processAll();

  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  for (const acct of ['ann@social.example', 'imp@fake.example', 'vic@social.example']) {
    mastodon.addRemoteAccount(acct, { createdAt: at(0) });
    mastodon.follow('amy', acct);
  }
  // Ann names her Bluesky account, and it names her back.
  mastodon.setProfile('ann@social.example', { fields: [{ name: 'Bluesky', value: `https://bsky.app/profile/${ann.handle}` }] });
  // An impostor names Ann's Bluesky account too, which does not name him.
  mastodon.setProfile('imp@fake.example', { note: `The real one: https://bsky.app/profile/${ann.handle}`, fields: [{ name: 'bsky', value: `@${ann.handle}` }] });
  // Vic's Bluesky profile says nothing, but Mastodon verified the link to it.
  mastodon.setProfile('vic@social.example', { fields: [{ name: 'Bluesky', value: `https://bsky.app/profile/${vic.handle}`, verifiedAt: at(0) }] });
  mastodon.post('ann@social.example', { text: annWords, createdAt: at(0) });
  mastodon.post('imp@fake.example', { text: annWords, createdAt: at(3) });
  mastodon.post('vic@social.example', { text: vicWords, createdAt: at(10) });

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
  mastodonId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  blueskyId = (await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword })).id;
}, 180_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  braid?.close();
  await mastodon?.close();
});

/** Each item as its posts' authors, newest first. */
const authorsOf = (view: TimelineView) => view.items.map((item) => item.posts.map((post) => post.author.handle));

function nextTimelineUpdate(): Promise<string[]> {
  return new Promise((resolve) => {
    const stop = braid.core.events.subscribe((event, payload) => {
      if (event !== 'timeline.updated') return;
      stop();
      resolve((payload as { accounts: string[] }).accounts);
    });
  });
}

describe('cross-posts of people whose profiles link their accounts', () => {
  it('collapses a two-way linked person once the Bluesky profile is read, a verified link at once, never the impostor', async () => {
    const updated = nextTimelineUpdate();
    const mastodonBefore = mastodonCalls().length;
    const blueskyBefore = blueskyRequests.length;
    const refreshed = await viewAfter(braid, 'timeline.refresh');
    // The refresh itself asks each account's server once; the Bluesky profile comes after, in the background.
    expect(mastodonCalls().slice(mastodonBefore)).toEqual(['/api/v1/timelines/home']);
    expect(blueskyRequests.slice(blueskyBefore).filter((path) => path === '/xrpc/app.bsky.feed.getTimeline')).toHaveLength(1);
    expect(authorsOf(refreshed)).toEqual([
      [`vic-${suffix}.test`, 'vic@social.example'],
      ['imp@fake.example'],
      [annHandle],
      ['ann@social.example'],
    ]);

    expect(new Set(await updated)).toEqual(new Set([mastodonId, blueskyId]));
    const view = await braid.value('timeline.view');
    expect(authorsOf(view)).toEqual([
      [`vic-${suffix}.test`, 'vic@social.example'],
      ['imp@fake.example'],
      [annHandle, 'ann@social.example'],
    ]);
    expect(view.items[2]!.posts.map((post) => post.network)).toEqual(['bluesky', 'mastodon']);
    expect(getProfilesCalls()).toBe(1);
  });

  it('asks for profiles only once: the next refreshes are one request per account', async () => {
    for (let i = 0; i < 2; i++) {
      const mastodonBefore = mastodonCalls().length;
      const blueskyBefore = blueskyRequests.length;
      const view = await viewAfter(braid, 'timeline.refresh');
      expect(mastodonCalls().slice(mastodonBefore)).toEqual(['/api/v1/timelines/home']);
      expect(blueskyRequests.slice(blueskyBefore)).toEqual(['/xrpc/app.bsky.feed.getTimeline']);
      expect(authorsOf(view)[2]).toEqual([annHandle, 'ann@social.example']);
    }
    expect(getProfilesCalls()).toBe(1);
  });
});
