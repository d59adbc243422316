/**
 * One bad account must not hide anyone's posts. A Mastodon server (behind a proxy that rewrites
 * its newest home page) sends entries Braid cannot read: some say when they were posted (they
 * take their place as "could not be shown", with a link to the original), some do not even say
 * that (they are left out, and the timeline reads on past them). Every account's posts still
 * show, and loading older posts moves on instead of reading the same page again. An answer too
 * large to read costs that account an error, nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineView } from '../../shared/contract.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { startInterceptingProxy, type Fault, type InterceptingProxy, type ProxiedRequest } from '../support/intercepting-proxy.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { textOf, viewAfter } from '../support/timeline-texts.ts';

let good: MastodonTestServer;
let bad: MastodonTestServer;
let proxy: InterceptingProxy;
let braid: CoreHarness;
let newestPage: unknown[] | string = [];
let homeRequests: string[] = [];
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 9, minute));

/** The proxy answers the bad server's newest home page itself; every other request passes. */
function decide(request: ProxiedRequest): Fault {
  if (!request.path.startsWith('/api/v1/timelines/home')) return { kind: 'pass' };
  homeRequests.push(request.path);
  if (request.path.includes('max_id=')) return { kind: 'pass' };
  return { kind: 'answer', status: 200, body: typeof newestPage === 'string' ? newestPage : JSON.stringify(newestPage) };
}

const texts = (view: TimelineView) => view.items.map(({ posts: [post] }) => (post!.unreadable ? `unreadable ${post!.url ?? 'without a link'}` : textOf(post!)));

beforeAll(async () => {
  good = await startMastodonServer();
  good.addUser({ username: 'amy', password: 'amy-password-1' });
  good.addUser({ username: 'zed', password: 'zed-password-1' });
  good.follow('amy', 'zed');
  for (let i = 0; i < 3; i++) good.post('zed', { text: `good ${i}`, createdAt: at(i * 10) });
  bad = await startMastodonServer();
  bad.addUser({ username: 'bob', password: 'bob-password-1' });
  bad.addUser({ username: 'yan', password: 'yan-password-1' });
  bad.follow('bob', 'yan');
  for (let i = 0; i < 2; i++) bad.post('yan', { text: `bad server ${i}`, createdAt: at(i * 10 + 5) });
  proxy = await startInterceptingProxy(bad.url, decide);
  braid = startCore({ liveUpdates: false });
  await signInMastodon(braid, good, 'amy', 'amy-password-1');
  await signInMastodon(braid, { url: proxy.url }, 'bob', 'bob-password-1');
}, 60_000);
afterAll(async () => {
  braid?.close();
  await Promise.all([proxy?.close(), good?.close(), bad?.close()]);
});

describe('a server whose newest page Braid cannot read', () => {
  it('holds nobody back when nothing on it can be read or placed: the timeline reads on past it', async () => {
    // Newer than every real status (ids are time-based), with no time and no author: nothing to place.
    newestPage = [{ id: '999999999999999998', content: '<p>?</p>' }, { id: '999999999999999997', created_at: 'not a time', account: null }];
    homeRequests = [];
    const view = await viewAfter(braid, 'timeline.refresh');
    expect(texts(view)).toEqual(['good 2', 'bad server 1', 'good 1', 'bad server 0']);
    expect(view.accounts.map((account) => account.error)).toEqual([null, null]);
    expect(homeRequests).toEqual([expect.not.stringContaining('max_id='), expect.stringContaining('max_id=999999999999999997')]);
    let more = await viewAfter(braid, 'timeline.loadMore');
    expect(texts(more)).toEqual(['good 2', 'bad server 1', 'good 1', 'bad server 0', 'good 0']);
    for (let calls = 1; calls < 5 && more.hasMore; calls++) more = await viewAfter(braid, 'timeline.loadMore');
    expect(more.hasMore).toBe(false); // each load went further: the end is reached
  });

  it('shows an entry that says when it was posted as "could not be shown", in its place, with only an http(s) link', async () => {
    newestPage = [
      { id: '999999999999999996', uri: 'https://bad.test/users/yan/statuses/96', url: 'https://bad.test/@yan/96', created_at: at(27).toISOString(), account: 'not an account', content: 42 },
      { id: '999999999999999995', url: 'javascript:alert(1)', created_at: at(26).toISOString() },
    ];
    const view = await viewAfter(braid, 'timeline.refresh');
    expect(texts(view).slice(0, 2)).toEqual(['unreadable https://bad.test/@yan/96', 'unreadable without a link']);
    const placeholder = view.items[0]!.posts[0]!;
    expect(placeholder.sortAt).toBe(at(27).toISOString());
    expect(braid.transcript()).toContain('mastodon: could not read a timeline entry (999999999999999996)');
  });

  it('does not read an answer over 16 MB: that account says so, the others show', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    newestPage = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: String(999_999_999_999_999_900 - i), content: padding })));
    const view = await viewAfter(braid, 'timeline.refresh');
    const [, bob] = view.accounts;
    expect(bob?.error?.code).toBe('server');
    expect(bob?.error?.message).toContain('sent an answer over 16 MB: Braid did not read it.');
    expect(texts(view)).toContain('good 2');
  });
});
