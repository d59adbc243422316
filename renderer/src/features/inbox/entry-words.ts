import type { InboxEntry } from '../../../../shared/domain/notification.ts';
import { textOfHtml } from '../../../../shared/timeline/cross-posts.ts';
import { networkName } from '../../components/Avatar.tsx';
import type { Words } from '../../i18n/use-words.ts';

const nameOf = (actor: InboxEntry['actors'][number]) => actor.displayName.trim() || actor.handle;

/** "Ana", "Ana and Tom", "Ana, Tom and 12 others": at most two names, then how many more. */
export function whoOf(entry: InboxEntry, words: Words): string {
  const names = entry.actors.slice(0, 2).map(nameOf);
  const others = entry.count - names.length;
  if (names.length === 0) return words('inbox.who.nobody', { count: others });
  if (others <= 0) return names.length === 2 ? words('inbox.who.two', { first: names[0]!, second: names[1]! }) : names[0]!;
  return words('inbox.who.more', { names: names.join(', '), others });
}

/** What they did, in the network's words where the networks differ (a boost, a repost). */
export function whatOf(entry: InboxEntry, words: Words): string {
  const networks = entry.byNetwork.map((part) => part.network);
  const { count } = entry; // "Ana et Tom ont aimé": the verb agrees with how many did it
  if (entry.kind === 'other') return words('inbox.what.other', { count, reason: entry.reason }); // a reason Braid does not know yet, in the network's own word
  if (entry.kind !== 'boost') return words(`inbox.what.${entry.kind}`, { count });
  return words(networks.length > 1 ? 'inbox.what.boostAndRepost' : networks[0] === 'bluesky' ? 'inbox.what.repost' : 'inbox.what.boost', { count });
}

/** "8 on Mastodon, 4 on Bluesky", when it happened on more than one network. */
export const breakdownOf = (entry: InboxEntry, words: Words): string | null =>
  entry.byNetwork.length > 1 ? entry.byNetwork.map((part) => words('inbox.onNetwork', { count: part.count, network: networkName(part.network) })).join(', ') : null;

/** The post's words, for a one-line reminder of which post. */
export function excerptOf(entry: InboxEntry): string {
  const content = entry.post?.content;
  if (!content) return '';
  return (content.kind === 'facets' ? content.text : textOfHtml(content.html)).trim();
}
