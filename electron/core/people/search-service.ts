/**
 * One search over every account: each asks its own network (Mastodon's v2 search, resolving an
 * address or a URL through the account's server; Bluesky's actor and post search), and the
 * answers merge: a post seen by several accounts once, a cross-post once, a person found on both
 * networks as one entry with both profiles. Words that name one person or one post (an address,
 * a handle, a post's web address) also say where to jump. A hashtag is one merged list: each
 * account's tag timeline or post search, newest first, paged together.
 */
import type { AppError } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { postKey, type Author, type Post } from '../../../shared/domain/post.ts';
import { collapseCrossPosts, sameIdentity, type IdentityLinks, type TimelineItem } from '../../../shared/timeline/cross-posts.ts';
import { isClaimOf } from '../../../shared/timeline/identity-claims.ts';
import { dedupe } from '../../../shared/timeline/merge.ts';
import { accountError, phrase, ServerError } from '../base/errors.ts';
import { createKeptPosts } from '../lists/kept-posts.ts';
import type { NetworkPeople, SearchFound, TimelinePage } from '../networks/network.ts';
import { withOutcome, type ActionOutcome } from '../networks/post-actions.ts';

export interface SearchDeps {
  accounts: () => AccountSummary[];
  peopleOf: (network: Network) => NetworkPeople | undefined;
  links: (posts: readonly Post[]) => IdentityLinks;
  onAuthExpired: (accountId: string) => void;
}

export interface PersonSeen {
  /** The account of yours that found them (their profile opens as it sees them). */
  accountId: string;
  author: Author;
}

export type Jump = { kind: 'person'; accountId: string; who: string } | { kind: 'post'; keys: string[] };

export interface SearchResults {
  jump: Jump | null;
  /** Each person once, with a profile per network they were found on. */
  people: PersonSeen[][];
  /** Posts, newest first, a cross-post once. */
  items: TimelineItem[];
  failures: AppError[];
}

export interface TagPage {
  items: TimelineItem[];
  cursor: string | null;
  failures: AppError[];
}

const searchLimit = 20;
const tagPageSize = 20;

const bare = (text: string) => text.trim().replace(/^@/, '').toLowerCase();

/** Two authors who are one person: the same account, or linked across networks. */
function samePerson(a: Author, b: Author, links: IdentityLinks): boolean {
  if (a.network === b.network) return a.id === b.id;
  return sameIdentity(a, b, links) || (a.claims ?? []).some((claim) => isClaimOf(claim, b)) || (b.claims ?? []).some((claim) => isClaimOf(claim, a));
}

const newestFirst = (a: Post, b: Post) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export function createSearchService({ accounts, peopleOf, links, onAuthExpired }: SearchDeps) {
  const shown = createKeptPosts();

  /** Each usable account with what its network can do, run side by side; a failure is that account's alone. */
  async function everyAccount<T>(can: (people: NetworkPeople) => boolean, run: (people: NetworkPeople, account: AccountSummary) => Promise<T>) {
    const usable = accounts().flatMap((account) => {
      const people = account.status === 'auth_expired' ? undefined : peopleOf(account.network);
      return people && can(people) ? [{ account, people }] : [];
    });
    const failures: AppError[] = [];
    const answers = await Promise.all(
      usable.map(async ({ account, people }) => {
        try {
          return { account, value: await run(people, account) };
        } catch (error) {
          if (!(error instanceof ServerError)) throw error;
          if (error.code === 'auth_expired') onAuthExpired(account.id);
          failures.push(accountError(error, account.id, phrase('error.what.search')));
          return null;
        }
      }),
    );
    return { answers: answers.filter((answer) => answer !== null), failures };
  }

  function itemsOf(posts: Post[]): TimelineItem[] {
    const merged = dedupe(posts).sort(newestFirst);
    shown.keep(merged);
    return collapseCrossPosts(merged, links(merged));
  }

  function jumpOf(query: string, people: PersonSeen[][], items: TimelineItem[]): Jump | null {
    const wanted = bare(query);
    const post = items.find((item) => item.posts.some((candidate) => [candidate.url, candidate.uri].some((address) => address !== null && bare(address) === wanted)));
    if (post) return { kind: 'post', keys: post.posts.map(postKey) };
    for (const person of people.flat()) {
      const { author } = person;
      if ([author.handle, author.id, author.profileUrl].some((name) => name !== null && bare(name) === wanted)) return { kind: 'person', accountId: person.accountId, who: author.id };
    }
    return null;
  }

  return {
    async search(query: string): Promise<SearchResults> {
      const { answers, failures } = await everyAccount(
        (people) => people.search !== undefined,
        (people, account): Promise<SearchFound> => people.search!(account.id, query.trim(), searchLimit),
      );
      const items = itemsOf(answers.flatMap(({ value }) => value.posts));
      const found = answers.flatMap(({ account, value }) => value.people.map((author): PersonSeen => ({ accountId: account.id, author })));
      const known = links(items.flatMap((item) => item.posts));
      const people: PersonSeen[][] = [];
      for (const person of found) {
        const group = people.find((candidates) => candidates.some((seen) => samePerson(seen.author, person.author, known)));
        if (!group) people.push([person]);
        else if (!group.some((seen) => seen.author.network === person.author.network && seen.author.id === person.author.id)) group.push(person);
      }
      return { jump: jumpOf(query, people, items), people, items, failures };
    },

    /** A page of the hashtag's posts from every account; `cursor` (from the page before) says where each account goes on. */
    async tag(tag: string, cursor: string | null): Promise<TagPage> {
      const name = tag.trim().replace(/^#/, '');
      const positions = cursor ? (JSON.parse(cursor) as Record<string, string>) : null;
      const { answers, failures } = await everyAccount(
        (people) => people.tagged !== undefined,
        (people, account): Promise<TimelinePage | null> =>
          positions && !(account.id in positions) ? Promise.resolve(null) : people.tagged!(account.id, name, positions?.[account.id] ?? null, tagPageSize),
      );
      const next: Record<string, string> = {};
      // A short page is the end of that account's list (Mastodon names a next page after any page).
      for (const { account, value } of answers) if (value?.cursor && value.posts.length >= tagPageSize) next[account.id] = value.cursor;
      const items = itemsOf(answers.flatMap(({ value }) => value?.posts ?? []).filter((post) => !post.unreadable));
      return { items, cursor: Object.keys(next).length > 0 ? JSON.stringify(next) : null, failures };
    },

    /** A post shown in a search or a hashtag lately, by postKey. */
    findPost: shown.find,
    recordAction: (key: string, outcome: ActionOutcome) => shown.update(key, (post) => withOutcome(post, outcome)),
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
