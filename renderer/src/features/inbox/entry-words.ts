import type { InboxEntry } from '../../../../shared/domain/notification.ts';
import { textOfHtml } from '../../../../shared/timeline/cross-posts.ts';
import { networkName } from '../../components/Avatar.tsx';

const nameOf = (actor: InboxEntry['actors'][number]) => actor.displayName.trim() || actor.handle;

/** "Ana", "Ana and Tom", "Ana, Tom and 12 others": at most two names, then how many more. */
export function whoOf(entry: InboxEntry): string {
  const names = entry.actors.slice(0, 2).map(nameOf);
  const others = entry.count - names.length;
  if (names.length === 0) return others === 1 ? 'Someone' : `${others} people`;
  if (others <= 0) return names.length === 2 ? `${names[0]} and ${names[1]}` : names[0]!;
  return `${names.join(', ')} and ${others === 1 ? '1 other' : `${others} others`}`;
}

/** What they did, in the network's words where the networks differ (a boost, a repost). */
export function whatOf(entry: InboxEntry): string {
  const networks = entry.byNetwork.map((part) => part.network);
  switch (entry.kind) {
    case 'like':
      return 'liked your post';
    case 'boost':
      return networks.length > 1 ? 'boosted and reposted your post' : networks[0] === 'bluesky' ? 'reposted your post' : 'boosted your post';
    case 'follow':
      return 'followed you';
    case 'mention':
      return 'mentioned you';
    case 'reply':
      return 'replied to you';
    case 'quote':
      return 'quoted your post';
    case 'poll':
      return 'ran a poll that has ended';
    case 'edit':
      return 'edited a post you shared';
    case 'other':
      return `(${entry.reason})`; // a reason Braid does not know yet, in the network's own word
  }
}

/** "8 on Mastodon, 4 on Bluesky", when it happened on more than one network. */
export const breakdownOf = (entry: InboxEntry): string | null =>
  entry.byNetwork.length > 1 ? entry.byNetwork.map((part) => `${part.count} on ${networkName(part.network)}`).join(', ') : null;

/** The post's words, for a one-line reminder of which post. */
export function excerptOf(entry: InboxEntry): string {
  const content = entry.post?.content;
  if (!content) return '';
  return (content.kind === 'facets' ? content.text : textOfHtml(content.html)).trim();
}
