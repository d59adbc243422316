/**
 * Opening a conversation through the contract: a person's post on Mastodon and on Bluesky, with
 * replies on both, read back as one conversation; what the viewer may not see is said so.
 */
import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConversationNode } from '../../shared/domain/conversation.ts';
import { postKey } from '../../shared/domain/post.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { viewAfter } from '../support/timeline-texts.ts';

const suffix = randomBytes(3).toString('hex');
const words = 'Braid 1.0 is out today, try it';
let mastodon: MastodonTestServer;
let network: BlueskyNetworkClient;
let braid: CoreHarness;
let writer: BlueskyUser;
let reader: BlueskyUser;
let replier: BlueskyUser;
let focus: MastodonStatus;
let answer: MastodonStatus;
let blueskyPost: { uri: string; cid: string };
let readerId: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const textOf = (node: ConversationNode) =>
  node.missing ?? node.posts.map((post) => `${post.network}: ${post.content.kind === 'facets' ? post.content.text : post.content.html.replace(/<[^>]+>/g, '')}`).join(' + ');
const outline = (nodes: ConversationNode[]) => nodes.map((node) => `${node.role} ${node.depth} ${textOf(node)}`);

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

beforeAll(async () => {
  mastodon = await startMastodonServer();
  for (const username of ['amy', 'ann', 'bob', 'cat', 'dan']) mastodon.addUser({ username, password: `${username}-password-1` });
  for (const followed of ['ann', 'bob']) mastodon.follow('amy', followed);
  focus = mastodon.post('ann', { text: words, createdAt: minutesAgo(30) });
  const bobReply = mastodon.post('bob', { text: 'Congratulations!', inReplyToId: focus.id, createdAt: minutesAgo(25) });
  answer = mastodon.post('ann', { text: 'Thanks Bob', inReplyToId: bobReply.id, createdAt: minutesAgo(20) });
  // cat's reply is for her followers, and amy is not one; dan's answer to it is public.
  const hidden = mastodon.post('cat', { text: 'Only for my followers', inReplyToId: focus.id, visibility: 'private', createdAt: minutesAgo(24) });
  mastodon.post('dan', { text: 'Replying to the hidden one', inReplyToId: hidden.id, createdAt: minutesAgo(23) });

  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [writer, reader, replier] = await Promise.all([
    network.createUser({ handle: `cwriter-${suffix}.test` }),
    network.createUser({ handle: `creader-${suffix}.test` }),
    network.createUser({ handle: `creplier-${suffix}.test` }),
  ]);
  await (await agentOf(reader)).follow(writer.did);
  blueskyPost = await (await agentOf(writer)).post({ text: words });
  const replierAgent = await agentOf(replier);
  const first = await replierAgent.post({ text: 'Trying it now', reply: { root: blueskyPost, parent: blueskyPost } });
  await (await agentOf(writer)).post({ text: 'Tell me how it goes', reply: { root: blueskyPost, parent: first } });
  await network.processAll();

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
  await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  readerId = (await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword })).id;
  const view = await viewAfter(braid, 'timeline.refresh');
  expect(view.accounts.map((account) => account.error)).toEqual([null, null]);
}, 180_000);

afterAll(async () => {
  braid?.close();
  await mastodon?.close();
});

describe('a conversation', () => {
  it('gathers the replies from both networks under one post, in time order, one request per copy', async () => {
    const contextRequests = () => mastodon.requests.filter((request) => request.path.endsWith('/context')).length;
    const before = contextRequests();
    const keys = [postKey({ network: 'mastodon', uri: focus.uri }), postKey({ network: 'bluesky', uri: blueskyPost.uri })];
    const conversation = await braid.value('conversation.open', { keys });
    expect(contextRequests() - before).toBe(1);
    expect(conversation.copies.map((copy) => copy.error)).toEqual([null, null]);
    const replies = outline(conversation.nodes);
    expect(replies[0]).toBe(`focus 0 mastodon: ${words} + bluesky: ${words}`);
    // Mastodon's replies are older than the Bluesky ones (posted minutes ago, the others just now);
    // the reply amy may not see is placed by the time of the reply to it.
    expect(replies.slice(1)).toEqual([
      'reply 1 mastodon: Congratulations!',
      'reply 2 mastodon: Thanks Bob',
      'reply 1 unavailable',
      'reply 2 mastodon: Replying to the hidden one',
      'reply 1 bluesky: Trying it now',
      'reply 2 bluesky: Tell me how it goes',
    ]);
    expect(conversation.nodes[0]!.descendants).toBe(6);
    expect(conversation.nodes.find((node) => textOf(node) === 'bluesky: Trying it now')?.posts[0]?.seenBy[0]?.accountId).toBe(readerId);
  });

  it('shows what a reply answers, root first', async () => {
    const conversation = await braid.value('conversation.open', { keys: [postKey({ network: 'mastodon', uri: answer.uri })] });
    expect(outline(conversation.nodes)).toEqual([`ancestor 0 mastodon: ${words}`, 'ancestor 0 mastodon: Congratulations!', 'focus 0 mastodon: Thanks Bob']);
  });

  it('replies to a reply read in the conversation, in its thread on the server, and likes one', async () => {
    const keys = [postKey({ network: 'mastodon', uri: focus.uri }), postKey({ network: 'bluesky', uri: blueskyPost.uri })];
    const conversation = await braid.value('conversation.open', { keys });
    const trying = conversation.nodes.find((node) => textOf(node) === 'bluesky: Trying it now')!.posts[0]!;
    await braid.value('post.reply', { key: postKey(trying), accountId: readerId, text: 'Same here' });
    const { data } = await new AtpAgent({ service: network.pdsUrl }).com.atproto.repo.listRecords({ repo: reader.did, collection: 'app.bsky.feed.post' });
    const reply = data.records.find((record) => (record.value as { text?: string }).text === 'Same here');
    expect((reply?.value as { reply?: { parent: { uri: string }; root: { uri: string } } }).reply).toMatchObject({ parent: { uri: trying.uri }, root: { uri: blueskyPost.uri } });

    const thanks = conversation.nodes.find((node) => textOf(node) === 'mastodon: Thanks Bob')!.posts[0]!;
    const liked = await braid.value('post.like', { key: postKey(thanks), accountId: thanks.seenBy[0]!.accountId, on: true });
    expect(liked.counts.likes).toBe(1);
  });

  it('says when the post is no longer in the timeline', async () => {
    const answer = await braid.call('conversation.open', { keys: ['mastodon https://nowhere.example/1'] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
