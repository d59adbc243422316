import type { AccountNotification, InboxEntry } from '../domain/notification.ts';
import { groupedKinds } from '../domain/notification.ts';
import type { Author, Post } from '../domain/post.ts';
import { postKey } from '../domain/post-key.ts';

export interface GroupingDeps {
  /** The timeline item a post belongs to: one key for both copies of a cross-post (sent together, or the collapse rule). */
  itemOf: (post: Post) => string;
  /** One key for one person, whichever network (identity links): someone who liked both copies counts once. */
  personOf: (author: Author) => string;
  /** After its account's read mark (default: none is). */
  isUnread?: (notification: AccountNotification) => boolean;
}

const maxActors = 8;

/** Which entry a notification joins: groupable kinds by what they are about, the rest by their own post. */
function entryKey(notification: AccountNotification, deps: GroupingDeps): string {
  const { kind, post } = notification;
  if (kind === 'follow') return `follow ${notification.at.slice(0, 10)}`; // follows of one day, on any account
  if (groupedKinds.has(kind) && post) return `${kind} ${deps.itemOf(post)}`;
  // A mention of two of your accounts in one post is one entry, not two; otherwise one each.
  if (post && (kind === 'mention' || kind === 'reply' || kind === 'quote')) return `${kind} ${postKey(post)}`;
  return `${kind} ${notification.accountId} ${notification.id}`;
}

/**
 * Every account's notifications as one inbox, newest first: likes, boosts and follows of the same
 * thing gather into one entry (a cross-post's two copies are one thing), each person once, with a
 * count per network; mentions, replies and quotes stay one entry each.
 */
export function groupNotifications(notifications: readonly AccountNotification[], deps: GroupingDeps): InboxEntry[] {
  const byKey = new Map<string, AccountNotification[]>();
  for (const notification of notifications) {
    const key = entryKey(notification, deps);
    const members = byKey.get(key);
    if (members) members.push(notification);
    else byKey.set(key, [notification]);
  }
  const entries = [...byKey].map(([key, members]) => entryOf(key, members, deps));
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
}

function entryOf(key: string, members: AccountNotification[], deps: GroupingDeps): InboxEntry {
  const newestFirst = [...members].sort((a, b) => b.at.localeCompare(a.at));
  const newest = newestFirst[0]!;
  const seen = new Set<string>();
  const actors: Author[] = [];
  let repeated = 0;
  for (const actor of newestFirst.flatMap((member) => member.actors)) {
    const person = deps.personOf(actor);
    if (seen.has(person)) repeated += 1;
    else {
      seen.add(person);
      if (actors.length < maxActors) actors.push(actor);
    }
  }
  const perNetwork = new Map<string, number>();
  for (const member of members) perNetwork.set(member.network, (perNetwork.get(member.network) ?? 0) + member.count);
  const total = members.reduce((sum, member) => sum + member.count, 0) - repeated;
  return {
    key,
    kind: newest.kind,
    reason: newest.reason,
    actors,
    count: Math.max(total, actors.length, 1),
    byNetwork: [...perNetwork].map(([network, count]) => ({ network, count })).sort((a, b) => b.count - a.count || a.network.localeCompare(b.network)),
    accountIds: [...new Set(newestFirst.map((member) => member.accountId))],
    post: newest.post,
    at: newest.at,
    unread: deps.isUnread ? members.some(deps.isUnread) : false,
    parts: newestFirst.map((member) => ({ accountId: member.accountId, id: member.id })),
  };
}
