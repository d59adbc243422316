/**
 * The seam between the core and each network. An adapter turns one network's answers into the
 * network-neutral domain (shared/domain) and validates them at the edge: nonsense from a server
 * becomes a ServerError for that account, never a crash. A new network (Misskey, Threads,
 * Nostr) is one new folder next to mastodon/ and bluesky/ implementing this.
 */
import type { Network } from '../../../shared/domain/account.ts';
import type { Post } from '../../../shared/domain/post.ts';

export interface TimelinePage {
  /** Newest first. */
  posts: Post[];
  /** Where the next (older) page starts; null when there is nothing older. */
  cursor: string | null;
}

export interface NetworkAdapter {
  readonly network: Network;
  /** One page of the account's home timeline, newest first, older than `cursor` when given. */
  homeTimeline(accountId: string, cursor: string | null, limit: number): Promise<TimelinePage>;
}
