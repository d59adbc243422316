import { describe, expect, it } from 'vitest';
import { postKey, type Author, type Post } from '../../shared/domain/post.ts';
import type { IdentityLinks, TimelineItem } from '../../shared/timeline/cross-posts.ts';
import type { AccountTimeline } from '../../shared/timeline/merge.ts';
import { sentPartKey, type SentPart, type SentParts } from '../../shared/timeline/sent-together.ts';
import { createTimelineItems } from '../../shared/timeline/timeline-items.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const people = [0, 1, 2, 3].map((n) => ({ mastodon: mastodonAuthor(`p${n}@social.example`), bluesky: blueskyAuthor(`p${n}.bsky.test`) }));
const linkedPeople = (count: number): IdentityLinks =>
  new Map(people.slice(0, count).flatMap(({ mastodon, bluesky }) => [[mastodon.id, new Set([bluesky.id])], [bluesky.id, new Set([mastodon.id])]] as const));
const accounts = [
  { id: 'm1', network: 'mastodon' },
  { id: 'm2', network: 'mastodon' },
  { id: 'b1', network: 'bluesky' },
] as const;
const phrases = ['Our garden is finally blooming this week', 'Release notes for the new version are out', 'Coffee first, then the long train ride home', 'short'];

/**
 * A random history of a timeline: new posts on top (most of the time), older pages, edits,
 * deletions, posts seen by two accounts, boosts of older posts, cross-posts, identity links and
 * sent-together drafts that change, feeds that finish.
 */
function history(seed: number) {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const feeds = new Map<string, { posts: Post[]; done: boolean }>(accounts.map((account) => [account.id, { posts: [], done: false }]));
  let clock = Date.UTC(2026, 10, 25, 12);
  let links = linkedPeople(2);
  let sent: SentParts = new Map();
  let drafts = 0;
  const iso = (ms: number) => new Date(ms).toISOString();

  function post(accountId: string, at: number): Post {
    const network = accounts.find((account) => account.id === accountId)!.network;
    const author: Author = pick(people)[network];
    const text = pick(phrases);
    return makePost({ author, at: iso(at), seenBy: accountId, ...(network === 'mastodon' ? { html: `<p>${text}</p>` } : { text }) });
  }

  const steps: (() => void)[] = [
    // New posts on top of one or more feeds; sometimes also seen by the other Mastodon account, or a boost of an older post.
    () => {
      for (const account of accounts) {
        if (next() < 0.4) continue;
        const fresh: Post[] = [];
        for (let n = Math.floor(next() * 4) + 1; n > 0; n--) {
          clock += Math.floor(next() * 3) * 60_000;
          const older = feeds.get(account.id)!.posts.slice(5);
          const made = next() < 0.1 && older.length > 0 ? { ...pick(older), boostedBy: pick(people)[account.network], sortAt: iso(clock) } : post(account.id, clock);
          fresh.unshift(made);
          if (account.network === 'mastodon' && next() < 0.2) {
            const other = account.id === 'm1' ? 'm2' : 'm1';
            const feed = feeds.get(other)!;
            feed.posts = [{ ...made, seenBy: [{ ...made.seenBy[0]!, accountId: other }] }, ...feed.posts];
          }
        }
        const feed = feeds.get(account.id)!;
        feed.posts = [...fresh, ...feed.posts];
      }
    },
    // An older page at the bottom.
    () => {
      const account = pick(accounts);
      const feed = feeds.get(account.id)!;
      let at = Date.parse(feed.posts.at(-1)?.sortAt ?? iso(clock));
      for (let n = Math.floor(next() * 5) + 1; n > 0; n--) feed.posts = [...feed.posts, post(account.id, (at -= Math.floor(next() * 3) * 60_000))];
    },
    // An edit (or new counts) of any post.
    () => {
      const feed = feeds.get(pick(accounts).id)!;
      if (feed.posts.length === 0) return;
      const index = Math.floor(next() * feed.posts.length);
      feed.posts = feed.posts.with(index, { ...feed.posts[index]!, counts: { replies: 1, boosts: 2, likes: Math.floor(next() * 100) } });
    },
    // A deletion.
    () => {
      const feed = feeds.get(pick(accounts).id)!;
      if (feed.posts.length > 0) feed.posts = feed.posts.toSpliced(Math.floor(next() * feed.posts.length), 1);
    },
    () => {
      const feed = feeds.get(pick(accounts).id)!;
      feed.done = !feed.done;
    },
    () => {
      links = linkedPeople(Math.floor(next() * 4));
    },
    // A draft sent to two accounts (maybe as a thread), marked on recent posts.
    () => {
      const parts = new Map<string, SentPart>(sent);
      const group = `draft-${(drafts += 1)}`;
      for (const id of ['m1', 'b1']) {
        const posts = feeds.get(id)!.posts.filter((post) => post.boostedBy === null).slice(0, 12);
        if (posts.length < 2) continue;
        const [first, second] = [pick(posts), pick(posts)];
        parts.set(sentPartKey(id, first.seenBy[0]!.nativeId), { group, part: 0, parts: 2 });
        if (second !== first) parts.set(sentPartKey(id, second.seenBy[0]!.nativeId), { group, part: 1, parts: 2 });
      }
      sent = parts;
    },
  ];
  const weights = [10, 2, 2, 1, 1, 1, 1];
  const total = weights.reduce((sum, weight) => sum + weight, 0);

  return {
    step() {
      let roll = next() * total;
      const index = weights.findIndex((weight) => (roll -= weight) < 0);
      steps[index]!();
    },
    parts: (): AccountTimeline[] => accounts.map((account) => ({ accountId: account.id, ...feeds.get(account.id)! })),
    links: () => links,
    sent: () => sent,
    keys: () => [...feeds.values()].flatMap((feed) => feed.posts.map(postKey)),
  };
}

