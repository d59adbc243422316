import { AtpAgent } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { postKey, type Post } from '../../shared/domain/post.ts';
import { saveAccount } from '../../electron/core/accounts/registry.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import { DatabaseSync, type Database } from '../../electron/core/store/sqlite.ts';
import { cachedPostsPerAccount, createTimelineCache, keptPart } from '../../electron/core/timeline/timeline-cache.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { connectBlueskyNetwork } from '../support/bluesky-global-setup.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { blueskyAuthor, makePost } from '../support/post-factory.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { texts, viewAfter } from '../support/timeline-texts.ts';

let mastodon: MastodonTestServer;
let braid: CoreHarness;
let mastodonId: string;
let blueskyId: string;
let pdsPort: string;
const suffix = randomBytes(3).toString('hex');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));

// Every request the core sends to the Bluesky PDS (agents take the global fetch when made).
const realFetch = globalThis.fetch;
const blueskyRequests: string[] = [];
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (pdsPort && url.port === pdsPort) blueskyRequests.push(url.pathname);
  return realFetch(input, init);
};

beforeAll(async () => {
  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'zed', password: 'zed-password-1' });
  mastodon.follow('amy', 'zed');
  for (let i = 0; i < 5; i++) mastodon.post('zed', { text: `mastodon ${i}`, createdAt: at(i * 2) });

  const network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  pdsPort = new URL(network.pdsUrl).port;
  const reader = await network.createUser({ handle: `creader-${suffix}.test` });
  const writer = await network.createUser({ handle: `cwriter-${suffix}.test` });
  const writerAgent = new AtpAgent({ service: network.pdsUrl });
  await writerAgent.login({ identifier: writer.handle, password: writer.appPassword });
  const readerAgent = new AtpAgent({ service: network.pdsUrl });
  await readerAgent.login({ identifier: reader.handle, password: reader.appPassword });
  await readerAgent.follow(writer.did);
  for (let i = 0; i < 5; i++) await writerAgent.post({ text: `bluesky ${i}`, createdAt: at(i * 2 + 1).toISOString() });
  await network.processAll();

  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
  mastodonId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
  blueskyId = (await braid.value('accounts.bluesky.signIn', { identifier: reader.handle, password: reader.appPassword })).id;
}, 180_000);
afterAll(async () => {
  globalThis.fetch = realFetch;
  braid?.close();
  await mastodon?.close().catch(() => undefined); // a test stops it
});

const everything = ['bluesky 4', 'mastodon 4', 'bluesky 3', 'mastodon 3', 'bluesky 2', 'mastodon 2', 'bluesky 1', 'mastodon 1', 'bluesky 0', 'mastodon 0'];

const streamsOpened = () => mastodon.requests.filter((r) => r.path === '/api/v1/streaming' && r.status === 101).length;
const timelineRequests = () => mastodon.requests.filter((r) => r.path === '/api/v1/timelines/home').length;
let streamsBeforeRestart = 0;

/** A second connection to the data folder's database, as another process would have. */
function withDatabase(change: (db: Database) => void): void {
  const db = new DatabaseSync(join(braid.dataDir, 'braid.sqlite'));
  change(db);
  db.close();
}

