import { describe, expect, it } from 'vitest';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import { partsOf, plainSnippet, searchArchive, type ArchiveQuery, type SnippetPart } from '../../electron/core/archive/archive-search.ts';
import { parseQuery } from '../../electron/core/archive/search-query.ts';
import type { ArchivedPost } from '../../electron/core/networks/archive.ts';
import { DatabaseSync } from 'node:sqlite';
import { inTransaction, openMemoryDatabase } from '../../electron/core/store/database.ts';
import { migrate } from '../../electron/core/store/migrations.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const masto = 'mastodon:m.test:1';
const sky = 'bluesky:did:plc:me';

function archived(accountId: string, key: string, text: string, at: string, more: Partial<ArchivedPost> = {}): ArchivedPost {
  const author = accountId === sky ? blueskyAuthor('me.test') : mastodonAuthor('me@m.test');
  const post = makePost({ author, at, text, seenBy: accountId, nativeId: key });
  return {
    key,
    uri: post.uri,
    url: null,
    createdAt: at,
    text,
    altText: '',
    content: post.content,
    langs: [],
    hasMedia: false,
    isReply: false,
    isQuote: false,
    post,
    source: { id: key, text },
    ...more,
  };
}

function seeded() {
  const db = openMemoryDatabase();
  const store = createArchiveStore(db);
  store.save(masto, 'mastodon', [
    archived(masto, '1', 'Un café à Paris, le matin', '2025-01-01T08:00:00.000Z'),
    archived(masto, '2', 'Cafe culture in Lisbon', '2025-02-01T08:00:00.000Z', { hasMedia: true, altText: 'A cup of coffee on a table' }),
    archived(masto, '3', '東京に行きました。今日は晴れです', '2025-03-01T08:00:00.000Z', { langs: ['ja'] }),
    archived(masto, '4', 'Replying: naïve résumé advice', '2025-04-01T08:00:00.000Z', { isReply: true }),
  ]);
  store.save(sky, 'bluesky', [
    archived(sky, 'at://did:plc:me/app.bsky.feed.post/a', '北京和东京都很大。Café again, café café', '2025-05-01T08:00:00.000Z'),
    archived(sky, 'at://did:plc:me/app.bsky.feed.post/b', 'Nothing to see here', '2025-06-01T08:00:00.000Z'),
  ]);
  return { db, store };
}

const search = (db: ReturnType<typeof seeded>['db'], query: Partial<ArchiveQuery> & { query: string }) => searchArchive(db, { order: 'newest', limit: 20, ...query });
const keys = (results: ReturnType<typeof search>) => results.hits.map((hit) => hit.key);
const marked = (parts: SnippetPart[]) => parts.filter((part) => part.mark).map((part) => part.text);

