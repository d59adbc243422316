/**
 * A status's conversation from the account's server: GET /api/v1/statuses/:id/context, one
 * request. The ancestors come root first and the descendants depth first; each names its parent
 * by in_reply_to_id, a local id, which is turned into the parent's postKey. A status that does
 * not map becomes a placeholder, so its replies still have their place.
 */
import { z } from 'zod';
import type { ThreadCopy, ThreadEntry } from '../../../../shared/domain/conversation.ts';
import { postKey, postSchema, type Post } from '../../../../shared/domain/post.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { NetworkConversation } from '../network.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { postFromStatus } from './post-mapping.ts';
import { readOrNull } from '../unreadable-post.ts';

const contextSchema = z.object({ ancestors: z.array(z.unknown()), descendants: z.array(z.unknown()) });
const statusLinks = z.looseObject({ id: z.string().min(1), inReplyToId: z.string().nullish() });

export function createMastodonConversation(sessionFor: (accountId: string) => Promise<MastodonSession>): NetworkConversation {
  return {
    async thread(accountId, focus): Promise<ThreadCopy> {
      const focusId = focus.seenBy.find((sighting) => sighting.accountId === accountId)?.nativeId;
      if (!focusId) throw new ServerError('not_found', phrase('error.post.notSeen'));
      const { origin, accessToken } = await sessionFor(accountId);
      const host = new URL(origin).host;
      const context = await mastoCall(origin, phrase('error.what.conversation'), contextSchema, () => mastoClient(origin, accessToken).v1.statuses.$select(focusId).context.fetch());
      const keys = new Map<string, string>([[focusId, postKey(focus)]]);
      const read = (raw: unknown): { id: string; parent: string | null; post: Post | null } | null => {
        const links = statusLinks.safeParse(raw);
        if (!links.success) return null; // not even an id: nothing can hang below it
        const post = readOrNull(() => postSchema.parse(postFromStatus(raw, accountId, host)));
        keys.set(links.data.id, post ? postKey(post) : `mastodon ${host} status ${links.data.id}`);
        return { id: links.data.id, parent: links.data.inReplyToId ?? null, post };
      };
      const ancestors = context.ancestors.map(read);
      const descendants = context.descendants.map(read);
      const entryOf = (status: { id: string; parent: string | null; post: Post | null }): ThreadEntry => ({
        key: keys.get(status.id)!,
        parent: status.parent === null ? null : (keys.get(status.parent) ?? `mastodon ${host} status ${status.parent}`),
        post: status.post,
        ...(status.post ? {} : { missing: 'unavailable' as const }),
      });
      return {
        accountId,
        focus,
        ancestors: ancestors.flatMap((status) => (status ? [entryOf(status)] : [])),
        replies: descendants.flatMap((status) => (status ? [entryOf(status)] : [])),
      };
    },
  };
}
