import { describe, expect, it } from 'vitest';
import { postSchema } from '../../shared/domain/post.ts';
import { mergeTimelines, type AccountTimeline } from '../../shared/timeline/merge.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

const ann = mastodonAuthor('ann@one.example');
const ben = blueskyAuthor('ben.bsky.social');
const at = (hhmm: string) => `2026-11-25T${hhmm}:00.000Z`;

const timeline = (accountId: string, times: string[], done = false, author = ann): AccountTimeline => ({
  accountId,
  posts: times.map((t) => makePost({ author, at: at(t), seenBy: accountId, text: `${accountId} ${t}` })),
  done,
});

const times = (posts: { sortAt: string }[]) => posts.map((p) => p.sortAt.slice(11, 16));

describe('the merged timeline', () => {
  it('builds valid posts (the factory follows the domain schema)', () => {
    expect(postSchema.safeParse(makePost({ author: ann, at: at('10:00') })).success).toBe(true);
  });

  it('never shows a post older than what another account still has to load', () => {
    const merged = mergeTimelines([timeline('a', ['10:00', '09:50', '09:40']), timeline('b', ['10:05', '09:55'], false, ben)]);
    expect(times(merged.posts)).toEqual(['10:05', '10:00', '09:55']);
    expect(merged.frontier).toBe(at('09:55'));
    expect(merged.needsMore).toEqual(['b']);
  });

  it('lets a finished or failed account hold nobody back', () => {
    const merged = mergeTimelines([timeline('a', ['10:00', '09:50', '09:40']), timeline('b', ['10:05', '09:55'], true, ben)]);
    expect(times(merged.posts)).toEqual(['10:05', '10:00', '09:55', '09:50', '09:40']);
    expect(merged.needsMore).toEqual(['a']);
  });

  it('shows everything, with no frontier, once every account is done', () => {
    const merged = mergeTimelines([timeline('a', ['10:00'], true), timeline('b', ['09:00'], true, ben)]);
    expect(times(merged.posts)).toEqual(['10:00', '09:00']);
    expect(merged.frontier).toBeNull();
    expect(merged.needsMore).toEqual([]);
  });

  it('waits for an account that has loaded nothing yet', () => {
    const merged = mergeTimelines([timeline('a', ['10:00']), { accountId: 'b', posts: [], done: false }]);
    expect(merged.posts).toEqual([]);
    expect(merged.needsMore).toEqual(['b']);
  });

  it('asks every account holding the frontier to load more', () => {
    expect(mergeTimelines([timeline('a', ['10:00', '09:30']), timeline('b', ['09:45', '09:30'], false, ben)]).needsMore).toEqual(['a', 'b']);
  });

  it('orders by time, never by Mastodon ids (opaque strings)', () => {
    const older = makePost({ author: ann, at: at('09:00'), nativeId: '999999', seenBy: 'a' });
    const newer = makePost({ author: ann, at: at('10:00'), nativeId: '100', seenBy: 'a' });
    expect(mergeTimelines([{ accountId: 'a', posts: [older, newer], done: true }]).posts.map((p) => p.seenBy[0]!.nativeId)).toEqual(['100', '999999']);
  });

  it('shows a post seen by two accounts once, with both accounts and the highest counts', () => {
    const uri = 'https://one.example/users/ann/statuses/42';
    const fromA = makePost({ author: ann, at: at('10:00'), uri, seenBy: 'a', nativeId: '42', likes: 3 });
    const fromB = makePost({ author: ann, at: at('10:00'), uri, seenBy: 'b', nativeId: '1090', likes: 5 });
    const merged = mergeTimelines([
      { accountId: 'a', posts: [fromA], done: true },
      { accountId: 'b', posts: [fromB], done: true },
    ]);
    expect(merged.posts).toHaveLength(1);
    expect(merged.posts[0]!.seenBy.map((s) => [s.accountId, s.nativeId])).toEqual([
      ['a', '42'],
      ['b', '1090'],
    ]);
    expect(merged.posts[0]!.counts.likes).toBe(5);
  });

  it('keeps two different posts with the same text apart', () => {
    const one = makePost({ author: ann, at: at('10:00'), text: 'same words', seenBy: 'a' });
    const two = makePost({ author: ann, at: at('10:00'), text: 'same words', seenBy: 'a' });
    expect(mergeTimelines([{ accountId: 'a', posts: [one, two], done: true }]).posts).toHaveLength(2);
  });

  it('keeps posts made in the same second in their server\'s order', () => {
    const second = '2026-11-25T10:00:00.000Z';
    const [first, then, last] = ['c', 'a', 'b'].map((name) => makePost({ author: mastodonAuthor(`${name}@x.example`), at: second, seenBy: 'amy', uri: `https://x.example/${name}` }));
    const merged = mergeTimelines([{ accountId: 'amy', posts: [first!, then!, last!], done: true }]);
    expect(merged.posts.map((post) => post.uri)).toEqual(['https://x.example/c', 'https://x.example/a', 'https://x.example/b']);
  });
});
