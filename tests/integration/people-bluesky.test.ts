/**
 * People on Bluesky through the contract, on the real local network: a profile as each of the
 * user's accounts sees it (counts, a bio with its links, "follows you"), the person's posts by tab
 * page after page (getAuthorFeed's filters), follow from a second account (one record, however
 * often asked), and mute and block taking the person's posts out of the merged timeline at once.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Author, Post } from '../../shared/domain/post.ts';
import type { ProfileTab } from '../../shared/domain/profile.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';

const suffix = randomBytes(3).toString('hex');
// A 1×1 PNG: enough for the PDS to accept an image blob.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let network: BlueskyNetworkClient;
let braid: CoreHarness;
let bird: BlueskyUser;
let wren: BlueskyUser;
let me: string;
let second: string;
let myAgent: AtpAgent;
let secondAgent: AtpAgent;

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

/** The account's records of a kind (follows, blocks) that name `subject`: what its repository really holds. */
async function recordsAbout(agent: AtpAgent, collection: string, subject: string): Promise<number> {
  const { data } = await agent.com.atproto.repo.listRecords({ repo: agent.assertDid, collection, limit: 100 });
  return data.records.filter((record) => (record.value as { subject?: string }).subject === subject).length;
}

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  const [meUser, secondUser, birdUser, wrenUser] = await Promise.all([
    network.createUser({ handle: `pme-${suffix}.test` }),
    network.createUser({ handle: `ptwo-${suffix}.test` }),
    network.createUser({ handle: `pbird-${suffix}.test`, displayName: 'Bird' }),
    network.createUser({ handle: `pwren-${suffix}.test`, displayName: 'Wren' }),
  ]);
  [bird, wren] = [birdUser, wrenUser];
  const [mine, birdAgent, wrenAgent] = await Promise.all([agentOf(meUser), agentOf(birdUser), agentOf(wrenUser)]);
  [myAgent, secondAgent] = [mine, await agentOf(secondUser)];
  await birdAgent.upsertProfile((profile) => ({ ...profile, displayName: 'Bird', description: 'Birds all day https://birds.example #birding' }));
  const question = await myAgent.post({ text: 'Anyone seen a heron?', createdAt: new Date(Date.now() - 100 * 60_000).toISOString() });
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  for (let i = 1; i <= 4; i++) await birdAgent.post({ text: `bird post ${i}`, createdAt: at(90 - i) });
  for (let i = 1; i <= 2; i++) await birdAgent.post({ text: `bird reply ${i}`, createdAt: at(80 - i), reply: { root: question, parent: question } });
  const { data: blob } = await birdAgent.uploadBlob(png, { encoding: 'image/png' });
  await birdAgent.post({ text: 'bird picture', createdAt: at(70), embed: { $type: 'app.bsky.embed.images', images: [{ image: blob.blob, alt: 'a heron' }] } });
  await wrenAgent.post({ text: 'wren sings', createdAt: at(60) });
  await birdAgent.follow(meUser.did);
  await myAgent.follow(bird.did);
  await myAgent.follow(wren.did);
  await network.processAll();
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates: false });
  me = (await braid.value('accounts.bluesky.signIn', { identifier: meUser.handle, password: meUser.appPassword })).id;
  second = (await braid.value('accounts.bluesky.signIn', { identifier: secondUser.handle, password: secondUser.appPassword })).id;
}, 180_000);

afterAll(() => braid?.close());

async function allPosts(accountId: string, who: string | Author, tab: ProfileTab, limit: number) {
  const texts: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await braid.value('people.posts', { accountId, who, tab, limit, ...(cursor ? { cursor } : {}) });
    texts.push(...page.posts.map((post) => (post.content.kind === 'facets' ? post.content.text : '')));
    cursor = page.cursor ?? undefined;
    pages++;
  } while (cursor && pages < 20);
  return { texts, pages };
}

const myTimeline = async () =>
  (await braid.value('timeline.view')).items.flatMap((item) => item.posts.filter((post) => post.seenBy.some((s) => s.accountId === me)).map((post) => (post.content.kind === 'facets' ? post.content.text : '')));

