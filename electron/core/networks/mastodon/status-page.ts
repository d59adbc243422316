/**
 * A page of statuses (a timeline, a person's posts) as Posts: each status mapped and checked
 * against the contract; one Braid cannot read becomes a placeholder where it can still be placed.
 * The next page starts at the last entry's id (max_id): what Mastodon's own Link header says, and
 * what still works on servers that send no Link header; an empty page ends the paging.
 */
import { z } from 'zod';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { TimelinePage } from '../network.ts';
import type { createQuarantine } from '../unreadable-post.ts';
import { postFromStatus } from './post-mapping.ts';

/** What can still be read of a status that did not map: enough to put a placeholder in its place. */
const entryTraces = z.looseObject({ id: z.string().min(1), uri: z.string().optional().catch(undefined), url: z.string().nullish().catch(null), createdAt: z.string().optional().catch(undefined) });

export function pageOfStatuses(entries: unknown[], accountId: string, host: string, quarantine: ReturnType<typeof createQuarantine>): TimelinePage {
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
}
