import { describe, expect, it } from 'vitest';
import { gatherSentTogether, sentPartKey, type SentPart } from '../../shared/timeline/sent-together.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 9, 0, second)).toISOString();
const amy = mastodonAuthor('amy@home.example');
const kim = blueskyAuthor('kim.test');

describe('posts Braid sent together', () => {
  // One draft: amy's copy in two parts (ids m1, m2), kim's in three (b1, b2, b3); kim boosted her first part.
  const posts = [
    makePost({ author: kim, at: at(6), seenBy: 'bluesky:kim', nativeId: 'b3' }),
    makePost({ author: kim, at: at(5), seenBy: 'bluesky:kim', nativeId: 'b2' }),
    makePost({ author: amy, at: at(4), seenBy: 'mastodon:amy', nativeId: 'm2' }),
    makePost({ author: kim, at: at(3), seenBy: 'bluesky:kim', nativeId: 'b1' }),
    makePost({ author: kim, at: at(3), seenBy: 'bluesky:kim', nativeId: 'b1', boostedBy: kim, sortAt: at(7) }),
    makePost({ author: amy, at: at(2), seenBy: 'mastodon:amy', nativeId: 'm1' }),
    makePost({ author: amy, at: at(1), seenBy: 'mastodon:amy', nativeId: 'other' }),
  ];
  const part = (accountId: string, id: string, index: number, parts: number): [string, SentPart] => [sentPartKey(accountId, id), { group: 'draft-1', part: index, parts }];
  const sent = new Map([part('mastodon:amy', 'm1', 0, 2), part('mastodon:amy', 'm2', 1, 2), part('bluesky:kim', 'b1', 0, 3), part('bluesky:kim', 'b2', 1, 3), part('bluesky:kim', 'b3', 2, 3)]);

  it('become one item: every account’s first part, newest first, with the longest thread’s length', () => {
    const { items, rest } = gatherSentTogether(posts, sent);
    expect(items).toHaveLength(1);
    expect(items[0]!.posts.map((post) => post.seenBy[0]!.nativeId)).toEqual(['b1', 'm1']);
    expect(items[0]).toMatchObject({ sortAt: at(3), parts: 3 });
    // The boost and the post Braid did not send stay as they are.
    expect(rest.map((post) => [post.seenBy[0]!.nativeId, post.boostedBy !== null])).toEqual([['b1', true], ['other', false]]);
  });

  it('leave later parts as they are while no first part is loaded', () => {
    const { items, rest } = gatherSentTogether(posts.slice(0, 3), sent);
    expect(items).toEqual([]);
    expect(rest).toHaveLength(3);
  });

  it('change nothing when Braid sent nothing', () => {
    expect(gatherSentTogether(posts, new Map())).toEqual({ items: [], rest: posts });
  });
});
