import type { Agent } from '@atproto/api';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { NetworkTimeline } from '../network.ts';
import { postFromFeedItem } from './post-mapping.ts';
import { fromXrpcError } from './xrpc-errors.ts';

export function createBlueskyAdapter(agentFor: (accountId: string) => Promise<Agent>, log: (message: string) => void = () => undefined): NetworkTimeline {
  return {
    async home(accountId, cursor, limit) {
      const agent = await agentFor(accountId);
      const host = (agent as { pdsUrl?: URL }).pdsUrl?.host ?? 'the Bluesky server';
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
        } catch {
          log(`bluesky: dropped a timeline entry Braid could not read (${item.post.uri})`);
        }
      }
      // An empty page with a cursor would loop: treat it as the end.
      return { posts, cursor: data.cursor && data.feed.length > 0 ? data.cursor : null };
    },
  };
}