describe('a Bluesky profile', () => {
  it('shows the person as each account sees them: counts, a bio with its links, follows you', async () => {
    const profile = await braid.value('people.profile', { accountId: me, who: bird.handle });
    expect(profile).toMatchObject({
      network: 'bluesky',
      accountId: me,
      author: { id: bird.did, handle: bird.handle, displayName: 'Bird' },
      counts: { followers: 1, following: 1, posts: 7 },
      url: `https://bsky.app/profile/${bird.handle}`,
      fields: [],
      relationship: { id: bird.did, following: true, followedBy: true, muting: false, blocking: false, blockedBy: false, requested: false },
    });
    expect(profile.bio).toMatchObject({ kind: 'facets', text: 'Birds all day https://birds.example #birding' });
    expect(profile.bio.kind === 'facets' ? profile.bio.facets.map((facet) => facet.feature) : []).toEqual([
      { kind: 'link', uri: 'https://birds.example' },
      { kind: 'tag', tag: 'birding' },
    ]);
    expect((await braid.value('people.profile', { accountId: second, who: `@${bird.handle}` })).relationship).toMatchObject({ following: false, followedBy: false });
    expect(await braid.call('people.profile', { accountId: me, who: `nobody-${suffix}.test` })).toMatchObject({ ok: false, error: { code: 'not_found', account: me } });
  });

  it('pages through the person’s posts by tab: posts, posts and replies, media', async () => {
    const posts = await allPosts(me, bird.did, 'posts', 2);
    expect(posts.texts).toEqual(['bird picture', 'bird post 4', 'bird post 3', 'bird post 2', 'bird post 1']);
    expect(posts.pages).toBeGreaterThanOrEqual(3);
    const replies = await allPosts(me, bird.did, 'replies', 3);
    expect(replies.texts).toEqual(['bird picture', 'bird reply 2', 'bird reply 1', 'bird post 4', 'bird post 3', 'bird post 2', 'bird post 1']);
    expect((await allPosts(second, bird.handle, 'media', 10)).texts).toEqual(['bird picture']);
  });

  it('has the pinned post on the posts tab’s first page only; a pinned post deleted since is left out', async () => {
    const birdAgent = await agentOf(bird);
    const texts = (posts: Post[] | undefined) => posts?.map((post) => (post.content.kind === 'facets' ? post.content.text : ''));
    const pin = async (ref: { uri: string; cid: string }) => {
      await birdAgent.upsertProfile((profile) => ({ ...profile, pinnedPost: { uri: ref.uri, cid: ref.cid } }));
      await network.processAll();
    };
    const { data } = await birdAgent.getAuthorFeed({ actor: bird.did, limit: 100 });
    await pin(data.feed.find((item) => (item.post.record as { text?: string }).text === 'bird post 2')!.post);
    const first = await braid.value('people.posts', { accountId: me, who: bird.did, tab: 'posts', limit: 2 });
    expect(texts(first.pinned)).toEqual(['bird post 2']);
    expect(texts(first.posts)).toEqual(['bird picture', 'bird post 4']);
    expect((await braid.value('people.posts', { accountId: me, who: bird.did, tab: 'posts', limit: 2, cursor: first.cursor! })).pinned).toBeUndefined();
    for (const tab of ['replies', 'media'] as const) expect((await braid.value('people.posts', { accountId: me, who: bird.did, tab })).pinned).toBeUndefined();
    expect((await allPosts(me, bird.did, 'posts', 2)).texts).toContain('bird post 2');

    const gone = await birdAgent.post({ text: 'bird post soon gone' });
    await pin(gone);
    expect(texts((await braid.value('people.posts', { accountId: me, who: bird.handle, tab: 'posts' })).pinned)).toEqual(['bird post soon gone']);
    await birdAgent.deletePost(gone.uri);
    await network.processAll();
    const after = await braid.value('people.posts', { accountId: me, who: bird.handle, tab: 'posts' });
    expect(after.pinned).toEqual([]);
    expect(texts(after.posts)).toEqual(['bird picture', 'bird post 4', 'bird post 3', 'bird post 2', 'bird post 1']);
  });
});

describe('relationships from any account', () => {
  it('follows from a second account with one record, however often asked', async () => {
    const author = (await braid.value('people.profile', { accountId: me, who: bird.handle })).author;
    expect(await braid.value('people.relate', { accountId: second, who: author, action: 'follow' })).toMatchObject({ id: bird.did, following: true });
    await network.processAll();
    expect(await braid.value('people.relate', { accountId: second, who: author, action: 'follow' })).toMatchObject({ following: true });
    expect(await recordsAbout(secondAgent, 'app.bsky.graph.follow', bird.did)).toBe(1);
    expect(await recordsAbout(myAgent, 'app.bsky.graph.follow', bird.did)).toBe(1);
  });

  it('mute and block: the person’s posts leave the merged timeline at once, and stay out after a refresh', async () => {
    await braid.value('timeline.refresh');
    expect(await myTimeline()).toEqual(expect.arrayContaining(['bird post 4', 'wren sings']));

    expect(await braid.value('people.relate', { accountId: me, who: bird.handle, action: 'mute' })).toMatchObject({ muting: true, following: true });
    expect((await myTimeline()).filter((text) => text.startsWith('bird'))).toEqual([]);
    expect((await myAgent.getProfile({ actor: bird.did })).data.viewer?.muted).toBe(true);

    expect(await braid.value('people.relate', { accountId: me, who: wren.did, action: 'block' })).toMatchObject({ blocking: true });
    expect(await myTimeline()).not.toContain('wren sings');
    expect(await recordsAbout(myAgent, 'app.bsky.graph.block', wren.did)).toBe(1);
    expect(await braid.value('people.relate', { accountId: me, who: wren.did, action: 'block' })).toMatchObject({ blocking: true });
    expect(await recordsAbout(myAgent, 'app.bsky.graph.block', wren.did)).toBe(1);

    await network.processAll();
    await braid.value('timeline.refresh');
    expect((await myTimeline()).filter((text) => text.startsWith('bird') || text.startsWith('wren'))).toEqual([]);
  });

  it('unfollow, unmute and unblock are idempotent too, and read back what the server has', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await braid.value('people.relate', { accountId: me, who: wren.did, action: 'unblock' })).toMatchObject({ blocking: false });
      expect(await braid.value('people.relate', { accountId: second, who: bird.handle, action: 'unfollow' })).toMatchObject({ following: false });
      expect(await braid.value('people.relate', { accountId: me, who: bird.handle, action: 'unmute' })).toMatchObject({ muting: false, following: true });
      await network.processAll();
    }
    expect(await recordsAbout(myAgent, 'app.bsky.graph.block', wren.did)).toBe(0);
    expect(await recordsAbout(secondAgent, 'app.bsky.graph.follow', bird.did)).toBe(0);
    expect((await myAgent.getProfile({ actor: bird.did })).data.viewer?.muted).toBe(false);
  });
});
