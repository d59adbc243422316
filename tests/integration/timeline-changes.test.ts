/**
 * The list protocol on the timeline (issue 18): a window gets the whole view once, then only what
 * changed. A refresh answers the new page, loadMore only the older page, a post that streams in
 * one insert of one item, an edit one update, a deletion one removal; every window hears each
 * change as timeline.changed; and the changes, applied in order, give exactly the core's view.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { TimelineChanges, TimelineView } from '../../shared/contract.ts';
import { applyChanges } from '../../shared/lists/list-changes.ts';
import { itemKey } from '../../shared/timeline/item-key.ts';
import type { LiveUpdatesOptions } from '../../electron/core/timeline/live-updates.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { texts } from '../support/timeline-texts.ts';

const liveUpdates: LiveUpdatesOptions = { coalesceMs: 50, pollMs: 500, peekMs: 500, reconnectBaseMs: 50, reconnectCapMs: 400, streamingRetryMs: 60_000 };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));
let server: MastodonTestServer;
let braid: CoreHarness;
const heard: TimelineChanges[] = [];
/** The view as a window holds it: the first one, then every change heard, applied. */
let held: TimelineView;

const hold = (changes: TimelineChanges) => {
  expect(changes.from).toBe(held.version);
  held = { ...held, items: applyChanges(held.items, changes.changes, itemKey), accounts: changes.accounts, gaps: changes.gaps, hasMore: changes.hasMore, version: changes.to };
};

beforeAll(async () => {
  server = await startMastodonServer();
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1' });
  server.follow('amy', 'zed');
  for (let n = 0; n < 50; n++) server.post('zed', { text: `note ${n}`, createdAt: at(n) });
  braid = startCore({ liveUpdates });
  await signInMastodon(braid, server, 'amy', 'amy-password-1');
  held = await braid.value('timeline.view');
  braid.core.events.subscribe((event, payload) => {
    if (event === 'timeline.changed') heard.push(payload as TimelineChanges);
  });
}, 60_000);
afterAll(async () => {
  braid?.close();
  await server?.close();
});

const newest = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `note ${to - i}`);

it('answers a refresh with the new page as one insert, and tells every window the same', async () => {
  const changes = await braid.value('timeline.refresh');
  expect(changes.changes).toMatchObject([{ op: 'insert', after: null }]);
  expect(texts({ ...held, items: (changes.changes[0] as { items: TimelineView['items'] }).items })).toEqual(newest(10, 49));
  expect(heard.at(-1)).toEqual(changes);
  hold(changes);
});

it('answers loadMore with only the older page, after the last item held', async () => {
  const changes = await braid.value('timeline.loadMore');
  expect(changes.changes).toHaveLength(1);
  expect(changes.changes[0]).toMatchObject({ op: 'insert', after: itemKey(held.items.at(-1)!) });
  expect((changes.changes[0] as { items: unknown[] }).items).toHaveLength(10);
  hold(changes);
  expect(texts(held)).toEqual(newest(0, 49));
});

it('sends a post that streams in as one insert of one item, and an edit and a deletion by key', async () => {
  await vi.waitFor(() => expect(server.requests.some((r) => r.path === '/api/v1/streaming' && r.status === 101)).toBe(true), { timeout: 10_000 });
  const count = heard.length;
  const fresh = server.post('zed', { text: 'note 50' });
  await vi.waitFor(() => expect(heard.length).toBe(count + 1), { timeout: 10_000 });
  const inserted = heard.at(-1)!;
  expect(inserted.changes).toMatchObject([{ op: 'insert', after: null, items: [{ posts: [{ uri: fresh.uri }] }] }]);
  // A few kilobytes for one post, where the whole view is many times that.
  expect(JSON.stringify(inserted).length).toBeLessThan(JSON.stringify(await braid.value('timeline.view')).length / 10);
  hold(inserted);

  server.editStatus(fresh.id, { text: 'note 50, edited' });
  await vi.waitFor(() => expect(heard.length).toBe(count + 2), { timeout: 10_000 });
  expect(heard.at(-1)!.changes).toMatchObject([{ op: 'update', items: [{ posts: [{ uri: fresh.uri }] }] }]);
  hold(heard.at(-1)!);

  server.deleteStatus(fresh.id);
  await vi.waitFor(() => expect(heard.length).toBe(count + 3), { timeout: 10_000 });
  expect(heard.at(-1)!.changes).toEqual([{ op: 'remove', keys: [itemKey(held.items[0]!)] }]);
  hold(heard.at(-1)!);
});

it('adds up to the core’s view: every change heard, applied in order, gives the whole view', async () => {
  const whole = await braid.value('timeline.view');
  expect(held.version).toBe(whole.version);
  expect(held.items).toEqual(whole.items);
  expect(whole.complete).toBe(true);
});
