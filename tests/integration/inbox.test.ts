/**
 * The inbox through the contract, against Mastodon test servers: one with grouped notifications
 * (4.3+), one without (its v1 notifications are grouped by Braid), one that fails. Likes of one
 * post gather, mentions do not, and a failing server is said beside the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

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
    const inbox = await braid.value('inbox.view');
    const rows = inbox.entries.map((entry) => [entry.kind, entry.count, entry.actors.map((actor) => actor.handle.split('@')[0]).join(' '), entry.post?.content.kind === 'html' ? entry.post.content.html : null, entry.accountIds]);
    expect(rows).toEqual([
      ['like', 3, 'dan cat bob', expect.stringContaining('Hello from the older server'), [ids.ungrouped]],
      ['mention', 1, 'bob', expect.stringContaining('are you there?'), [ids.grouped]],
      ['follow', 1, 'dan', null, [ids.grouped]],
      ['like', 2, 'cat bob', expect.stringContaining('Hello from the grouped server'), [ids.grouped]],
    ]);
    const byAccount = new Map(inbox.accounts.map((account) => [account.accountId, account]));
    expect(byAccount.get(ids.grouped!)).toEqual({ accountId: ids.grouped, error: null, unreadable: 0 });
    expect(byAccount.get(ids.ungrouped!)).toEqual({ accountId: ids.ungrouped, error: null, unreadable: 0 });
    expect(byAccount.get(ids.failing!)?.error).toMatchObject({ code: 'server', account: ids.failing });
  });
});