describe('the home timeline kept between runs', () => {
  it('paints from the cache after a restart, before any server is asked', async () => {
    const loaded = await viewAfter(braid, 'timeline.refresh');
    expect(texts(loaded)).toEqual(everything);
    const mastodonBefore = timelineRequests();
    const blueskyBefore = blueskyRequests.length;
    streamsBeforeRestart = streamsOpened();
    braid = braid.restart();
    const painted = await braid.value('timeline.view');
    expect(painted.items).toEqual(loaded.items);
    expect(painted.accounts).toEqual(loaded.accounts);
    expect(timelineRequests()).toBe(mastodonBefore);
    expect(blueskyRequests.length).toBe(blueskyBefore);
  });

  // A core starting also reads the inbox's newest pages once: those requests are not the timeline's.
  const timelineOnly = (paths: string[]) => paths.filter((path) => !/notification|markers|getPosts/i.test(path));

  it('asks each account’s server once per refresh', async () => {
    // Once the restarted core's live stream is open, only what the refresh sends is counted.
    await vi.waitFor(() => expect(streamsOpened()).toBeGreaterThan(streamsBeforeRestart), { timeout: 10_000 });
    const mastodonBefore = mastodon.requests.length;
    const blueskyBefore = blueskyRequests.length;
    await viewAfter(braid, 'timeline.refresh');
    expect(timelineOnly(mastodon.requests.slice(mastodonBefore).map((r) => r.path))).toEqual(['/api/v1/timelines/home']);
    // The first use of the stored Bluesky session after a restart also resumes it.
    const resuming = ['/xrpc/com.atproto.server.getSession', '/xrpc/com.atproto.server.refreshSession'];
    expect(timelineOnly(blueskyRequests.slice(blueskyBefore)).filter((path) => !resuming.includes(path))).toEqual(['/xrpc/app.bsky.feed.getTimeline']);

    const mastodonAgain = mastodon.requests.length;
    const blueskyAgain = blueskyRequests.length;
    mastodon.post('zed', { text: 'mastodon 5', createdAt: at(20) });
    const refreshed = await viewAfter(braid, 'timeline.refresh');
    expect(texts(refreshed)[0]).toBe('mastodon 5');
    expect(timelineOnly(mastodon.requests.slice(mastodonAgain).map((r) => r.path))).toEqual(['/api/v1/timelines/home']);
    expect(timelineOnly(blueskyRequests.slice(blueskyAgain))).toEqual(['/xrpc/app.bsky.feed.getTimeline']);
  });

  it('leaves out a cached post it can no longer read, and shows the rest', async () => {
    braid = braid.restart(); // the last core writes what its stream brought as it closes
    withDatabase((db) => {
      // Rows are in position order (positions above the first saved go below zero as posts come on top).
      const nth = 'position = (SELECT position FROM timeline_posts WHERE account_id = ?1 ORDER BY position LIMIT 1 OFFSET ?2)';
      db.prepare(`UPDATE timeline_posts SET post = '{"not":"a post"}' WHERE account_id = ?1 AND ${nth}`).run(mastodonId, 1);
      db.prepare(`UPDATE timeline_posts SET post = 'not json at all' WHERE account_id = ?1 AND ${nth}`).run(blueskyId, 2);
    });
    braid = braid.restart();
    const painted = await braid.value('timeline.view');
    // The second row of the Mastodon feed was 'mastodon 4', the third of the Bluesky one 'bluesky 2'.
    expect(texts(painted)).toEqual(['mastodon 5', 'bluesky 4', 'bluesky 3', 'mastodon 3', 'mastodon 2', 'bluesky 1', 'mastodon 1', 'bluesky 0', 'mastodon 0']);
    expect(painted.accounts.map((a) => a.error)).toEqual([null, null]);
  });

  it('still shows an account’s cached posts when its server is down', async () => {
    await mastodon.close();
    braid = braid.restart();
    const painted = await braid.value('timeline.view');
    expect(texts(painted).filter((t) => t.startsWith('mastodon'))).toEqual(['mastodon 5', 'mastodon 3', 'mastodon 2', 'mastodon 1', 'mastodon 0']);
    const refreshed = await viewAfter(braid, 'timeline.refresh');
    expect(refreshed.accounts.find((a) => a.accountId === mastodonId)?.error).toMatchObject({ code: 'network' });
    expect(texts(refreshed).filter((t) => t.startsWith('mastodon'))).toHaveLength(5);
  });

  it('forgets a removed account’s cached timeline', async () => {
    await braid.value('accounts.remove', { id: mastodonId });
    withDatabase((db) => {
      expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_posts WHERE account_id = ?').get(mastodonId)).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_feeds WHERE account_id = ?').get(mastodonId)).toEqual({ n: 0 });
      expect((db.prepare('SELECT COUNT(*) AS n FROM timeline_posts WHERE account_id = ?').get(blueskyId) as { n: number }).n).toBeGreaterThan(0);
    });
    braid = braid.restart();
    expect(texts(await braid.value('timeline.view')).every((t) => t.startsWith('bluesky'))).toBe(true);
  });
});

