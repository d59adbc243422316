/**
 * A page of a Bluesky feed (a home timeline, an author's feed) as Posts: each entry mapped and
 * checked against the contract; one Braid cannot read becomes a placeholder where it can still be
 * placed. An empty page with a cursor would loop: it ends the paging.
 */
import type { AppBskyFeedDefs } from '@atproto/api';
import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { TimelinePage } from '../network.ts';
import type { createQuarantine } from '../unreadable-post.ts';
import { postFromFeedItem, webUrl } from './post-mapping.ts';

/** What can still be read of a feed entry that did not map: enough to put a placeholder in its place. */
const entryTraces = z.looseObject({ post: z.looseObject({ uri: z.string().startsWith('at://'), indexedAt: z.string().optional().catch(undefined) }) });

export function pageOfFeed(feed: AppBskyFeedDefs.FeedViewPost[], cursor: string | undefined, accountId: string, quarantine: ReturnType<typeof createQuarantine>): TimelinePage {
  const posts: Post[] = [];
  for (const item of feed) {
    try {
      posts.push(postSchema.parse(postFromFeedItem(item, accountId))); // only posts the contract accepts
    } catch (error) {
      const traces = entryTraces.safeParse(item).data;
      const uri = traces?.post.uri;
      const placeholder = quarantine.unreadable({ network: 'bluesky', accountId, nativeId: uri, uri, url: uri ? webUrl(uri, uri.split('/')[2] ?? '') : null, createdAt: traces?.post.indexedAt }, error);
      if (placeholder) posts.push(placeholder);
    }
  }
  return { posts, cursor: cursor && feed.length > 0 ? cursor : null };
}
