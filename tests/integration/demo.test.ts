// `npm run demo` without a browser: the whole start (local Bluesky network, two Mastodon
// servers, sample data, four sign-ins, Braid's browser host), then what a newcomer would see,
// read through a core of Braid's own on the demo's data folder.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { ChannelName, RequestOf, ResponseOf, Result, TimelineView } from '../../shared/contract.ts';
import type { Post } from '../../shared/domain/post.ts';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

let demo: RunningDemo | undefined;
let core: Core | undefined;
let timeline: TimelineView;

async function value<C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = (await core!.dispatch(channel, request)) as Result<ResponseOf<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const words = (post: Post) => (post.content.kind === 'facets' ? post.content.text : post.content.html.replace(/<[^>]+>/g, ''));

beforeAll(async () => {
  demo = await startDemo({ open: false, trickle: false });
  core = createCore({ dataDir: demo.dataDir, host: 'browser', networks: builtInNetworks({ bluesky: demo.blueskyDirectory }) });
  await value('timeline.refresh');
  timeline = await value('timeline.view');
  // Everything, not only the first pages: ~300 posts, 40 per page and account.
  for (let pages = 0; timeline.hasMore && pages < 40; pages++) {
    await value('timeline.loadMore');
    timeline = await value('timeline.view');
  }
}, 240_000);

afterAll(async () => {
  core?.close();
  await demo?.close();
}, 60_000);

describe('npm run demo', () => {
  it('signs two accounts on each network into Braid', async () => {
    const accounts = await value('accounts.list');
    expect(accounts.map((a) => [a.network, a.displayName, a.status])).toEqual([
      ['mastodon', 'You on mastodon.one', 'ok'],
      ['mastodon', 'You on mastodon.two', 'ok'],
      ['bluesky', 'You on Bluesky (one)', 'ok'],
      ['bluesky', 'You on Bluesky (two)', 'ok'],
    ]);
    expect(demo!.accounts.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    expect(timeline.accounts.map((a) => a.error)).toEqual([null, null, null, null]);
  });

  it('has people mentioning and following each account in the inbox', async () => {
    const accounts = await value('accounts.list');
    await value('inbox.refresh');
    const inbox = await value('inbox.view');
    expect(inbox.accounts.map((a) => a.error)).toEqual([null, null, null, null]);
    for (const account of accounts) {
      const mine = inbox.entries.filter((entry) => entry.accountIds.includes(account.id));
      expect(mine.filter((entry) => entry.kind === 'mention'), account.handle).toHaveLength(2);
      expect(mine.filter((entry) => entry.kind === 'follow'), account.handle).toHaveLength(1);
    }
  });

  it('merges posts of both networks, a few hundred of them over two days', () => {
    const posts = timeline.items.flatMap((item) => item.posts);
    expect(new Set(posts.map((p) => p.network))).toEqual(new Set(['mastodon', 'bluesky']));
    expect(timeline.items.length).toBeGreaterThan(200);
    const times = posts.map((p) => Date.parse(p.createdAt));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(36 * 3_600_000);
  });

  it('collapses cross-posts into one item, but not the near miss 25 minutes apart', () => {
    const collapsed = timeline.items.filter((item) => item.posts.length === 2);
    expect(collapsed.length).toBeGreaterThanOrEqual(3);
    for (const item of collapsed) expect(item.posts.map((p) => p.network).sort()).toEqual(['bluesky', 'mastodon']);
    expect(collapsed.some((item) => words(item.posts[0]!).startsWith('The new tram line opens on Monday'))).toBe(true);
    const swap = timeline.items.filter((item) => item.posts.some((p) => words(p).startsWith('Seed swap at the community garden this Saturday')));
    expect(swap.map((item) => item.posts.length)).toEqual([1, 1]);
  });

  it('shows posts seen by both accounts of a network once, with both sightings', () => {
    const posts = timeline.items.flatMap((item) => item.posts);
    const seenTwice = posts.filter((p) => p.seenBy.length === 2);
    expect(seenTwice.some((p) => p.network === 'mastodon')).toBe(true); // one URI on both Mastodon servers
    expect(seenTwice.some((p) => p.network === 'bluesky')).toBe(true);
  });

  it('has the sample features: pictures (one without alt), warnings, labels, a quote, boosts, a disguised link', async () => {
    const posts = timeline.items.flatMap((item) => item.posts);
    const pictures = posts.flatMap((p) => p.media.map((m) => ({ network: p.network, ...m })));
    expect(pictures.some((m) => m.network === 'bluesky' && m.alt === '')).toBe(true);
    expect(pictures.some((m) => m.network === 'mastodon' && m.alt === '')).toBe(true);
    const mastodonPicture = pictures.find((m) => m.network === 'mastodon' && m.alt !== '');
    const served = await fetch(mastodonPicture!.url);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(posts.some((p) => p.contentWarning === 'Spoilers: the last episode of The Long Orbit')).toBe(true);
    expect(posts.some((p) => p.labels.includes('graphic-media'))).toBe(true);
    expect(posts.some((p) => p.quote !== null)).toBe(true);
    expect(new Set(posts.filter((p) => p.boostedBy !== null).map((p) => p.network))).toEqual(new Set(['mastodon', 'bluesky']));
    const disguised = posts.find((p) => p.content.kind === 'facets' && p.content.text.includes('coffee.example/claim'));
    expect(disguised?.content.kind === 'facets' && disguised.content.facets.map((f) => f.feature)).toContainEqual({ kind: 'link', uri: 'https://claim-a-prize.example/coffee?from=braid-demo' });
  });

  it('serves Braid on the data folder: the launch link opens a session', async () => {
    const answer = await fetch(demo!.launchUrl!, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });

  it('stops everything and removes its data folder', async () => {
    core!.close();
    core = undefined;
    const { dataDir, launchUrl, mastodon, bluesky } = demo!;
    await demo!.close();
    demo = undefined;
    expect(existsSync(dataDir)).toBe(false);
    for (const url of [launchUrl!, mastodon[0]!.url, bluesky.pdsUrl]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    }
  }, 60_000);
});
