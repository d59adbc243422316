/**
 * Coming back after a while (issue 16 item 5): when more than a page of posts arrived while Braid
 * was closed, the newest page goes on top, what was loaded stays (with the place being read), and
 * the posts in between are a gap the reader loads page by page, kept across restarts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postKey } from '../../shared/domain/post.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { tempDir } from '../support/temp-dir.ts';
import { texts, viewAfter } from '../support/timeline-texts.ts';

const dir = tempDir('timeline-gap');
let mastodon: MastodonTestServer;
let braid: CoreHarness;
let amy: string;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, 0) + minute * 60_000);
const note = (n: number) => `zed note ${n}`;
/** Notes from..to, newest first. */
const notes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => note(to - i));
const homeRequests = () => mastodon.requests.filter((r) => r.path === '/api/v1/timelines/home').map((r) => r.query);

beforeAll(async () => {
  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'zed', password: 'zed-password-1' });
  mastodon.follow('amy', 'zed');
  for (let n = 0; n < 10; n++) mastodon.post('zed', { text: note(n), createdAt: at(n) });
  braid = startCore({}, dir);
  amy = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
}, 60_000);
afterAll(async () => {
  braid?.close();
  await mastodon?.close();
});

it('keeps what was loaded below the newest page and shows the posts in between as a gap', async () => {
  expect(texts(await viewAfter(braid, 'timeline.refresh'))).toEqual(notes(0, 9));
  const reading = postKey((await braid.value('timeline.view')).items[3]!.posts[0]!);

  braid.core.close(); // Braid is closed while 95 posts arrive: more than two pages of 40
  for (let n = 10; n < 105; n++) mastodon.post('zed', { text: note(n), createdAt: at(n) });
  braid = startCore({}, dir);
  expect(texts(await braid.value('timeline.view'))).toEqual(notes(0, 9)); // painted from the cache

  const refreshed = await viewAfter(braid, 'timeline.refresh');
  expect(texts(refreshed)).toEqual([...notes(65, 104), ...notes(0, 9)]);
  expect(refreshed.items.some((item) => postKey(item.posts[0]!) === reading)).toBe(true);
  const gap = { accountId: amy, after: postKey(refreshed.items[39]!.posts[0]!) };
  expect(refreshed.gaps).toEqual([gap]);

  braid = braid.restart(); // the gap is kept with the cache
  expect((await braid.value('timeline.view')).gaps).toEqual([gap]);
});

it('loads a gap a page at a time from where it starts, until it reaches what was loaded', async () => {
  const before = homeRequests().length;
  let view = await braid.value('timeline.view');
  view = await viewAfter(braid, 'timeline.loadGap', view.gaps[0]);
  expect(texts(view)).toEqual([...notes(25, 104), ...notes(0, 9)]);
  expect(view.gaps).toEqual([{ accountId: amy, after: postKey(view.items[79]!.posts[0]!) }]);

  view = await viewAfter(braid, 'timeline.loadGap', view.gaps[0]);
  expect(texts(view)).toEqual(notes(0, 104));
  expect(view.gaps).toEqual([]);
  // Each page continued from the last post above the gap.
  expect(homeRequests().slice(before).map((query) => query.has('max_id'))).toEqual([true, true]);

  braid = braid.restart();
  const painted = await braid.value('timeline.view');
  expect(texts(painted)).toEqual(notes(0, 104));
  expect(painted.gaps).toEqual([]);
});

it('answers a gap that is no longer there with the view as it is', async () => {
  const view = await viewAfter(braid, 'timeline.loadGap', { accountId: amy, after: 'mastodon https://nowhere.example/1' });
  expect(texts(view)).toEqual(notes(0, 104));
});