describe('the archive store', () => {
  it('inserts idempotently: importing the same posts again adds nothing, and an edit replaces the text in the index', () => {
    const { db, store } = seeded();
    expect(store.count(masto)).toBe(4);
    const again = store.save(masto, 'mastodon', [archived(masto, '1', 'Un café à Paris, le soir', '2025-01-01T08:00:00.000Z'), archived(masto, '5', 'New one', '2025-07-01T08:00:00.000Z')]);
    expect(again.added).toBe(1);
    expect(store.count(masto)).toBe(5);
    expect(keys(search(db, { query: 'matin' }))).toEqual([]);
    expect(keys(search(db, { query: 'soir' }))).toEqual(['1']);
    // The indexes hold one entry per post, not one per save.
    expect(db.prepare("SELECT COUNT(*) AS n FROM archive_words WHERE archive_words MATCH 'paris'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM archive_trigrams WHERE archive_trigrams MATCH 'Paris'").get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM archive_posts WHERE post_key = '1'").get()).toEqual({ n: 1 });
  });

  it('keeps the same key of two accounts apart', () => {
    const { store } = seeded();
    store.save(sky, 'bluesky', [archived(sky, '1', 'same key, other account', '2025-01-02T00:00:00.000Z')]);
    expect(store.count(masto)).toBe(4);
    expect(store.count(sky)).toBe(3);
  });

  it('numbers posts by their time, so that newest first is the search indexes\' own order; posts of one millisecond all fit', () => {
    const db = openMemoryDatabase();
    const store = createArchiveStore(db);
    const at = '2025-01-01T00:00:00.000Z';
    store.save(masto, 'mastodon', [archived(masto, 'b', 'same moment cafe', at), archived(masto, 'c', 'earlier cafe', '2024-12-31T23:59:59.999Z')]);
    store.save(sky, 'bluesky', [archived(sky, 'a', 'same moment cafe too', at)]);
    const ids = db.prepare('SELECT post_key AS key, id FROM archive_posts ORDER BY id').all() as { key: string; id: number }[];
    expect(ids.map((row) => row.key)).toEqual(['c', 'b', 'a']);
    expect(ids[1]!.id).toBe(Date.parse(at) * 1024);
    expect(ids[2]!.id).toBe(Date.parse(at) * 1024 + 1);
    const first = searchArchive(db, { query: 'cafe', order: 'newest', limit: 2 });
    const rest = searchArchive(db, { query: 'cafe', order: 'newest', limit: 2, cursor: first.cursor });
    expect([...keys(first), ...keys(rest)]).toEqual(['a', 'b', 'c']);
    expect(rest.cursor).toBeNull();
  });

  it('rolls back with its transaction', () => {
    const { db, store } = seeded();
    expect(() =>
      inTransaction(db, () => {
        store.save(masto, 'mastodon', [archived(masto, '9', 'lost', '2025-08-01T00:00:00.000Z')]);
        throw new Error('crash');
      }),
    ).toThrow('crash');
    expect(store.count(masto)).toBe(4);
  });

  it('counts per account, with deleted posts kept and marked', () => {
    const { store } = seeded();
    expect(store.markDeleted(masto, ['2'])).toBe(1);
    expect(store.counts()).toEqual([
      { accountId: sky, network: 'bluesky', posts: 2, deleted: 0, withMedia: 0, oldest: '2025-05-01T08:00:00.000Z', newest: '2025-06-01T08:00:00.000Z' },
      { accountId: masto, network: 'mastodon', posts: 4, deleted: 1, withMedia: 1, oldest: '2025-01-01T08:00:00.000Z', newest: '2025-04-01T08:00:00.000Z' },
    ]);
    store.save(masto, 'mastodon', [archived(masto, '2', 'Cafe culture in Lisbon', '2025-02-01T08:00:00.000Z')]);
    expect(store.counts().find((row) => row.accountId === masto)).toMatchObject({ posts: 4, deleted: 0, withMedia: 0 });
  });

  it('keeps its counts as posts are saved, deleted, saved again and removed, the same as counting every post', () => {
    const { db, store } = seeded();
    const counted = () =>
      db
        .prepare(
          `SELECT account_id AS accountId, network, COUNT(*) AS posts, COUNT(deleted_at) AS deleted, SUM(has_media) AS withMedia,
                  MIN(created_at) AS oldest, MAX(created_at) AS newest
           FROM archive_posts GROUP BY account_id ORDER BY account_id`,
        )
        .all()
        .map((row) => ({ ...row }));
    store.save(masto, 'mastodon', [archived(masto, '6', 'With a picture', '2024-12-01T08:00:00.000Z', { hasMedia: true })]);
    store.markDeleted(masto, ['1', '3', '4']);
    store.save(masto, 'mastodon', [archived(masto, '3', 'Back again', '2025-03-01T08:00:00.000Z', { hasMedia: true })]);
    store.markDeleted(sky, []);
    db.prepare('DELETE FROM archive_posts WHERE account_id = ? AND post_key = ?').run(masto, '6');
    expect(store.counts()).toEqual(counted());
    db.prepare('DELETE FROM archive_posts WHERE account_id = ?').run(sky);
    expect(store.counts()).toEqual(counted());
    expect(store.counts().map((row) => row.accountId)).toEqual([masto]);
  });

  it('counts the posts archived before its counts were kept (migration 14)', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 13);
    const insert = db.prepare(`INSERT INTO archive_posts (account_id, network, post_key, uri, created_at, text, content, has_media, is_reply, is_quote, deleted_at, post, source, archived_at)
      VALUES (?, 'mastodon', ?, ?, ?, '', '', ?, 0, 0, ?, '{}', '{}', '2025-03-01T00:00:00.000Z')`);
    insert.run(masto, '1', 'https://m.test/1', '2025-01-01T08:00:00.000Z', 1, null);
    insert.run(masto, '2', 'https://m.test/2', '2025-02-01T08:00:00.000Z', 0, '2025-02-02T00:00:00.000Z');
    migrate(db);
    expect(createArchiveStore(db).counts()).toEqual([{ accountId: masto, network: 'mastodon', posts: 2, deleted: 1, withMedia: 1, oldest: '2025-01-01T08:00:00.000Z', newest: '2025-02-01T08:00:00.000Z' }]);
  });
});