describe('the reading position', () => {
  it('is kept across restarts, and anything stored that is not a position reads as none', async () => {
    expect(await braid.value('timeline.position.get')).toBeNull();
    await braid.value('timeline.position.set', { key: 'bluesky at://did:plc:x/app.bsky.feed.post/1', offset: 120 });
    braid = braid.restart();
    expect(await braid.value('timeline.position.get')).toEqual({ key: 'bluesky at://did:plc:x/app.bsky.feed.post/1', offset: 120 });
    expect(await braid.call('timeline.position.set', { key: 'k', offset: -5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    withDatabase((db) => db.prepare("UPDATE settings SET value = '{\"key\":42}' WHERE key = 'reading_position'").run());
    expect(await braid.value('timeline.position.get')).toBeNull();
  });
});

describe('what the cache keeps of a long timeline', () => {
  const author = blueskyAuthor('writer.test');
  const page = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => makePost({ author, at: new Date(Date.UTC(2026, 0, 1) - (from + i) * 60_000).toISOString(), seenBy: 'bluesky:me' }));

  /** 8 pages of 40 posts: each page's last post ends it, with the cursor of the next. */
  function longFeed() {
    const posts: Post[] = [];
    const pageEnds = new Map<string, string>();
    for (let p = 0; p < 8; p++) {
      posts.push(...page(p * 40, 40));
      pageEnds.set(postKey(posts.at(-1)!), `cursor-${p + 1}`);
    }
    // Posts were missing below page 2 (a newest page that did not reach the next) and below page 7.
    const gaps = new Set([postKey(posts[79]!), postKey(posts[279]!)]);
    return { posts, cursor: 'cursor-8', done: false, pageEnds, gaps };
  }

  const feed = longFeed();

  it('keeps whole pages up to about 300 posts, with where the next page starts', () => {
    const kept = keptPart(feed);
    expect(kept.posts).toHaveLength(280);
    expect(kept.cursor).toBe('cursor-7');
    expect(kept.done).toBe(false);
    // The gap below the last kept post is where paging goes on; the one inside stays a gap.
    expect([...kept.gaps]).toEqual([postKey(feed.posts[79]!)]);
    expect(keptPart({ ...feed, posts: feed.posts.slice(0, cachedPostsPerAccount) }).posts).toHaveLength(300);
  });

  it('saves and reads back in one piece, for accounts that exist', () => {
    const db = openMemoryDatabase();
    saveAccount(db, { id: 'bluesky:me', network: 'bluesky', server: 'pds.test', handle: 'me.test', displayName: '', avatarUrl: null });
    const cache = createTimelineCache(db);
    cache.save('bluesky:me', feed);
    const read = cache.load('bluesky:me')!;
    expect(read.posts).toEqual(feed.posts.slice(0, 280));
    expect(read.cursor).toBe('cursor-7');
    expect(read.pageEnds.size).toBe(7);
    expect([...read.gaps]).toEqual([postKey(feed.posts[79]!)]);
    cache.save('bluesky:gone', feed); // removed while its page was loading: nothing to keep
    expect(cache.load('bluesky:gone')).toBeNull();
    db.close();
  });

  it('after a refresh writes only the new posts and cuts the oldest; an edit rewrites one row; anything else rewrites all', () => {
    const db = openMemoryDatabase();
    saveAccount(db, { id: 'bluesky:me', network: 'bluesky', server: 'pds.test', handle: 'me.test', displayName: '', avatarUrl: null });
    const rowsWritten = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    createTimelineCache(db).save('bluesky:me', feed);
    const cache = createTimelineCache(db); // a new run: it knows the rows by reading them
    const loaded = cache.load('bluesky:me')!;
    const readBack = () => createTimelineCache(db).load('bluesky:me')!.posts; // as the next run reads them

    const fresh = page(-3, 3);
    let before = rowsWritten();
    const refreshed = { ...loaded, posts: [...fresh, ...loaded.posts] };
    cache.save('bluesky:me', refreshed);
    expect(rowsWritten() - before).toBe(3 + 1); // three posts and the feed's row
    expect(readBack()).toEqual(refreshed.posts);

    // Past 300 posts, the oldest page is cut.
    const more = page(-43, 40);
    const longer = { ...refreshed, posts: [...more, ...refreshed.posts] };
    before = rowsWritten();
    cache.save('bluesky:me', longer);
    expect(rowsWritten() - before).toBe(40 + 40 + 1);
    expect(readBack()).toEqual(keptPart(longer).posts);

    const edited = { ...longer, posts: longer.posts.with(50, { ...longer.posts[50]!, counts: { replies: 9, boosts: 9, likes: 9 } }) };
    before = rowsWritten();
    cache.save('bluesky:me', edited);
    expect(rowsWritten() - before).toBe(1 + 1);
    expect(readBack()).toEqual(keptPart(edited).posts);

    const removed = { ...edited, posts: edited.posts.toSpliced(10, 1) };
    cache.save('bluesky:me', removed);
    expect(readBack()).toEqual(keptPart(removed).posts);
    db.close();
  });
});
