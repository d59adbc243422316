import type { Post } from './post.ts';

/** The same post, whoever saw it: the network and its canonical URI. (No zod here: the renderer uses it.) */
export const postKey = (post: Pick<Post, 'network' | 'uri'>) => `${post.network} ${post.uri}`;