/** Everything an item shows, in one line: its posts (with who saw them and their counts), its time, what was sent together. */
const shape = (items: TimelineItem[]) =>
  items.map(
    (item) =>
      `${item.posts.map((post) => `${postKey(post)} ${post.sortAt} ${post.seenBy.map((s) => s.accountId).join(',')} ${JSON.stringify(post.counts)}${post.boostedBy ? ' boosted' : ''}`).join(' + ')} @${item.sortAt}${item.sent ? ` sent ${item.sent.parts}` : ''}`,
  );

describe('the timeline items, worked out again only where they can have changed', () => {
  it('are always what working them all out gives: 80 random histories of 80 steps', { timeout: 180_000 }, () => {
    let fromHead = 0;
    let steps = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const timeline = history(seed);
      // How many posts the last working-out passed for links: all of them, or only the head's.
      const passed = { all: 0, incremental: 0 };
      const everything = createTimelineItems({ links: (posts) => ((passed.all = posts.length), timeline.links()), sentParts: timeline.sent, headSize: Infinity });
      const incremental = createTimelineItems({ links: (posts) => ((passed.incremental = posts.length), timeline.links()), sentParts: timeline.sent, headSize: 10 });
      for (let step = 0; step < 80; step++) {
        timeline.step();
        const expected = everything.itemsOf(timeline.parts());
        const worked = incremental.itemsOf(timeline.parts());
        expect(shape(worked.items), `seed ${seed}, step ${step}`).toEqual(shape(expected.items));
        const keys = timeline.keys();
        expect(keys.map(worked.shows), `seed ${seed}, step ${step}`).toEqual(keys.map(expected.shows));
        if (passed.all <= 40) continue; // short timelines are worked out whole
        steps += 1;
        if (passed.incremental < passed.all) fromHead += 1;
      }
    }
    // Most steps put posts on top, but these histories are hostile (edits and deletions far down,
    // drafts and links changing, boosts of loaded posts): a good part must still come from the head alone (about 29%).
    expect(fromHead / steps).toBeGreaterThan(0.2);
  });
});
