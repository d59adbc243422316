/**
 * The user's own cross-post as one timeline item. Braid's outbox knows which posts it sent
 * together (one draft to several accounts, each maybe a thread): the first part of every
 * account's copy becomes one item, and the later thread parts fold into it. Boosts stay apart.
 * Older posts Braid did not send are left to the cross-post rule (cross-posts.ts).
 */
import type { Post } from '../domain/post.ts';
import { byTimelineOrder } from './merge.ts';

/** Where a post Braid sent belongs: its draft, and which part of that account's thread it is. */
export interface SentPart {
  group: string;
  part: number;
  /** How many parts that account's copy has. */
  parts: number;
}

/** Posted parts by "accountId nativeId" (the posting account's own sighting of the post). */
export type SentParts = ReadonlyMap<string, SentPart>;

export const sentPartKey = (accountId: string, nativeId: string) => `${accountId} ${nativeId}`;

export interface SentTogetherItem {
  /** The first part of every account's copy, newest first. */
  posts: Post[];
  sortAt: string;
  /** The longest copy's number of parts (1: no thread). */
  parts: number;
}

/** The posts Braid sent together, as one item per draft; every other post as it was. */
export function gatherSentTogether(posts: readonly Post[], sent: SentParts): { items: SentTogetherItem[]; rest: Post[] } {
  if (sent.size === 0) return { items: [], rest: [...posts] };
  const groups = new Map<string, { firsts: Post[]; all: Post[]; parts: number }>();
  const rest: Post[] = [];
  for (const post of posts) {
    const mark = post.boostedBy === null ? post.seenBy.map((s) => sent.get(sentPartKey(s.accountId, s.nativeId))).find((found) => found !== undefined) : undefined;
    if (!mark) {
      rest.push(post);
      continue;
    }
    const group = groups.get(mark.group) ?? { firsts: [], all: [], parts: 1 };
    group.all.push(post);
    group.parts = Math.max(group.parts, mark.parts);
    if (mark.part === 0) group.firsts.push(post);
    groups.set(mark.group, group);
  }
  const items: SentTogetherItem[] = [];
  for (const group of groups.values()) {
    // Only later parts loaded so far (the first ones are older than the page): shown as they are.
    if (group.firsts.length === 0) {
      rest.push(...group.all);
      continue;
    }
    const firsts = group.firsts.sort(byTimelineOrder);
    items.push({ posts: firsts, sortAt: firsts[0]!.sortAt, parts: group.parts });
  }
  return { items, rest };
}
