/**
 * Which authors in the timeline, on two networks, are one person, for collapsing their
 * cross-posts (shared/timeline/cross-posts.ts). The rule: author A claims author B on another
 * network (A's own profile names B: shared/timeline/identity-claims.ts), and either
 *   - the claim is verified (A's server checked that B's page links back to A), or
 *   - B's own profile names A too.
 * A claim in one direction only never links: anyone can write someone else's handle in their
 * profile, and a wrong link hides a post.
 *
 * Some networks send an author's claims with every post (Mastodon's profile fields). Others do
 * not (a Bluesky post's author is a profileViewBasic): their module's `identity.claimsOf` fetches
 * them lazily, only for authors claimed without verification, in the background after a view
 * asked for them, and they are kept for hours. A refresh itself never waits for them. When what
 * was fetched changes the links, `changed` is told.
 */
import type { Network } from '../../../shared/domain/account.ts';
import type { Author, IdentityClaim, Post } from '../../../shared/domain/post.ts';
import { oncePerObject } from '../../../shared/once-per-object.ts';
import type { IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { sortTime } from '../../../shared/timeline/merge.ts';
import { claimableNames, isClaimOf } from '../../../shared/timeline/identity-claims.ts';
import type { Logger } from '../base/logger.ts';
import type { NetworkIdentity } from '../networks/network.ts';

/** What authors' profiles claim (by author id) where it was fetched rather than sent with posts. */
export type FetchedClaims = ReadonlyMap<string, readonly IdentityClaim[]>;

interface Claimed {
  claimant: Author;
  claimed: Author;
  verified: boolean;
}

const authorKey = oncePerObject((author: Author) => `${author.network} ${author.id}`);

/** Each author of the posts (boosts aside: they never collapse) as their newest post shows them (posts come newest first): a profile edited since says what it says now. */
function newestAuthors(posts: readonly Post[]): Author[] {
  const authors = new Map<string, Author>();
  for (const post of posts) if (post.boostedBy === null && !authors.has(authorKey(post.author))) authors.set(authorKey(post.author), post.author);
  return [...authors.values()];
}

/** Pairs of these authors where one claims the other. */
function claimedPairs(authors: readonly Author[]): Claimed[] {
  const byName = new Map<string, Author>();
  for (const author of authors) for (const name of claimableNames(author)) byName.set(`${author.network} ${name}`, author);
  const pairs = new Map<string, Claimed>();
  for (const claimant of authors) {
    for (const claim of claimant.claims ?? []) {
      const claimed = claim.network === claimant.network ? undefined : byName.get(`${claim.network} ${claim.account}`);
      if (!claimed) continue;
      const key = `${claimant.id} ${claimed.id}`;
      pairs.set(key, { claimant, claimed, verified: claim.verified || (pairs.get(key)?.verified ?? false) });
    }
  }
  return [...pairs.values()];
}

const isLinked = (pair: Claimed, fetched: FetchedClaims) =>
  pair.verified || [...(pair.claimed.claims ?? []), ...(fetched.get(pair.claimed.id) ?? [])].some((claim) => isClaimOf(claim, pair.claimant));

function linksOf(pairs: readonly Claimed[], fetched: FetchedClaims): IdentityLinks {
  const links = new Map<string, Set<string>>();
  const add = (from: string, to: string) => links.set(from, (links.get(from) ?? new Set()).add(to));
  for (const pair of pairs) {
    if (!isLinked(pair, fetched)) continue;
    add(pair.claimant.id, pair.claimed.id);
    add(pair.claimed.id, pair.claimant.id);
  }
  return links;
}

/** The links among the posts' authors, by the rule above. */
export const linkIdentities = (posts: readonly Post[], fetched: FetchedClaims): IdentityLinks => linksOf(claimedPairs(newestAuthors(posts)), fetched);

/** An author as the registry knows them: from their newest post, with the accounts that saw their posts. */
interface KnownAuthor {
  author: Author;
  /** When the post showing them was made (its sortAt, in ms), and in which call it was passed. */
  at: number;
  learnedIn: number;
  /** The network and an account that saw a post of theirs on their own network: who can look their profile up. */
  viewer: { network: Network; viewer: string } | null;
  seenBy: Set<string>;
}

/** What of an author the rule reads: whether it changed decides whether the links are worked out again. */
const ruleInput = (author: Author) => JSON.stringify([author.network, author.id, [...claimableNames(author)], author.claims ?? null]);

export interface IdentityLinksDeps {
  /** The identity part of a network's module, where its posts do not carry their authors' claims. */
  identityOf: (network: Network) => NetworkIdentity | undefined;
  /** Links changed after a lookup: the accounts that saw the posts concerned. */
  changed: (accountIds: string[]) => void;
  /** How long a fetched profile is trusted: 6 hours. */
  ttlMs?: number;
  /** After a failed lookup, how long before trying again: 15 minutes. */
  retryMs?: number;
  now?: () => number;
  log?: Logger;
}

const pairKeys = (links: IdentityLinks) => new Set([...links].flatMap(([from, to]) => [...to].map((id) => `${from} ${id}`)));

export function createIdentityLinks({ identityOf, changed, ttlMs = 6 * 3_600_000, retryMs = 15 * 60_000, now = Date.now, log = () => undefined }: IdentityLinksDeps) {
  /** By author id: what the profile claims (kept past its time until a new lookup answers) and until when to trust it. */
  const fetched = new Map<string, { claims: IdentityClaim[]; until: number }>();
  const asking = new Set<string>();
  const running = new Set<Promise<void>>();
  let closed = false;
  /**
   * Every author seen this run, by authorKey: a view passes only the posts it has not passed
   * before (the newest, on a refresh), so a refresh costs what it brings, not what is loaded.
   * An author whose posts left the timeline may still link, which changes nothing: a link only
   * joins posts that are shown.
   */
  const known = new Map<string, KnownAuthor>();
  let pairs: Claimed[] = [];
  let pairsStale = false;
  let links: IdentityLinks = new Map();
  let linksStale = false;
  let learning = 0;

  const fetchedClaims = (): FetchedClaims => new Map([...fetched].map(([id, entry]) => [id, entry.claims]));
  const fetchable = (network: Network) => {
    try {
      return identityOf(network) !== undefined;
    } catch {
      return false; // a network this Braid has no module for
    }
  };

  function learn(posts: readonly Post[]): void {
    learning += 1;
    for (const post of posts) {
      const key = authorKey(post.author);
      let entry = known.get(key);
      if (!entry) known.set(key, (entry = { author: post.author, at: -Infinity, learnedIn: 0, viewer: null, seenBy: new Set() }));
      for (const sighting of post.seenBy) entry.seenBy.add(sighting.accountId);
      const viewer = post.seenBy[0]?.accountId;
      if (!entry.viewer && viewer && post.network === post.author.network) entry.viewer = { network: post.network, viewer };
      if (post.boostedBy !== null) continue;
      // Newer, or as new and passed in a later call: the same author data again, or fresher.
      const at = sortTime(post);
      if (at < entry.at || (at === entry.at && entry.learnedIn === learning)) continue;
      if (entry.at === -Infinity || (entry.author !== post.author && ruleInput(entry.author) !== ruleInput(post.author))) pairsStale = true;
      Object.assign(entry, { author: post.author, at, learnedIn: learning });
    }
  }

  /** The authors shown by a post of their own (not only boosted). */
  const authorsNow = () => [...known.values()].filter((entry) => entry.at > -Infinity);

  function currentLinks(): IdentityLinks {
    if (pairsStale) pairs = claimedPairs(authorsNow().map((entry) => entry.author));
    if (pairsStale || linksStale) links = linksOf(pairs, fetchedClaims());
    pairsStale = linksStale = false;
    return links;
  }

  /** Claimed authors whose own profile decides a link (claimed, not verified, claims not sent with posts), each with the network and an account that saw them. */
  function profilesDecidingLinks(): Map<string, { network: Network; viewer: string }> {
    const viewers = new Map<string, { network: Network; viewer: string }>();
    for (const pair of pairs) {
      if (pair.verified || pair.claimed.claims !== undefined || viewers.has(pair.claimed.id)) continue;
      const viewer = known.get(authorKey(pair.claimed))?.viewer;
      if (viewer && fetchable(viewer.network)) viewers.set(pair.claimed.id, viewer);
    }
    return viewers;
  }

  async function lookUp(wanted: Map<string, { network: Network; viewer: string }>): Promise<void> {
    const before = pairKeys(currentLinks());
    const byViewer = new Map<string, { network: Network; ids: string[] }>();
    for (const [id, { network, viewer }] of wanted) byViewer.set(viewer, { network, ids: [...(byViewer.get(viewer)?.ids ?? []), id] });
    for (const [viewer, { network, ids }] of byViewer) {
      try {
        const found = (await identityOf(network)?.claimsOf(viewer, ids)) ?? new Map<string, IdentityClaim[]>();
        // A profile not answered (deleted, suspended) claims nothing.
        for (const id of ids) fetched.set(id, { claims: found.get(id) ?? [], until: now() + ttlMs });
      } catch (error) {
        log(`identity links: could not read ${network} profiles`, error);
        for (const id of ids) fetched.set(id, { claims: fetched.get(id)?.claims ?? [], until: now() + retryMs });
      } finally {
        for (const id of ids) asking.delete(id);
      }
    }
    linksStale = true;
    const after = pairKeys(currentLinks());
    const differing = new Set([...before, ...after].filter((pair) => before.has(pair) !== after.has(pair)).flatMap((pair) => pair.split(' ')));
    if (closed || differing.size === 0) return;
    changed([...new Set([...known.values()].filter((entry) => differing.has(entry.author.id)).flatMap((entry) => [...entry.seenBy]))]);
  }

  return {
    /**
     * The links among the authors of these posts and of those passed before (the same object
     * until they change); profiles that would decide more links and are not known (or are out
     * of date) are looked up in the background.
     */
    linksAmong(posts: readonly Post[]): IdentityLinks {
      learn(posts);
      const current = currentLinks();
      const wanted = new Map([...profilesDecidingLinks()].filter(([id]) => !asking.has(id) && (fetched.get(id)?.until ?? 0) <= now()));
      if (wanted.size > 0 && !closed) {
        for (const id of wanted.keys()) asking.add(id);
        const lookup = lookUp(wanted)
          .catch((error: unknown) => log('identity links: a lookup failed', error))
          .finally(() => running.delete(lookup));
        running.add(lookup);
      }
      return current;
    },
    /** Resolves once the lookups started so far are done (for tests and an orderly close). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.all(running);
    },
    close(): void {
      closed = true;
    },
  };
}

export type IdentityLinksService = ReturnType<typeof createIdentityLinks>;
