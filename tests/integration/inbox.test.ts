/**
 * The inbox through the contract, against Mastodon test servers: one with grouped notifications
 * (4.3+), one without (its v1 notifications are grouped by Braid), one that fails. Likes of one
 * post gather, mentions do not, and a failing server is said beside the others. Read state goes
 * both ways (markers), the inbox is kept between runs, older pages load, and the user stream's
 * notifications arrive live with a desktop alert.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboxAlert, InboxChanges } from '../../shared/contract.ts';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { inboxAfter } from '../support/inbox-after.ts';

let grouped: MastodonTestServer;
let ungrouped: MastodonTestServer;
let failing: MastodonTestServer;
let braid: CoreHarness;
const ids: Record<string, string> = {};
let hello: MastodonStatus;
let older: MastodonStatus;

beforeAll(async () => {
  [grouped, ungrouped, failing] = await Promise.all([startMastodonServer(), startMastodonServer({ groupedNotifications: false }), startMastodonServer()]);
  for (const server of [grouped, ungrouped, failing]) {
    for (const username of ['amy', 'bob', 'cat', 'dan']) server.addUser({ username, password: `${username}-password-1` });
  }
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  hello = grouped.post('amy', { text: 'Hello from the grouped server', createdAt: ago(60) });
  grouped.favourite('bob', hello.id, ago(50));
  grouped.favourite('cat', hello.id, ago(40));
  grouped.follow('dan', 'amy', ago(30));
  grouped.post('bob', { text: '@amy are you there?', createdAt: ago(20) });
  older = ungrouped.post('amy', { text: 'Hello from the older server', createdAt: ago(120) });
  ungrouped.favourite('bob', older.id, ago(15));
  ungrouped.favourite('cat', older.id, ago(10));
  ungrouped.favourite('dan', older.id, ago(5));
  braid = startCore({ liveUpdates: false });
  ids.grouped = await signInMastodon(braid, grouped, 'amy', 'amy-password-1');
  ids.ungrouped = await signInMastodon(braid, ungrouped, 'amy', 'amy-password-1');
  ids.failing = await signInMastodon(braid, failing, 'amy', 'amy-password-1');
  failing.simulateOutage(502);
}, 60_000);

afterAll(async () => {
  braid?.close();
  await Promise.all([grouped, ungrouped, failing].map((server) => server?.close()));
});

describe('one inbox', () => {
  it('gathers likes of one post, on a server with groups and on one without; keeps mentions and follows; says which server failed', async () => {
    const inbox = await inboxAfter(braid, 'inbox.refresh');
    const rows = inbox.entries.map((entry) => [entry.kind, entry.count, entry.actors.map((actor) => actor.handle.split('@')[0]).join(' '), entry.post?.content.kind === 'html' ? entry.post.content.html : null, entry.accountIds]);
    expect(rows).toEqual([
      ['like', 3, 'dan cat bob', expect.stringContaining('Hello from the older server'), [ids.ungrouped]],
      ['mention', 1, 'bob', expect.stringContaining('are you there?'), [ids.grouped]],
      ['follow', 1, 'dan', null, [ids.grouped]],
      ['like', 2, 'cat bob', expect.stringContaining('Hello from the grouped server'), [ids.grouped]],
    ]);
    const byAccount = new Map(inbox.accounts.map((account) => [account.accountId, account]));
    // Nothing read yet: the server's three groups, the other's three single likes.
    expect(byAccount.get(ids.grouped!)).toEqual({ accountId: ids.grouped, error: null, unreadable: 0, unread: 3, done: false });
    expect(byAccount.get(ids.ungrouped!)).toEqual({ accountId: ids.ungrouped, error: null, unreadable: 0, unread: 3, done: false });
    expect(inbox.unread).toBe(4);
    expect(inbox.entries.every((entry) => entry.unread)).toBe(true);
    expect(byAccount.get(ids.failing!)?.error).toMatchObject({ code: 'server', account: ids.failing });
  });
});

describe('read state, both ways', () => {
  const newestId = (server: MastodonTestServer) => server.notificationsOf('amy')[0]!.id;

  it('reading here moves each server\'s notifications marker to the newest notification', async () => {
    const inbox = await inboxAfter(braid, 'inbox.markRead');
    expect(inbox.unread).toBe(0);
    expect(grouped.notificationsMarkerOf('amy')).toBe(newestId(grouped));
    expect(ungrouped.notificationsMarkerOf('amy')).toBe(newestId(ungrouped));
  });

  it('what arrives later is unread; read in another client, it is read here at the next refresh', async () => {
    grouped.post('cat', { text: '@amy one more thing' });
    let inbox = await inboxAfter(braid, 'inbox.refresh');
    expect(inbox.entries[0]).toMatchObject({ kind: 'mention', unread: true });
    expect(inbox.unread).toBe(1);
    grouped.setNotificationsMarker('amy', newestId(grouped)); // the other client
    inbox = await inboxAfter(braid, 'inbox.refresh');
    expect(inbox.unread).toBe(0);
    expect(inbox.entries[0]).toMatchObject({ kind: 'mention', unread: false });
  });

  it('is kept between runs: the inbox and its read state show at start, no server asked', async () => {
    const before = await braid.value('inbox.view');
    const asked = grouped.requests.length + ungrouped.requests.length;
    braid = braid.restart();
    const kept = await braid.value('inbox.view');
    expect(kept.entries).toEqual(before.entries);
    expect(kept.unread).toBe(0);
    expect(grouped.requests.length + ungrouped.requests.length).toBe(asked);
  });
});

describe('follow back', () => {
  it('follows a new follower as the account they followed; again changes nothing', async () => {
    const inbox = await braid.value('inbox.view');
    const follow = inbox.entries.find((entry) => entry.kind === 'follow' && entry.accountIds.includes(ids.grouped!))!;
    const dan = follow.actors[0]!;
    expect(grouped.isFollowing('amy', 'dan')).toBe(false);
    await braid.value('people.follow', { accountId: ids.grouped!, author: dan });
    expect(grouped.isFollowing('amy', 'dan')).toBe(true);
    await braid.value('people.follow', { accountId: ids.grouped!, author: dan });
    expect(grouped.isFollowing('amy', 'dan')).toBe(true);
  });
});

describe('paging and live', () => {
  let server: MastodonTestServer;
  let live: CoreHarness;
  let accountId: string;
  const alerts: InboxAlert[] = [];
  const changes: InboxChanges[] = [];

  beforeAll(async () => {
    server = await startMastodonServer();
    for (const username of ['amy', 'bob', 'cat']) server.addUser({ username, password: `${username}-password-1` });
    for (let n = 1; n <= 45; n++) server.post('bob', { text: `@amy note ${n}`, createdAt: new Date(Date.now() - (100 - n) * 60_000) });
    live = startCore({ liveUpdates: { coalesceMs: 50, pollMs: 500, peekMs: 500, reconnectBaseMs: 50, reconnectCapMs: 400, streamingRetryMs: 60_000 } });
    live.core.events.subscribe((event, payload) => {
      if (event === 'inbox.alert') alerts.push(payload as InboxAlert);
      if (event === 'inbox.changed') changes.push(payload as InboxChanges);
    });
    accountId = await signInMastodon(live, server, 'amy', 'amy-password-1');
    await vi.waitFor(() => expect(server.requests.filter((r) => r.path === '/api/v1/streaming' && r.status === 101)).toHaveLength(1), { timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    live?.close();
    await server?.close();
  });

  it('loads older pages until there are none', async () => {
    let inbox = await inboxAfter(live, 'inbox.refresh');
    expect(inbox.entries).toHaveLength(40);
    expect(inbox.accounts[0]).toMatchObject({ accountId, done: false });
    inbox = await inboxAfter(live, 'inbox.loadMore');
    expect(inbox.entries.map((entry) => entry.post?.content.kind === 'html' && entry.post.content.html.match(/note (\d+)/)?.[1]).slice(-2)).toEqual(['2', '1']);
    expect(inbox.entries).toHaveLength(45);
    inbox = await inboxAfter(live, 'inbox.loadMore');
    expect(inbox.accounts[0]).toMatchObject({ done: true });
    expect(alerts).toEqual([]); // what was there before is no news
  });

  it('a mention on the user stream arrives at once (to the windows: that one entry), with a desktop alert naming who and where; a like joins its group', async () => {
    const pages = server.requests.filter((r) => r.path.includes('/notifications')).length;
    const { version, unread } = await live.value('inbox.view', { limit: 0 });
    server.post('cat', { text: '@amy live hello' });
    await vi.waitFor(async () => {
      const [newest] = (await live.value('inbox.view')).entries;
      expect(newest?.post?.content.kind === 'html' && newest.post.content.html).toContain('live hello');
      expect(newest).toMatchObject({ kind: 'mention', unread: true });
    }, { timeout: 10_000 });
    const arrival = changes.find((change) => change.from === version)!;
    expect(arrival.to).toBe(version + 1);
    expect(arrival.changes).toEqual([{ op: 'insert', after: null, items: [expect.objectContaining({ kind: 'mention' })] }]);
    expect(arrival.unread).toBe(unread + 1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toMatch(/^cat mentioned you \(@amy@/);
    expect(alerts[0]!.body).toContain('live hello');
    expect(alerts[0]!.postKeys).toHaveLength(1);
    const own = server.post('amy', { text: 'liked twice' });
    server.favourite('bob', own.id);
    server.favourite('cat', own.id);
    await vi.waitFor(async () => expect((await live.value('inbox.view')).entries[0]).toMatchObject({ kind: 'like', count: 2 }), { timeout: 10_000 });
    expect(server.requests.filter((r) => r.path.includes('/notifications')).length).toBe(pages); // the stream, not a page
    expect(alerts).toHaveLength(1); // likes are not desktop news
  });

  it('alerts only for the kinds the user allows', async () => {
    await live.value('inbox.alerts.set', { mention: false, reply: true, quote: true, follow: true });
    server.post('cat', { text: '@amy quiet now' });
    server.follow('cat', 'amy');
    await vi.waitFor(() => expect(alerts.map((alert) => alert.title)).toContainEqual(expect.stringMatching(/^cat followed you/)), { timeout: 10_000 });
    expect(alerts.some((alert) => alert.body.includes('quiet now'))).toBe(false);
  });

  it('says the alert in the language the user chose', async () => {
    await live.value('language.set', 'fr');
    await live.value('inbox.alerts.set', { mention: true, reply: true, quote: true, follow: true });
    server.post('bob', { text: '@amy bonjour' });
    await vi.waitFor(() => expect(alerts.find((alert) => alert.body.includes('bonjour'))?.title).toBe('bob vous a mentionné (@amy@' + new URL(server.url).host + ')'), { timeout: 10_000 });
    await live.value('language.set', 'system');
  });
});
