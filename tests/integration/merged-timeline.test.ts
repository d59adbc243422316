import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postKey } from '../../shared/domain/post-key.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork } from '../support/bluesky-global-setup.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { texts, viewAfter } from '../support/timeline-texts.ts';

let mastodon: MastodonTestServer;
let braid: CoreHarness;
let mastodonId: string;
const suffix = randomBytes(3).toString('hex');
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 25, 9, minute, second));

beforeAll(async () => {
  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'zed', password: 'zed-password-1' });
  mastodon.follow('amy', 'zed');
  for (let i = 0; i < 6; i++) mastodon.post('zed', { text: `mastodon ${i}`, createdAt: at(i * 2) });

  const network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  const reader = await network.createUser({ handle: `mreader-${suffix}.test` });
  const writer = await network.createUser({ handle: `mwriter-${suffix}.test` });
  const writerAgent = new AtpAgent({ service: network.pdsUrl });
  await writerAgent.login({ identifier: writer.handle, password: writer.appPassword });
  const readerAgent = new AtpAgent({ service: network.pdsUrl });
  await readerAgent.login({ identifier: reader.handle, password: reader.appPassword });
  await readerAgent.follow(writer.did);
  for (let i = 0; i < 6; i++) await writerAgent.post({ text: `bluesky ${i}`, createdAt: at(i * 2 + 1).toISOString() });
  await network.processAll();

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
  mastodonId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword });
}, 180_000);
afterAll(async () => {
  braid?.close();
  await mastodon?.close().catch(() => undefined); // the second test already stopped it
});

describe('the merged home timeline, through the contract', () => {
  it('merges both networks’ timelines by time', async () => {
    const view = await viewAfter(braid, 'timeline.refresh');
    expect(texts(view)).toEqual(['bluesky 5', 'mastodon 5', 'bluesky 4', 'mastodon 4', 'bluesky 3', 'mastodon 3', 'bluesky 2', 'mastodon 2', 'bluesky 1', 'mastodon 1', 'bluesky 0', 'mastodon 0']);
    expect(view.accounts.map((a) => a.error)).toEqual([null, null]);
    expect(await braid.value('timeline.view')).toEqual(view);
  });

  it('answers only the newest items for a first screen, reaching past the reading position', async () => {
    const full = await braid.value('timeline.view');
    const first = await braid.value('timeline.view', { limit: 3 });
    expect(texts(first)).toEqual(texts(full).slice(0, 3));
    expect(first.hasMore).toBe(true);
    await braid.value('timeline.position.set', { key: postKey(full.items[5]!.posts[0]!), offset: 0 });
    expect(texts(await braid.value('timeline.view', { limit: 2 }))).toEqual(texts(full).slice(0, 8));
    expect(await braid.value('timeline.view', { limit: 50 })).toEqual(full);
  });

  it('one account’s server going down shows its error; the other keeps its timeline', async () => {
    await mastodon.close();
    const view = await viewAfter(braid, 'timeline.refresh');
    const failing = view.accounts.find((a) => a.accountId === mastodonId);
    expect(failing?.error).toMatchObject({ code: 'network', account: mastodonId });
    expect(texts(view).filter((t) => t.startsWith('bluesky'))).toHaveLength(6);
  });
});
