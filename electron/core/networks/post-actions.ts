/** Acting on a post (like, boost or repost) as one of the user's accounts: each network's part. */
import type { Poll, Post, Sighting } from '../../../shared/domain/post.ts';

export interface ActionOutcome {
  /** The acting account's sighting after the action. */
  sighting: Sighting;
  counts: Post['counts'];
  /** A vote's answer: the poll as the server now counts it. */
  poll?: Poll;
}

/** What each network offers; implemented in each network's module. */
export interface NetworkActions {
  /** The post as an account that did not see it finds it (on its own server, with its own state). */
  sightingOn(accountId: string, post: Post): Promise<Sighting>;
  like(accountId: string, post: Post, sighting: Sighting, on: boolean): Promise<ActionOutcome>;
  boost(accountId: string, post: Post, sighting: Sighting, on: boolean): Promise<ActionOutcome>;
  /** Votes in the post's poll (option indexes), where the network has polls. */
  vote?: (accountId: string, post: Post, sighting: Sighting, choices: number[]) => Promise<ActionOutcome>;
}

/** The post as the action left it: the acting account's sighting (added where it had none, unless
 *  `addUnseen` is false), and the counts and poll its server now reports. */
export function withOutcome(post: Post, { sighting, counts, poll }: ActionOutcome, addUnseen = true): Post {
  const seen = post.seenBy.some((s) => s.accountId === sighting.accountId);
  const seenBy = seen ? post.seenBy.map((s) => (s.accountId === sighting.accountId ? sighting : s)) : addUnseen ? [...post.seenBy, sighting] : post.seenBy;
  return { ...post, seenBy, counts, ...(poll ? { poll } : {}) };
}
