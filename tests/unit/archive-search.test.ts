/**
 * The archive search past a handful of posts: best match first ranks the newest `rankedMatches`
 * matches and hands out the older ones after them (every match once, page after page); each hit's
 * snippet is its own post's; a time span reads its span of row ids, and a filter with a short CJK
 * term finds what LIKE finds, newest first.
 */
import { describe, expect, it } from 'vitest';
import { rankedMatches, searchArchive, type ArchiveQuery } from '../../electron/core/archive/archive-search.ts';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import type { ArchivedPost } from '../../electron/core/networks/archive.ts';
import { inTransaction, openMemoryDatabase, type Database } from '../../electron/core/store/database.ts';
import { makePost, mastodonAuthor } from '../support/post-factory.ts';

const masto = 'mastodon:m.test:1';
const other = 'mastodon:m.test:2';
const start = Date.UTC(2024, 0, 1);
const at = (i: number) => new Date(start + i * 3_600_000).toISOString();

function archived(i: number, text: string, more: Partial<ArchivedPost> = {}): ArchivedPost {
  const post = makePost({ author: mastodonAuthor('me@m.test'), at: at(i), text, seenBy: masto, nativeId: String(i) });
  return { key: String(i), uri: post.uri, url: null, createdAt: at(i), text, altText: '', content: post.content, langs: [], hasMedia: false, isReply: false, isQuote: false, post, source: null, ...more };
}

/** `count` posts: every one says "tea" (the 7th ones three times: better matches), every 5th is a reply, every 3rd another account's; every 4th says 東京. */
function archiveOf(count: number): Database {
  const db = openMemoryDatabase();
  const store = createArchiveStore(db);
  inTransaction(db, () => {
    for (let i = 0; i < count; i++) {
      const text = `${i % 7 === 0 ? 'tea tea tea' : 'tea and a long line of other words to read'}${i % 4 === 0 ? ' 東京' : ''} number ${i}`;
      store.save(i % 3 === 0 ? other : masto, 'mastodon', [archived(i, text, { isReply: i % 5 === 0 })]);
    }
  });
  return db;
}

function everyPage(db: Database, query: Omit<ArchiveQuery, 'cursor'>): string[] {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page = searchArchive(db, { ...query, cursor });
    keys.push(...page.hits.map((hit) => hit.key));
    cursor = page.cursor;
  } while (cursor);
  return keys;
}

describe('searching a large archive', () => {
  const total = rankedMatches + 500;
  const db = archiveOf(total);

  it('ranks the newest matches best first, then hands out the older ones newest first: every match once', () => {
    const best = everyPage(db, { query: 'tea', order: 'best', limit: 97 });
    expect(best).toHaveLength(total);
    expect(new Set(best).size).toBe(total);
    const ranked = best.slice(0, rankedMatches).map(Number);
    // The best ones first (three times "tea" in a short text), among the newest matches only.
    expect(ranked.slice(0, 10).every((i) => i % 7 === 0)).toBe(true);
    expect(Math.min(...ranked)).toBe(total - rankedMatches);
    expect(best.slice(rankedMatches)).toEqual(Array.from({ length: total - rankedMatches }, (_, i) => String(total - rankedMatches - 1 - i)));
  });

  it('filters the ranked ones and the older ones alike', () => {
    const replies = everyPage(db, { query: 'tea', order: 'best', limit: 50, replies: true, accounts: [masto] });
    const expected = Array.from({ length: total }, (_, i) => i).filter((i) => i % 5 === 0 && i % 3 !== 0);
    expect(replies.map(Number).sort((a, b) => a - b)).toEqual(expected);
    expect(everyPage(db, { query: 'tea', order: 'newest', limit: 50, replies: true, accounts: [masto] }).map(Number)).toEqual([...expected].reverse());
  });

  it('marks each hit in its own text', () => {
    const page = searchArchive(db, { query: 'number', order: 'newest', limit: 30 });
    for (const hit of page.hits) expect(hit.snippet.map((part) => part.text).join('')).toContain(`number ${hit.key}`);
  });

  it('reads a time span, and a short CJK term under a filter, newest first', () => {
    const span = { since: at(100), until: at(200) };
    expect(everyPage(db, { query: 'tea', order: 'newest', limit: 40, ...span }).map(Number)).toEqual(Array.from({ length: 100 }, (_, i) => 199 - i));
    const tokyo = everyPage(db, { query: '東京', order: 'best', limit: 40, accounts: [other], ...span }).map(Number);
    expect(tokyo).toEqual(Array.from({ length: 100 }, (_, i) => 199 - i).filter((i) => i % 4 === 0 && i % 3 === 0));
  });
});
