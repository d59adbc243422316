import { describe, expect, it } from 'vitest';
import { importAccount } from '../../electron/core/archive/archive-import.ts';
import { createArchiveSources } from '../../electron/core/archive/archive-sources.ts';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import { ServerError } from '../../electron/core/base/errors.ts';
import type { ArchivedPost, ArchivePage, NetworkArchive } from '../../electron/core/networks/archive.ts';
import { linkOf } from '../../electron/core/networks/mastodon/archive.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import { makePost, mastodonAuthor } from '../support/post-factory.ts';

const accountId = 'mastodon:m.test:1';

/** A history of `count` posts, one a minute; post i has key String(i), the newest is count-1. */
function history(count: number) {
  const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return Array.from({ length: count }, (_, i): ArchivedPost => {
    const post = makePost({ author: mastodonAuthor('me@m.test'), at: at(i), text: `post ${i}`, seenBy: accountId, nativeId: String(i) });
    return { key: String(i), uri: post.uri, url: null, createdAt: at(i), text: `post ${i}`, altText: '', content: post.content, langs: [], hasMedia: false, isReply: false, isQuote: false, post, source: {} };
  });
}

/** A network whose pages are `size` posts of `posts` newest first; the cursor is the index to continue from. */
function fakeNetwork(posts: ArchivedPost[], size: number, hooks: { before?: (cursor: string | null, call: number) => void; budget?: (call: number) => ArchivePage['budget'] } = {}) {
  const asked: (string | null)[] = [];
  const archive: NetworkArchive = {
    ownPostsPage(_account, cursor) {
      asked.push(cursor);
      hooks.before?.(cursor, asked.length);
      const newestFirst = [...posts].reverse();
      const start = cursor === null ? 0 : Number(cursor);
      const page = newestFirst.slice(start, start + size);
      const next = start + size < newestFirst.length ? String(start + size) : null;
      return Promise.resolve({ posts: page, next, unreadable: 0, budget: hooks.budget?.(asked.length) ?? null });
    },
  };
  return { archive, asked };
}

function setUp() {
  const db = openMemoryDatabase();
  return { db, store: createArchiveStore(db), sources: createArchiveSources(db) };
}

describe('importing an account', () => {
  it('walks the whole history once, then later syncs stop at what is archived', async () => {
    const deps = setUp();
    const posts = history(95);
    const network = fakeNetwork(posts, 10);
    const first = await importAccount({ ...deps, archive: network.archive, accountId, network: 'mastodon' });
    expect(first).toMatchObject({ outcome: 'done', pages: 10, archived: 95, added: 95 });
    expect(deps.sources.get(accountId)).toMatchObject({ walking: false, complete: true, syncedTo: posts[94]!.createdAt, cursor: null });

    posts.push(...history(120).slice(95));
    network.asked.length = 0;
    const second = await importAccount({ ...deps, archive: network.archive, accountId, network: 'mastodon' });
    expect(second).toMatchObject({ outcome: 'done', added: 25, archived: 120 });
    expect(network.asked).toEqual([null, '10', '20']); // the third page holds posts older than the last sync's newest
    expect(deps.sources.get(accountId)?.syncedTo).toBe(posts[119]!.createdAt);
  });

  it('resumes a sync that stopped part-way without skipping what lies between', async () => {
    const deps = setUp();
    const posts = history(50);
    await importAccount({ ...deps, archive: fakeNetwork(posts, 10).archive, accountId, network: 'mastodon' });
    posts.push(...history(100).slice(50));
    const stop = new AbortController();
    const network = fakeNetwork(posts, 10, { before: (_cursor, call) => call === 3 && stop.abort() });
    const stopped = await importAccount({ ...deps, archive: network.archive, accountId, network: 'mastodon', signal: stop.signal });
    // The page being read when it stopped is kept: three pages in.
    expect(stopped).toMatchObject({ outcome: 'stopped', added: 30 });
    // The newest posts are in; the walk goes on where it stopped, and still ends at the old boundary.
    const resumed = await importAccount({ ...deps, archive: network.archive, accountId, network: 'mastodon' });
    expect(resumed).toMatchObject({ outcome: 'done', added: 20, archived: 100 });
    expect(network.asked).toEqual([null, '10', '20', '30', '40', '50']);
  });

  it('waits for the reset when the budget runs low, and waits out refusals up to a limit', async () => {
    const deps = setUp();
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    };
    const now = () => 1_000_000;
    const low = fakeNetwork(history(30), 10, { budget: (call) => ({ remaining: call === 1 ? 3 : 50, resetAt: 1_005_000 }) });
    await importAccount({ ...deps, archive: low.archive, accountId, network: 'mastodon', sleep, now, reserve: 5 });
    expect(slept).toEqual([5000]);

    const other = setUp();
    slept.length = 0;
    let refusals = 0;
    const refusing = fakeNetwork(history(30), 10, {
      before: () => {
        if (refusals++ < 2) throw new ServerError('rate_limited', 'slow down', { retryAt: 1_002_000 });
      },
    });
    const result = await importAccount({ ...other, archive: refusing.archive, accountId, network: 'mastodon', sleep, now });
    expect(result).toMatchObject({ outcome: 'done', archived: 30 });
    expect(slept).toEqual([2000, 2000]);

    const stubborn = fakeNetwork(history(30), 10, {
      before: () => {
        throw new ServerError('rate_limited', 'no');
      },
    });
    await expect(importAccount({ ...setUp(), archive: stubborn.archive, accountId, network: 'mastodon', sleep, now, maxRateLimitWaits: 2 })).rejects.toThrow('no');
  });
});

describe('Link headers', () => {
  it('finds a relation among several, quoted or not', () => {
    const header = '<https://m.test/api/v1/accounts/1/statuses?max_id=5&limit=40>; rel="next", <https://m.test/api/v1/accounts/1/statuses?min_id=9>; rel="prev"';
    expect(linkOf(header, 'next')).toBe('https://m.test/api/v1/accounts/1/statuses?max_id=5&limit=40');
    expect(linkOf(header, 'prev')).toBe('https://m.test/api/v1/accounts/1/statuses?min_id=9');
    expect(linkOf('<https://m.test/a?x=1,2>; rel=next', 'next')).toBe('https://m.test/a?x=1,2');
    expect(linkOf('<https://m.test/p>; rel="prev"', 'next')).toBeUndefined();
    expect(linkOf('', 'next')).toBeUndefined();
  });
});
