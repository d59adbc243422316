import type { Agent } from '@atproto/api';
import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { NetworkTimeline } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { postFromFeedItem, webUrl } from './post-mapping.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

/** What can still be read of a feed entry that did not map: enough to put a placeholder in its place. */
const entryTraces = z.looseObject({ post: z.looseObject({ uri: z.string().startsWith('at://'), indexedAt: z.string().optional().catch(undefined) }) });

export function createBlueskyAdapter(agentFor: (accountId: string) => Promise<Agent>, log: (message: string, error?: unknown) => void = () => undefined): NetworkTimeline {
  const quarantine = createQuarantine(log);
  return {
    async home(accountId, cursor, limit) {
      const agent = await agentFor(accountId);
      const host = hostOf(agent);
      let data;
      try {
        ({ data } = await agent.getTimeline({ limit: Math.min(limit, 100), ...(cursor ? { cursor } : {}) }));
      } catch (error) {
        throw fromXrpcError(error, host, 'the home timeline');
      }
      const posts: Post[] = [];
      for (const item of data.feed) {
        try {
          posts.push(postSchema.parse(postFromFeedItem(item, accountId))); // only posts the contract accepts
        } catch (error) {
          const traces = entryTraces.safeParse(item).data;
          const uri = traces?.post.uri;
          const placeholder = quarantine.unreadable({ network: 'bluesky', accountId, nativeId: uri, uri, url: uri ? webUrl(uri, uri.split('/')[2] ?? '') : null, createdAt: traces?.post.indexedAt }, error);
          if (placeholder) posts.push(placeholder);
        }
      }
      // An empty page with a cursor would loop: treat it as the end.
      return { posts, cursor: data.cursor && data.feed.length > 0 ? data.cursor : null };
    },
  };
}
