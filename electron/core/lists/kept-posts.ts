import { postKey, type Post } from '../../../shared/domain/post.ts';

/**
 * Posts a window was shown outside the timeline (a conversation, a profile), kept by postKey so
 * that acting on one (like, boost, reply, vote) finds it; the longest unseen go first.
 */
export function createKeptPosts(limit = 5_000) {
  const kept = new Map<string, Post>();
  return {
    keep(posts: readonly Post[]): void {
      for (const post of posts) {
        kept.delete(postKey(post));
        kept.set(postKey(post), post);
      }
      for (const key of kept.keys()) {
        if (kept.size <= limit) break;
        kept.delete(key);
      }
    },
    find: (key: string): Post | undefined => kept.get(key),
    /** Changes a kept post (an action taken on it), where it is kept. */
    update(key: string, change: (post: Post) => Post): void {
      const post = kept.get(key);
      if (post) kept.set(key, change(post));
    },
  };
}
