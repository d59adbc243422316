/**
 * Which Mastodon author and which Bluesky author in the timeline are one person, for collapsing
 * their cross-posts (shared/timeline/cross-posts.ts). The rule: a Mastodon account M and a
 * Bluesky account B are linked when M's profile names B (identity-claims.ts) and either
 *   - the field naming B is verified (Mastodon checked that B's page links back to M), or
 *   - B's profile description names M too.
 * A claim in one direction only never links: anyone can write someone else's handle in their
 * profile, and a wrong link hides a post.
 *
 * Mastodon profiles come with every status, so their claims ride on the post's author. Bluesky
 * descriptions do not (a post's author is a profileViewBasic): they are fetched lazily, only for
 * Bluesky authors that some Mastodon author in the timeline claims without verification, 25 to a
 * call, in the background after a view asked for them, and kept for hours. A refresh itself
 * never waits for them. When what was fetched changes the links, `changed` is told.
 */
import type { Author, IdentityClaim, Post } from '../../../shared/domain/post.ts';
import type { IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import type { BlueskyProfile } from '../networks/bluesky/profiles.ts';
import { claimableNames, claimsInBlueskyDescription, isClaimOf } from './identity-claims.ts';

/** What each Bluesky profile (by DID) claims, as far as it was fetched. */
export type BlueskyClaims = ReadonlyMap<string, readonly IdentityClaim[]>;

interface Claimed {
  mastodon: Author;
  bluesky: Author;
  verified: boolean;
}

/** Pairs of authors of the posts (boosts aside: they never collapse) where the Mastodon one claims the Bluesky one. */
function claimedPairs(posts: readonly Post[]): Claimed[] {
  // Each author as their newest post shows them (posts come newest first): a profile edited since says what it says now.
  const authors = new Map<string, Author>();
  for (const post of posts) {
    const key = `${post.author.network} ${post.author.id}`;
    if (post.boostedBy === null && !authors.has(key)) authors.set(key, post.author);
  }
  const blueskyByName = new Map<string, Author>();
  for (const author of authors.values()) {
    if (author.network === 'bluesky') for (const name of claimableNames(author)) blueskyByName.set(name, author);
  }
  const pairs = new Map<string, Claimed>();
  for (const mastodon of authors.values()) {
    if (mastodon.network !== 'mastodon') continue;
    for (const claim of mastodon.claims ?? []) {
      const bluesky = claim.network === 'bluesky' ? blueskyByName.get(claim.account) : undefined;
      if (!bluesky) continue;
      const key = `${mastodon.id} ${bluesky.id}`;
      pairs.set(key, { mastodon, bluesky, verified: claim.verified || (pairs.get(key)?.verified ?? false) });
    }
  }
  return [...pairs.values()];
}

const isLinked = (pair: Claimed, blueskyClaims: BlueskyClaims) =>
  pair.verified || (blueskyClaims.get(pair.bluesky.id)?.some((claim) => isClaimOf(claim, pair.mastodon)) ?? false);

/** The links among the posts' authors, by the rule above. */
export function linkIdentities(posts: readonly Post[], blueskyClaims: BlueskyClaims): IdentityLinks {
  const links = new Map<string, Set<string>>();
  const add = (from: string, to: string) => links.set(from, (links.get(from) ?? new Set()).add(to));
  for (const pair of claimedPairs(posts)) {
    if (!isLinked(pair, blueskyClaims)) continue;
    add(pair.mastodon.id, pair.bluesky.id);
    add(pair.bluesky.id, pair.mastodon.id);
  }
  return links;
}

/** Bluesky authors whose profile decides a link (claimed, not verified), each with a Bluesky account that saw them. */
function profilesDecidingLinks(posts: readonly Post[]): Map<string, string> {
  const deciding = new Set(claimedPairs(posts).filter((pair) => !pair.verified).map((pair) => pair.bluesky.id));
  const viewers = new Map<string, string>();
  for (const post of posts) {
    const viewer = post.seenBy[0]?.accountId;
    if (post.network === 'bluesky' && deciding.has(post.author.id) && viewer && !viewers.has(post.author.id)) viewers.set(post.author.id, viewer);
  }
  return viewers;
}

export interface IdentityLinksDeps {
  /** The profiles of these DIDs as the given Bluesky account sees them (one that saw their posts). */
  profiles: (accountId: string, dids: string[]) => Promise<BlueskyProfile[]>;
  /** Links changed after a lookup: the accounts that saw the posts concerned. */
  changed: (accountIds: string[]) => void;
  /** How long a fetched profile is trusted: 6 hours. */
  ttlMs?: number;
  /** After a failed lookup, how long before trying again: 15 minutes. */
  retryMs?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

const pairKeys = (links: IdentityLinks) => new Set([...links].flatMap(([from, to]) => [...to].map((id) => `${from} ${id}`)));

export function createIdentityLinks({ profiles, changed, ttlMs = 6 * 3_600_000, retryMs = 15 * 60_000, now = Date.now, log = () => undefined }: IdentityLinksDeps) {
  /** By DID: what the profile claims (kept past its time until a new lookup answers) and until when to trust it. */
  const fetched = new Map<string, { claims: IdentityClaim[]; until: number }>();
  const asking = new Set<string>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const blueskyClaims = (): BlueskyClaims => new Map([...fetched].map(([did, entry]) => [did, entry.claims]));

  async function lookUp(wanted: Map<string, string>, posts: readonly Post[]): Promise<void> {
    const before = pairKeys(linkIdentities(posts, blueskyClaims()));
    const byViewer = new Map<string, string[]>();
    for (const [did, accountId] of wanted) byViewer.set(accountId, [...(byViewer.get(accountId) ?? []), did]);
    for (const [accountId, dids] of byViewer) {
      try {
        const found = new Map((await profiles(accountId, dids)).map((profile) => [profile.did, profile]));
        // A profile not answered (deleted, suspended) claims nothing.
        for (const did of dids) fetched.set(did, { claims: claimsInBlueskyDescription(found.get(did)?.description ?? ''), until: now() + ttlMs });
      } catch (error) {
        log('identity links: could not read Bluesky profiles', error);
        for (const did of dids) fetched.set(did, { claims: fetched.get(did)?.claims ?? [], until: now() + retryMs });
      } finally {
        for (const did of dids) asking.delete(did);
      }
    }
    const after = pairKeys(linkIdentities(posts, blueskyClaims()));
    const differing = new Set([...before, ...after].filter((pair) => before.has(pair) !== after.has(pair)).flatMap((pair) => pair.split(' ')));
    if (closed || differing.size === 0) return;
    changed([...new Set(posts.filter((post) => differing.has(post.author.id)).flatMap((post) => post.seenBy.map((s) => s.accountId)))]);
  }

  return {
    /**
     * The links among the posts' authors now; profiles that would decide more links and are not
     * known (or are out of date) are looked up in the background.
     */
    linksAmong(posts: readonly Post[]): IdentityLinks {
      const wanted = new Map([...profilesDecidingLinks(posts)].filter(([did]) => !asking.has(did) && (fetched.get(did)?.until ?? 0) <= now()));
      if (wanted.size > 0 && !closed) {
        for (const did of wanted.keys()) asking.add(did);
        const lookup = lookUp(wanted, [...posts])
          .catch((error: unknown) => log('identity links: a lookup failed', error))
          .finally(() => running.delete(lookup));
        running.add(lookup);
      }
      return linkIdentities(posts, blueskyClaims());
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
