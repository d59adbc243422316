/**
 * Like, boost and reply through the contract, from the account that saw a post and from another
 * one, checked where it matters: on the servers. Two Mastodon test servers hold the same federated
 * status (from a third server); the local Bluesky network holds the Bluesky side.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppError } from '../../shared/contract.ts';
import { postKey, type Post } from '../../shared/domain/post.ts';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { viewAfter } from '../support/timeline-texts.ts';

const suffix = randomBytes(3).toString('hex');
let home: MastodonTestServer; // amy's server: the federated post is in her home timeline
let other: MastodonTestServer; // bob's server: it holds the post, but bob never saw it
let braid: CoreHarness;
let network: BlueskyNetworkClient;
let amy: string;
let bob: string;
let federatedOnHome: MastodonStatus;
let federatedOnOther: MastodonStatus;
let privateOnHome: MastodonStatus;
let writer: BlueskyUser;
let reader: BlueskyUser; // follows the writer
let second: BlueskyUser; // follows nobody
let readerId: string;
let secondId: string;
let top: { uri: string; cid: string };
let threadRoot: { uri: string; cid: string };
let threadReply: { uri: string; cid: string };

const federated = { uri: 'https://elsewhere.example/users/zed/statuses/4242', url: 'https://elsewhere.example/@zed/4242' };
const mastodonKey = (uri: string) => postKey({ network: 'mastodon', uri });
const blueskyKey = (uri: string) => postKey({ network: 'bluesky', uri });

const signInOn = (server: MastodonTestServer, username: string) => signInMastodon(braid, server, username, `${username}-password-1`);

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

/** The records of one collection in a user's repository, read from their PDS. */
async function recordsOf(did: string, collection: string): Promise<{ uri: string; value: Record<string, unknown> }[]> {
  const { data } = await new AtpAgent({ service: network.pdsUrl }).com.atproto.repo.listRecords({ repo: did, collection });
  return data.records;
}

const subjectOf = (record: { value: Record<string, unknown> }) => (record.value.subject as { uri: string }).uri;
const sightingOf = (post: Post, accountId: string) => post.seenBy.find((s) => s.accountId === accountId);
const searchesOn = (server: MastodonTestServer) => server.requests.filter((r) => r.path === '/api/v2/search').length;

async function failure(result: Promise<{ ok: boolean; error?: AppError }>): Promise<AppError> {
  const answer = await result;
  expect(answer.ok).toBe(false);
  return answer.error!;
}

