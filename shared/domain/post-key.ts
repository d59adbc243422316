import { oncePerObject } from '../once-per-object.ts';
import type { Post } from './post.ts';

/** The same post, whoever saw it: the network and its canonical URI. (No zod here: the renderer uses it.) */
export const postKey: (post: Pick<Post, 'network' | 'uri'>) => string = oncePerObject((post) => `${post.network} ${post.uri}`);
