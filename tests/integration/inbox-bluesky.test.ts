/**
 * The inbox of a Bluesky account on the real local network: people like, repost, reply, quote,
 * mention and follow; likes gather, the rest stay one each. Read state goes both ways (seenAt),
 * and the unread count peeked while a window has focus brings what is new, with an alert.
 */
import { AtpAgent, RichText } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { InboxAlert } from '../../shared/contract.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { inboxAfter } from '../support/inbox-after.ts';

const suffix = randomBytes(3).toString('hex');
let network: BlueskyNetworkClient;
let braid: CoreHarness;
let me: BlueskyUser;
let myAgent: AtpAgent;
let ana: AtpAgent;
let tom: AtpAgent;
let accountId: string;
const alerts: InboxAlert[] = [];

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

async function mention(agent: AtpAgent, text: string) {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  return agent.post({ text: rich.text, facets: rich.facets ?? [] });
}

const unreadOnServer = async () => (await myAgent.app.bsky.notification.getUnreadCount()).data.count;

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  const [meUser, anaUser, tomUser] = await Promise.all([
    network.createUser({ handle: `nme-${suffix}.test` }),
    network.createUser({ handle: `nana-${suffix}.test` }),
    network.createUser({ handle: `ntom-${suffix}.test` }),
  ]);
  me = meUser;
  [myAgent, ana, tom] = await Promise.all([agentOf(meUser), agentOf(anaUser), agentOf(tomUser)]);
  const mine = await myAgent.post({ text: 'Braid reads every network' });
  await network.processAll(); // the app view notifies only about a post it already has
  await ana.like(mine.uri, mine.cid);
  await tom.like(mine.uri, mine.cid);
  await ana.repost(mine.uri, mine.cid);
  await tom.post({ text: 'Agreed', reply: { root: mine, parent: mine } });
  await ana.post({ text: 'Look at this', embed: { $type: 'app.bsky.embed.record', record: mine } });
  await mention(tom, `hello @${me.handle}`);
  await ana.follow(me.did);
  await network.processAll();
  const liveUpdates = { coalesceMs: 50, pollMs: 500, peekMs: 300, reconnectBaseMs: 50, reconnectCapMs: 400, streamingRetryMs: 60_000 };
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates });
  braid.core.events.subscribe((event, payload) => {
    if (event === 'inbox.alert') alerts.push(payload as InboxAlert);
  });
  accountId = (await braid.value('accounts.bluesky.signIn', { identifier: me.handle, password: me.appPassword })).id;
}, 180_000);

afterAll(() => braid?.close());

describe('a Bluesky inbox', () => {
  it('has every reason the network sends; likes gather, replies, quotes and mentions stay one each', async () => {
    const inbox = await inboxAfter(braid, 'inbox.refresh');
    const rows = inbox.entries.map((entry) => `${entry.kind} ${entry.count} ${entry.actors.map((actor) => actor.handle.split('-')[0]).join(' ')}`);
    expect(rows).toEqual(['follow 1 nana', 'mention 1 ntom', 'quote 1 nana', 'reply 1 ntom', 'boost 1 nana', 'like 2 ntom nana']);
    expect(inbox.entries.find((entry) => entry.kind === 'quote')?.post?.content).toMatchObject({ text: 'Look at this' });
    // An account that never marked anything seen: the app view counts all seven unread, but its
    // list says the older ones are read (its seen time is then the newest's); Braid shows the list's word.
    expect(inbox.accounts).toEqual([{ accountId, error: null, unreadable: 0, unread: 1, done: true }]);
    expect(inbox.entries.map((entry) => entry.unread)).toEqual([true, false, false, false, false, false]);
  });

  it('follows back a new follower, once however often asked', async () => {
    const follow = (await braid.value('inbox.view')).entries.find((entry) => entry.kind === 'follow')!;
    await braid.value('people.follow', { accountId, author: follow.actors[0]! });
    await braid.value('people.follow', { accountId, author: follow.actors[0]! });
    const records = await myAgent.com.atproto.repo.listRecords({ repo: me.did, collection: 'app.bsky.graph.follow' });
    expect(records.data.records.map((record) => (record.value as { subject: string }).subject)).toEqual([follow.actors[0]!.id]);
  });

  it('reading here moves the seen time on the server', async () => {
    expect(await unreadOnServer()).toBe(7);
    const inbox = await inboxAfter(braid, 'inbox.markRead');
    expect(inbox.unread).toBe(0);
    expect(await unreadOnServer()).toBe(0);
  });

  it('read in another client, it is read here at the next refresh', async () => {
    const again = await myAgent.post({ text: 'again' });
    await network.processAll(); // the app view notifies of a reply only to a post it already has
    await tom.post({ text: 'one more', reply: { root: again, parent: again } });
    await network.processAll();
    await vi.waitFor(async () => expect((await inboxAfter(braid, 'inbox.refresh')).entries[0]).toMatchObject({ kind: 'reply', unread: true }), { timeout: 10_000 });
    expect((await braid.value('inbox.view')).unread).toBe(1);
    await myAgent.app.bsky.notification.updateSeen({ seenAt: new Date().toISOString() });
    expect((await inboxAfter(braid, 'inbox.refresh')).unread).toBe(0);
  });

  it('a mention is found by the unread-count peek while a window has focus, with an alert', async () => {
    await braid.value('timeline.setFocused', { focused: true });
    await mention(ana, `are you there @${me.handle}?`);
    await network.processAll();
    await vi.waitFor(async () => expect((await braid.value('inbox.view')).entries[0]).toMatchObject({ kind: 'mention', unread: true }), { timeout: 15_000 });
    expect(alerts.find((alert) => alert.title.includes('mentioned you'))?.body).toContain('are you there');
    await braid.value('timeline.setFocused', { focused: false });
  }, 30_000);
});