beforeAll(async () => {
  [home, other] = await Promise.all([startMastodonServer(), startMastodonServer()]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  home.addUser({ username: 'cat', password: 'cat-password-1' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  for (const server of [home, other]) server.addRemoteAccount('zed@elsewhere.example', { displayName: 'Zed' });
  home.follow('amy', 'zed@elsewhere.example');
  home.follow('amy', 'cat');
  federatedOnHome = home.post('zed@elsewhere.example', { text: 'federated hello', federated, createdAt: new Date(Date.now() - 60_000) });
  federatedOnOther = other.post('zed@elsewhere.example', { text: 'federated hello', federated, createdAt: new Date(Date.now() - 50_000) });
  privateOnHome = home.post('cat', { text: 'for my followers', visibility: 'private' });

  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [writer, reader, second] = await Promise.all([
    network.createUser({ handle: `awriter-${suffix}.test` }),
    network.createUser({ handle: `areader-${suffix}.test` }),
    network.createUser({ handle: `asecond-${suffix}.test` }),
  ]);
  const writerAgent = await agentOf(writer);
  await (await agentOf(reader)).follow(writer.did);
  top = await writerAgent.post({ text: 'a top-level post' });
  threadRoot = await writerAgent.post({ text: 'a thread begins' });
  threadReply = await writerAgent.post({ text: 'and goes on', reply: { root: threadRoot, parent: threadRoot } });
  await network.processAll();

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
  amy = await signInOn(home, 'amy');
  bob = await signInOn(other, 'bob');
  readerId = (await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword })).id;
  secondId = (await braid.value('accounts.bluesky.signIn', { identifier: second.handle, password: second.appPassword })).id;
  const view = await viewAfter(braid, 'timeline.refresh');
  expect(view.accounts.map((a) => a.error)).toEqual([null, null, null, null]);
}, 180_000);

afterAll(async () => {
  braid?.close();
  await Promise.all([home?.close(), other?.close()]);
});

describe('acting on a Mastodon post', () => {
  it('likes, boosts and replies from the account that saw it, on its server', async () => {
    const key = mastodonKey(federated.uri);
    const liked = await braid.value('post.like', { key, accountId: amy, on: true });
    expect(sightingOf(liked, amy)).toMatchObject({ nativeId: federatedOnHome.id, liked: true, boosted: false });
    expect(liked.counts.likes).toBe(1);
    expect(home.favouritesOf('amy').map((s) => s.uri)).toEqual([federated.uri]);

    const boosted = await braid.value('post.boost', { key, accountId: amy, on: true });
    expect(sightingOf(boosted, amy)).toMatchObject({ liked: true, boosted: true });
    expect(boosted.counts.boosts).toBe(1);
    expect(home.reblogsOf('amy').map((s) => s.uri)).toEqual([federated.uri]);

    const { url } = await braid.value('post.reply', { key, accountId: amy, text: '@zed@elsewhere.example hello back' });
    const reply = home.statusesOf('amy').find((s) => s.in_reply_to_id === federatedOnHome.id);
    expect(reply).toMatchObject({ url, visibility: 'public', application: { name: 'Braid' } });
    expect(reply?.content).toContain('hello back');
    expect([...other.favouritesOf('bob'), ...other.reblogsOf('bob'), ...other.statusesOf('bob')]).toEqual([]); // nothing happened on bob's server
    expect(searchesOn(home)).toBe(0);
  });

  it('a reply is never more visible than its parent', async () => {
    await braid.value('post.reply', { key: mastodonKey(privateOnHome.uri), accountId: amy, text: 'just between us' });
    expect(home.statusesOf('amy').find((s) => s.in_reply_to_id === privateOnHome.id)?.visibility).toBe('private');
  });

  it('from an account of another server: resolves the post there and acts as that user', async () => {
    const key = mastodonKey(federated.uri);
    const liked = await braid.value('post.like', { key, accountId: bob, on: true });
    expect(searchesOn(other)).toBe(1);
    expect(other.favouritesOf('bob').map((s) => [s.id, s.uri])).toEqual([[federatedOnOther.id, federated.uri]]);
    expect(home.favouritesOf('amy').map((s) => s.uri)).toEqual([federated.uri]); // untouched
    expect(sightingOf(liked, bob)).toMatchObject({ nativeId: federatedOnOther.id, liked: true });
    expect(sightingOf(liked, amy)).toMatchObject({ nativeId: federatedOnHome.id, liked: true });

    // The resolved copy is remembered: the next actions go straight to it.
    await braid.value('post.boost', { key, accountId: bob, on: true });
    expect(other.reblogsOf('bob').map((s) => s.id)).toEqual([federatedOnOther.id]);
    const { url } = await braid.value('post.reply', { key, accountId: bob, text: 'from another server' });
    const reply = other.statusesOf('bob').find((s) => s.in_reply_to_id === federatedOnOther.id);
    expect(reply?.url).toBe(url);
    expect(searchesOn(other)).toBe(1);
    expect(home.statusesOf('amy').filter((s) => s.in_reply_to_id === federatedOnHome.id)).toHaveLength(1);
  });

  it('a reply sent twice (a retry after a lost answer) is posted once', async () => {
    const key = mastodonKey(federated.uri);
    const before = other.statusesOf('bob').length;
    const first = await braid.value('post.reply', { key, accountId: bob, text: 'said once' });
    const again = await braid.value('post.reply', { key, accountId: bob, text: 'said once' });
    expect(again.url).toBe(first.url);
    expect(other.statusesOf('bob')).toHaveLength(before + 1);
  });

  it('undoes likes and boosts on each server', async () => {
    const key = mastodonKey(federated.uri);
    for (const accountId of [amy, bob]) {
      await braid.value('post.like', { key, accountId, on: false });
      const undone = await braid.value('post.boost', { key, accountId, on: false });
      expect(sightingOf(undone, accountId)).toMatchObject({ liked: false, boosted: false });
    }
    expect(home.favouritesOf('amy')).toEqual([]);
    expect(home.reblogsOf('amy')).toEqual([]);
    expect(other.favouritesOf('bob')).toEqual([]);
    expect(other.reblogsOf('bob')).toEqual([]);
    const view = await braid.value('timeline.view');
    const post = view.items.flatMap((item) => item.posts).find((p) => p.uri === federated.uri);
    expect(post?.counts).toMatchObject({ likes: 0, boosts: 0 });
  });

  it('a post the other server cannot find (private there) is not_found, for that account', async () => {
    const error = await failure(braid.call('post.like', { key: mastodonKey(privateOnHome.uri), accountId: bob, on: true }));
    expect(error).toMatchObject({ code: 'not_found', account: bob });
    expect(error.message).toContain('could not find this post');
    expect(other.favouritesOf('bob')).toEqual([]);
  });
});

describe('acting on a Bluesky post', () => {
  it('likes and reposts from a second account that did not see the post, and undoes them', async () => {
    const key = blueskyKey(top.uri);
    const liked = await braid.value('post.like', { key, accountId: secondId, on: true });
    expect(sightingOf(liked, secondId)).toMatchObject({ nativeId: top.uri, cid: top.cid, liked: true, likeUri: expect.stringContaining(second.did) as string });
    expect(sightingOf(liked, readerId)).toMatchObject({ liked: false });
    expect((await recordsOf(second.did, 'app.bsky.feed.like')).map(subjectOf)).toEqual([top.uri]);
    expect(await recordsOf(reader.did, 'app.bsky.feed.like')).toEqual([]);
    await network.processAll();
    const { data: likes } = await (await agentOf(writer)).getLikes({ uri: top.uri });
    expect(likes.likes.map((like) => like.actor.did)).toEqual([second.did]);

    const reposted = await braid.value('post.boost', { key, accountId: secondId, on: true });
    expect(sightingOf(reposted, secondId)).toMatchObject({ liked: true, boosted: true });
    expect((await recordsOf(second.did, 'app.bsky.feed.repost')).map(subjectOf)).toEqual([top.uri]);

    await braid.value('post.like', { key, accountId: secondId, on: false });
    const undone = await braid.value('post.boost', { key, accountId: secondId, on: false });
    expect(sightingOf(undone, secondId)).toMatchObject({ liked: false, boosted: false, likeUri: null, boostUri: null });
    expect(await recordsOf(second.did, 'app.bsky.feed.like')).toEqual([]);
    expect(await recordsOf(second.did, 'app.bsky.feed.repost')).toEqual([]);
  });

  it('likes from the account that saw the post, in its own repository', async () => {
    const liked = await braid.value('post.like', { key: blueskyKey(top.uri), accountId: readerId, on: true });
    expect(sightingOf(liked, readerId)).toMatchObject({ liked: true });
    expect((await recordsOf(reader.did, 'app.bsky.feed.like')).map(subjectOf)).toEqual([top.uri]);
  });

  it('undoes a like made elsewhere, found in the account’s own view of the post', async () => {
    await (await agentOf(second)).like(threadRoot.uri, threadRoot.cid);
    await network.processAll();
    // The reader saw the thread's root; the second account did not, and Braid did not make its like.
    await braid.value('post.like', { key: blueskyKey(threadReply.uri), accountId: secondId, on: false }); // nothing to undo there
    expect((await recordsOf(second.did, 'app.bsky.feed.like')).map(subjectOf)).toEqual([threadRoot.uri]);
    const rootInView = (await braid.value('timeline.view')).items.some((item) => item.posts.some((p) => p.uri === threadRoot.uri));
    expect(rootInView).toBe(true);
    await braid.value('post.like', { key: blueskyKey(threadRoot.uri), accountId: secondId, on: false });
    expect(await recordsOf(second.did, 'app.bsky.feed.like')).toEqual([]);
  });

  it('a reply to a reply keeps the thread’s root, with links and mentions as facets', async () => {
    const text = `Agreed @${writer.handle}, see https://example.com/thread`;
    const { url } = await braid.value('post.reply', { key: blueskyKey(threadReply.uri), accountId: secondId, text });
    const [record] = await recordsOf(second.did, 'app.bsky.feed.post');
    expect(url).toBe(`https://bsky.app/profile/${second.did}/post/${record!.uri.split('/').pop()}`);
    expect(record!.value).toMatchObject({
      text,
      reply: { root: { uri: threadRoot.uri, cid: threadRoot.cid }, parent: { uri: threadReply.uri, cid: threadReply.cid } },
    });
    const features = (record!.value.facets as { features: Record<string, string>[] }[]).flatMap((facet) => facet.features);
    expect(features).toEqual(
      expect.arrayContaining([
        { $type: 'app.bsky.richtext.facet#mention', did: writer.did },
        { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/thread' },
      ]),
    );

    await braid.value('post.reply', { key: blueskyKey(top.uri), accountId: readerId, text: 'first!' });
    const [direct] = await recordsOf(reader.did, 'app.bsky.feed.post');
    const topRef = { uri: top.uri, cid: top.cid };
    expect(direct!.value.reply).toEqual({ root: topRef, parent: topRef });
  });

  it('a reply sent twice is posted once', async () => {
    const key = blueskyKey(top.uri);
    const first = await braid.value('post.reply', { key, accountId: secondId, text: 'only once please' });
    const again = await braid.value('post.reply', { key, accountId: secondId, text: 'only once please' });
    expect(again.url).toBe(first.url);
    expect((await recordsOf(second.did, 'app.bsky.feed.post')).filter((r) => r.value.text === 'only once please')).toHaveLength(1);
  });
});

describe('what cannot be done', () => {
  it('says plainly that a post cannot be acted on from the other network', async () => {
    expect(await failure(braid.call('post.like', { key: blueskyKey(top.uri), accountId: amy, on: true }))).toEqual({
      code: 'not_supported',
      message: "A Bluesky post can't be liked from a Mastodon account.",
      phrase: { id: 'error.act.otherNetwork', values: { postNetwork: 'Bluesky', done: 'liked', accountNetwork: 'Mastodon' } },
      account: amy,
    });
    expect((await failure(braid.call('post.boost', { key: mastodonKey(federated.uri), accountId: readerId, on: true }))).message).toBe(
      "A Mastodon post can't be boosted from a Bluesky account.",
    );
    expect((await failure(braid.call('post.reply', { key: blueskyKey(top.uri), accountId: bob, text: 'hi' }))).message).toContain(
      "A Bluesky post can't be replied to from a Mastodon account.",
    );
    expect(home.favouritesOf('amy')).toEqual([]);
  });

  it('an account Braid does not have asks to be added again', async () => {
    expect(await failure(braid.call('post.like', { key: mastodonKey(federated.uri), accountId: 'mastodon:gone.example:1', on: true }))).toMatchObject({
      code: 'auth_expired',
      account: 'mastodon:gone.example:1',
    });
  });

  it('a post that is not loaded is not_found', async () => {
    expect(await failure(braid.call('post.like', { key: mastodonKey('https://nowhere.example/users/x/statuses/1'), accountId: amy, on: true }))).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no longer loaded') as string,
    });
  });

  it('a server answering HTML instead of data is a server error for that account; nothing crashes', async () => {
    const key = mastodonKey(federated.uri);
    try {
      for (const status of [500, 200]) {
        other.simulateOutage(status);
        const error = await failure(braid.call('post.like', { key, accountId: bob, on: true }));
        expect(error).toMatchObject({ code: 'server', account: bob });
        expect(error.message).toContain(new URL(other.url).host);
      }
    } finally {
      other.simulateOutage(null);
    }
    expect(other.favouritesOf('bob')).toEqual([]);
    expect(sightingOf(await braid.value('post.like', { key, accountId: amy, on: true }), amy)).toMatchObject({ liked: true });
    expect(sightingOf(await braid.value('post.like', { key, accountId: bob, on: true }), bob)).toMatchObject({ liked: true });
    expect(other.favouritesOf('bob').map((s) => s.uri)).toEqual([federated.uri]);
  });

  it('a revoked Mastodon token asks that account to sign in again', async () => {
    home.revokeTokensOf('amy');
    const key = mastodonKey(federated.uri);
    expect(await failure(braid.call('post.boost', { key, accountId: amy, on: true }))).toMatchObject({ code: 'auth_expired', account: amy });
    expect((await braid.value('accounts.list')).find((a) => a.id === amy)?.status).toBe('auth_expired');
    const requests = home.requests.length;
    expect(await failure(braid.call('post.like', { key, accountId: amy, on: false }))).toMatchObject({ code: 'auth_expired', account: amy });
    expect(home.requests.length).toBe(requests); // not even tried
    expect(home.reblogsOf('amy')).toEqual([]);
    // Others go on.
    await braid.value('post.like', { key, accountId: bob, on: false });
    expect(other.favouritesOf('bob')).toEqual([]);
  });

  it('a revoked Bluesky session asks that account to sign in again', async () => {
    await network.revokeAppPasswords(second.did);
    expect(await failure(braid.call('post.like', { key: blueskyKey(top.uri), accountId: secondId, on: true }))).toMatchObject({ code: 'auth_expired', account: secondId });
    expect(await recordsOf(second.did, 'app.bsky.feed.like')).toEqual([]);
    expect((await braid.value('accounts.list')).find((a) => a.id === secondId)?.status).toBe('auth_expired');
  });

  it('no token or session ever reaches the renderer side', async () => {
    const secrets = [...home.secrets(), ...other.secrets(), reader.appPassword, second.appPassword];
    expect(secrets.filter((secret) => braid.transcript().includes(secret))).toEqual([]);
  });
});
