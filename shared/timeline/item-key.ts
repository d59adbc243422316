import type { Post } from '../domain/post.ts';
import { postKey } from '../domain/post-key.ts';

/** A timeline item's key in the list protocol: its first post's key. (No zod: the renderer uses it.) */
export const itemKey = (item: { posts: readonly Pick<Post, 'network' | 'uri'>[] }) => postKey(item.posts[0]!);