describe('searching the archive', () => {
  it('ignores accents both ways: "cafe" finds "café" and "café" finds "cafe"', () => {
    const { db } = seeded();
    expect(keys(search(db, { query: 'cafe' })).sort()).toEqual(['1', '2', 'at://did:plc:me/app.bsky.feed.post/a']);
    expect(keys(search(db, { query: 'café' })).sort()).toEqual(['1', '2', 'at://did:plc:me/app.bsky.feed.post/a']);
    expect(keys(search(db, { query: 'resume NAIVE' }))).toEqual(['4']);
    const hit = search(db, { query: 'cafe', accounts: [masto] }).hits.find((h) => h.key === '1');
    expect(marked(hit!.snippet)).toEqual(['café']);
  });

  it('finds Japanese and Chinese substrings: two characters, and three or more', () => {
    const { db } = seeded();
    expect(keys(search(db, { query: '東京' }))).toEqual(['3']);
    expect(keys(search(db, { query: '东京' }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a']); // simplified 东 is another character
    expect(keys(search(db, { query: '京' }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a', '3']);
    expect(keys(search(db, { query: '北京和东京' }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a']);
    expect(keys(search(db, { query: '東京に行' }))).toEqual(['3']);
    expect(keys(search(db, { query: '今日は晴れ' }))).toEqual(['3']);
    expect(keys(search(db, { query: '晴' }))).toEqual(['3']);
    expect(keys(search(db, { query: '大阪' }))).toEqual([]);
    const long = search(db, { query: '今日は晴れ' }).hits[0]!;
    expect(marked(long.snippet)).toEqual(['今日は晴れ']);
    const short = search(db, { query: '東京' }).hits.find((h) => h.key === '3')!;
    expect(short.snippet).toEqual([{ text: '東京', mark: true }, { text: 'に行きました。今日は晴れです', mark: false }]);
    // Chinese and Latin words in one query: each to its own index.
    expect(keys(search(db, { query: '东京 cafe' }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a']);
  });

  it('searches media descriptions too', () => {
    const { db } = seeded();
    expect(keys(search(db, { query: 'coffee' }))).toEqual(['2']);
  });

  it('filters by account, network, dates, media and replies', () => {
    const { db } = seeded();
    expect(keys(search(db, { query: 'cafe', networks: ['bluesky'] }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a']);
    expect(keys(search(db, { query: 'cafe', accounts: [masto] }))).toEqual(['2', '1']);
    expect(keys(search(db, { query: 'cafe', accounts: [] }))).toEqual([]);
    expect(keys(search(db, { query: 'cafe', since: '2025-01-15T00:00:00Z', until: '2025-05-01T08:00:00Z' }))).toEqual(['2']);
    expect(keys(search(db, { query: 'cafe', hasMedia: true }))).toEqual(['2']);
    expect(keys(search(db, { query: '', replies: true }))).toEqual(['4']);
    expect(keys(search(db, { query: '', replies: false, accounts: [masto] }))).toEqual(['3', '2', '1']);
  });

  it('orders newest first or best match first, and pages with its cursor', () => {
    const { db } = seeded();
    expect(keys(search(db, { query: 'cafe', order: 'newest' }))).toEqual(['at://did:plc:me/app.bsky.feed.post/a', '2', '1']);
    // Three times "café" in the Bluesky post, and a shorter text in the Lisbon one than in the Paris one.
    expect(keys(search(db, { query: 'cafe', order: 'best' }))[0]).toBe('at://did:plc:me/app.bsky.feed.post/a');
    for (const order of ['newest', 'best'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = search(db, { query: '', order, limit: 4, cursor });
        seen.push(...keys(page));
        cursor = page.cursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
    }
    expect(keys(search(db, { query: '', limit: 2 }))).toEqual(['at://did:plc:me/app.bsky.feed.post/b', 'at://did:plc:me/app.bsky.feed.post/a']);
  });

  it('reads nothing typed as query syntax, and answers the post as the timeline draws it', () => {
    const { db } = seeded();
    for (const query of ['"', 'cafe OR', 'NEAR(', '*', 'a:b', '-cafe', '^x', '(((', 'x"y', '%', '_']) {
      expect(() => search(db, { query })).not.toThrow();
    }
    expect(keys(search(db, { query: 'cafe OR nothing' }))).toEqual([]);
    const hit = search(db, { query: 'Lisbon' }).hits[0]!;
    expect(hit.post.content).toEqual({ kind: 'facets', text: 'Cafe culture in Lisbon', facets: [] });
    expect(hit).toMatchObject({ accountId: masto, network: 'mastodon', hasMedia: true, isReply: false, deleted: false });
  });

  it('marks matches as parts, never as markup, and a post cannot forge a mark', () => {
    const db = openMemoryDatabase();
    const store = createArchiveStore(db);
    store.save(masto, 'mastodon', [archived(masto, 'x', '<b>cafe</b> \u0002fake\u0003 mark', '2025-01-01T00:00:00.000Z')]);
    const hit = searchArchive(db, { query: 'cafe', order: 'newest', limit: 5 }).hits[0]!;
    expect(hit.snippet).toEqual([
      { text: '<b>', mark: false },
      { text: 'cafe', mark: true },
      { text: '</b> fake mark', mark: false },
    ]);
  });
});

describe('search helpers', () => {
  it('sends words to the word index, long CJK runs to trigrams, short ones to LIKE', () => {
    expect(parseQuery('Café "new york" 東京タワー 東京')).toEqual({
      words: '"Café" AND "new york"',
      trigrams: '"東京タワー"',
      short: ['東京'],
      terms: ['Café', 'new york', '東京タワー', '東京'],
    });
    expect(parseQuery('   ')).toEqual({ words: null, trigrams: null, short: [], terms: [] });
  });

  it('splits marked snippets and marks plain ones', () => {
    expect(partsOf('a \u0002b\u0003 c\u0002d\u0003')).toEqual([
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
      { text: ' c', mark: false },
      { text: 'd', mark: true },
    ]);
    expect(plainSnippet('x'.repeat(300) + '東京' + 'y'.repeat(300), ['東京']).filter((p) => p.mark)).toEqual([{ text: '東京', mark: true }]);
  });
});
