import type { TimelineView } from '../../shared/contract.ts';
import type { Post } from '../../shared/domain/post.ts';

/** A post's words without markup, to compare timelines by what they say. */
export const textOf = (post: Post) => (post.content.kind === 'html' ? post.content.html.replace(/<[^>]+>/g, '') : post.content.text);

/** Each item's words, newest first. */
export const texts = (view: TimelineView) => view.items.map((item) => textOf(item.posts[0]!));
