/**
 * Search across every account, through the contract: a Mastodon account on the Mastodon test
 * server and a Bluesky account on the real local network. People on each network, one person on
 * both as one entry, posts found by words, a Mastodon address, a Bluesky handle and a post's web
 * address on either network naming where to jump, and a hashtag as one merged list, newest first.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SearchResults, TagPage } from '../../shared/contract.ts';
import { postKey } from '../../shared/domain/post.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

const suffix = randomBytes(3).toString('hex');
const tag = `baking${suffix}`;
let network: BlueskyNetworkClient;
let mastodon: MastodonTestServer;
let braid: CoreHarness;
let bea: BlueskyUser;
let beaPostUrl = '';
let tomPostUrl = '';
let mastodonId = '';
let blueskyId = '';

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  mastodon = await startMastodonServer();
  const [me, beaUser] = await Promise.all([network.createUser({ handle: `sme-${suffix}.test` }), network.createUser({ handle: `bakerbea-${suffix}.test`, displayName: 'Bea Baker' })]);
  bea = beaUser;
  const beaAgent = new AtpAgent({ service: network.pdsUrl });
  await beaAgent.login({ identifier: bea.handle, password: bea.appPassword });
  const text = `Sourdough tonight #${tag}`;
  const posted = await beaAgent.post({ text, facets: [{ index: { byteStart: text.indexOf('#'), byteEnd: text.length }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag }] }], createdAt: new Date(Date.now() - 5 * 60_000).toISOString() });
  beaPostUrl = `https://bsky.app/profile/${bea.handle}/post/${posted.uri.split('/').pop()}`;
  await network.processAll();

  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'bakertom', password: 'tom-password-1', displayName: 'Tom Baker' });
  mastodon.setProfile('bakertom', { fields: [{ name: 'Bluesky', value: `https://bsky.app/profile/${bea.handle}` }] });
  const toms = mastodon.post('bakertom', { text: `Rye bread, finally #${tag}`, createdAt: new Date(Date.now() - 10 * 60_000) });
  tomPostUrl = toms.url ?? '';

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates: false });
  mastodonId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  blueskyId = (await braid.value('accounts.bluesky.signIn', { identifier: me.handle, password: me.appPassword })).id;
}, 180_000);

afterAll(async () => {
  braid?.close();
  await mastodon?.close();
});

const search = (query: string): Promise<SearchResults> => braid.value('search.run', { query });

describe('search over every account', () => {
  it('finds people on each network, and a person on both (their profile names the other) as one entry', async () => {
    const { people, failures } = await search('baker');
    expect(failures).toEqual([]);
    const both = people.find((person) => person.length === 2);
    expect(both?.map((seen) => [seen.accountId, seen.author.network, seen.author.handle])).toEqual([
      [mastodonId, 'mastodon', `bakertom@${new URL(mastodon.url).host}`],
      [blueskyId, 'bluesky', bea.handle],
    ]);
  });

  it('jumps to the person a Mastodon address or a Bluesky handle names', async () => {
    const host = new URL(mastodon.url).host;
    const tom = await search(`@bakertom@${host}`);
    expect(tom.jump).toMatchObject({ kind: 'person', accountId: mastodonId });
    const profile = await braid.value('people.profile', { accountId: mastodonId, who: (tom.jump as { who: string }).who });
    expect(profile.author.handle).toBe(`bakertom@${host}`);

    const beaFound = await search(bea.handle);
    expect(beaFound.jump).toEqual({ kind: 'person', accountId: blueskyId, who: bea.did });
  });

  it('jumps to a post by its web address on either network, and the post can be acted on', async () => {
    const onBluesky = await search(beaPostUrl);
    expect(onBluesky.jump?.kind).toBe('post');
    const [blueskyItem] = onBluesky.items;
    expect(onBluesky.jump).toEqual({ kind: 'post', keys: blueskyItem!.posts.map(postKey) });

    const onMastodon = await search(tomPostUrl);
    expect(onMastodon.jump).toMatchObject({ kind: 'post' });
    const liked = await braid.value('post.like', { key: (onMastodon.jump as { keys: string[] }).keys[0]!, accountId: mastodonId, on: true });
    expect(liked.seenBy.find((sighting) => sighting.accountId === mastodonId)?.liked).toBe(true);
  });

  it('lists a hashtag from every account as one list, newest first', async () => {
    const page: TagPage = await braid.value('search.tag', { tag });
    const texts = page.items.map((item) => item.posts[0]!.content.kind === 'html' ? item.posts[0]!.content.html : item.posts[0]!.content.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Sourdough tonight');
    expect(texts[1]).toContain('Rye bread');
    expect(page.failures).toEqual([]);
  });
});
