import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { NetworkTimeline } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import { postFromStatus } from './post-mapping.ts';

export interface MastodonSession {
  origin: string;
  accessToken: string;
}

const maxPage = 40; // Mastodon's limit for the home timeline

/** What can still be read of a status that did not map: enough to put a placeholder in its place. */
const entryTraces = z.looseObject({ id: z.string().min(1), uri: z.string().optional().catch(undefined), url: z.string().nullish().catch(null), createdAt: z.string().optional().catch(undefined) });

export function createMastodonAdapter(sessionFor: (accountId: string) => Promise<MastodonSession>, log: (message: string, error?: unknown) => void = () => undefined): NetworkTimeline {
  const quarantine = createQuarantine(log);
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
        } catch (error) {
          const traces = entryTraces.safeParse(entry).data;
          const placeholder = quarantine.unreadable({ network: 'mastodon', accountId, nativeId: traces?.id, uri: traces?.uri, url: traces?.url ?? null, createdAt: traces?.createdAt }, error);
          if (placeholder) posts.push(placeholder);
        }
      }
      const last = z.object({ id: z.string() }).safeParse(entries.at(-1));
      return { posts, cursor: last.success ? last.data.id : null };
    },
  };
}
