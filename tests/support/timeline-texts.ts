import type { RequestOf, ResponseOf, TimelineView } from '../../shared/contract.ts';
import type { Post } from '../../shared/domain/post.ts';

/** A post's words without markup, to compare timelines by what they say. */
export const textOf = (post: Post) => (post.content.kind === 'html' ? post.content.html.replace(/<[^>]+>/g, '') : post.content.text);

/** Each item's words, newest first. */
export const texts = (view: TimelineView) => view.items.map((item) => textOf(item.posts[0]!));

/** Something that answers the contract's channels, as the core harness does. */
interface Answers {
  value<C extends 'timeline.refresh' | 'timeline.loadMore' | 'timeline.loadGap' | 'timeline.view'>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>>;
}

/** Runs a timeline step (refresh, loadMore, loadGap: they answer only changes), then answers the
 *  whole view, as a window that asked for it again would see it. */
export async function viewAfter<C extends 'timeline.refresh' | 'timeline.loadMore' | 'timeline.loadGap'>(braid: Answers, channel: C, request?: RequestOf<C>): Promise<TimelineView> {
  await braid.value(channel, request);
  return braid.value('timeline.view');
}
