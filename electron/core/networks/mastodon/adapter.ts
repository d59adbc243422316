import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { NetworkTimeline } from '../network.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import { postFromStatus } from './post-mapping.ts';

export interface MastodonSession {
  origin: string;
  accessToken: string;
}

const maxPage = 40; // Mastodon's limit for the home timeline

export function createMastodonAdapter(sessionFor: (accountId: string) => Promise<MastodonSession>, log: (message: string) => void = () => undefined): NetworkTimeline {
  return {
    async home(accountId, cursor, limit) {
      const { origin, accessToken } = await sessionFor(accountId);
      const host = new URL(origin).host;
      // Older pages by max_id = the last entry's id: what Mastodon's own Link header says, and
      // what still works on servers that send no Link header.
      const entries = await mastoCall(origin, 'the home timeline', z.array(z.unknown()), () =>
        mastoClient(origin, accessToken).v1.timelines.home.list({ limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) }),
      );
      const posts: Post[] = [];
      for (const entry of entries) {
        try {
          posts.push(postSchema.parse(postFromStatus(entry, accountId, host))); // only posts the contract accepts
        } catch {
          log(`mastodon: dropped a timeline entry Braid could not read on ${host}`);
        }
      }
      const last = z.object({ id: z.string() }).safeParse(entries.at(-1));
      return { posts, cursor: last.success ? last.data.id : null };
    },
  };
}
