/**
 * Cross-post groups of older archived posts (electron/core/archive/cross-posts.ts): the timeline's
 * collapse rule applied across the user's own accounts, never over a group already written.
 */
import { describe, expect, it } from 'vitest';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import { groupCrossPosts } from '../../electron/core/archive/cross-posts.ts';
import type { ArchivedPost } from '../../electron/core/networks/archive.ts';
import { inTransaction, openMemoryDatabase, type Database } from '../../electron/core/store/database.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const masto = 'mastodon:m.test:1';
const sky = 'bluesky:did:plc:me';
const at = (hhmmss: string) => `2025-03-01T${hhmmss}.000Z`;

function archived(accountId: string, key: string, text: string, time: string, crossPost?: string): ArchivedPost {
  const onMastodon = accountId === masto;
  const post = onMastodon
    ? makePost({ author: mastodonAuthor('me@m.test'), at: time, html: `<p>${text}</p>`, seenBy: accountId, nativeId: key })
    : makePost({ author: blueskyAuthor('me.test'), at: time, text, seenBy: accountId, nativeId: key });
  return {
    key,
    uri: post.uri,
    url: null,
    createdAt: time,
    text,
    altText: '',
    content: post.content,
    langs: [],
    hasMedia: false,
    isReply: false,
    isQuote: false,
    post,
    source: null,
    ...(crossPost ? { crossPost } : {}),
  };
}

function archive(posts: { account: string; key: string; text: string; at: string; crossPost?: string }[]): Database {
  const db = openMemoryDatabase();
  const store = createArchiveStore(db);
  inTransaction(db, () => {
    for (const post of posts) store.save(post.account, post.account === masto ? 'mastodon' : 'bluesky', [archived(post.account, post.key, post.text, post.at, post.crossPost)]);
  });
  return db;
}

const groups = (db: Database) =>
  Object.fromEntries((db.prepare('SELECT post_key AS key, cross_post AS crossPost FROM archive_posts ORDER BY id').all() as { key: string; crossPost: string | null }[]).map((row) => [row.key, row.crossPost]));

const launch = 'Our garden opens to visitors this Saturday, from ten until dusk.';

describe('cross-post groups of older archived posts', () => {
  it('groups the same words on Mastodon and Bluesky 30 s apart; different words stay apart', () => {
    const db = archive([
      { account: masto, key: 'm1', text: launch, at: at('10:00:00') },
      { account: sky, key: 'b1', text: launch, at: at('10:00:30') },
      { account: masto, key: 'm2', text: 'A quiet evening with a book and some tea.', at: at('11:00:00') },
      { account: sky, key: 'b2', text: 'Rain all day: the snails are delighted, the gardener less so.', at: at('11:00:20') },
    ]);
    expect(groupCrossPosts(db)).toEqual({ grouped: 2 });
    const found = groups(db);
    expect(found.m1).toMatch(/^match:\d+$/);
    expect(found.b1).toBe(found.m1);
    expect(found.m2).toBeNull();
    expect(found.b2).toBeNull();
    // Run again (after the next sync): nothing changes.
    expect(groupCrossPosts(db)).toEqual({ grouped: 0 });
    expect(groups(db)).toEqual(found);
  });

  it('leaves apart the same words of one account, and of two accounts too far apart in time', () => {
    const db = archive([
      { account: masto, key: 'm1', text: launch, at: at('10:00:00') },
      { account: masto, key: 'm2', text: launch, at: at('10:00:10') },
      { account: sky, key: 'b1', text: launch, at: at('10:30:00') },
    ]);
    expect(groupCrossPosts(db)).toEqual({ grouped: 0 });
    expect(Object.values(groups(db))).toEqual([null, null, null]);
  });

  it('keeps a group the outbox wrote (draft:), and a post of another account may join it', () => {
    const db = archive([
      { account: masto, key: 'm1', text: launch, at: at('10:00:00'), crossPost: 'draft:d1' },
      { account: sky, key: 'b1', text: launch, at: at('10:00:30') },
      { account: masto, key: 'm2', text: 'Sent together, worded differently on each network.', at: at('12:00:00'), crossPost: 'draft:d2' },
      { account: sky, key: 'b2', text: launch, at: at('12:00:30'), crossPost: 'draft:d3' },
    ]);
    groupCrossPosts(db);
    expect(groups(db)).toEqual({ m1: 'draft:d1', b1: 'draft:d1', m2: 'draft:d2', b2: 'draft:d3' });
  });

  it('a sync later that brings the other copy groups it then, reading only around what it saved', () => {
    const db = archive([
      { account: masto, key: 'm1', text: launch, at: at('10:00:00') },
      // Far from what the sync brings: outside the span it reads.
      { account: masto, key: 'm0', text: 'An early note, made long before.', at: '2025-01-01T00:00:00.000Z' },
      { account: sky, key: 'b0', text: 'An early note, made long before.', at: '2025-01-01T00:01:00.000Z' },
    ]);
    db.exec(`UPDATE archive_posts SET archived_at = '2025-06-01T00:00:00.000Z'`);
    const store = createArchiveStore(db);
    inTransaction(db, () => store.save(sky, 'bluesky', [archived(sky, 'b1', `${launch} https://garden.example/visit`, at('09:58:00'))], '2025-07-01T00:00:00.000Z'));
    expect(groupCrossPosts(db, { savedSince: '2025-07-01T00:00:00.000Z' })).toEqual({ grouped: 2 });
    expect(groups(db)).toMatchObject({ m0: null, b0: null });
    expect(groupCrossPosts(db, { savedSince: '2025-08-01T00:00:00.000Z' })).toEqual({ grouped: 0 }); // nothing saved since: nothing read
    expect(groupCrossPosts(db)).toEqual({ grouped: 2 }); // the whole archive: the early pair too
    const found = groups(db);
    expect(found.m1).not.toBeNull();
    expect(found.b1).toBe(found.m1);
  });
});
