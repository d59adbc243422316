/**
 * A post's conversation from the account's Bluesky service: app.bsky.feed.getPostThread, one
 * request, with the parents up to the root and the replies some levels down. Posts that are gone
 * or hidden by a block come as notFoundPost / blockedPost and are kept as placeholders; an entry
 * Braid cannot read becomes an "unavailable" one, so nothing below it is lost.
 */
import type { AppBskyFeedDefs, Agent } from '@atproto/api';
import { phrase } from '../../base/errors.ts';
import type { ThreadCopy, ThreadEntry } from '../../../../shared/domain/conversation.ts';
import { postKey, postSchema } from '../../../../shared/domain/post.ts';
import type { NetworkConversation } from '../network.ts';
import { postFromFeedItem } from './post-mapping.ts';
import { readOrNull } from '../unreadable-post.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { hostOf } from './actions.ts';

/** How many levels of replies one request brings, and how many parents. */
export const threadDepth = 12;
export const parentHeight = 80;

type ThreadNode = AppBskyFeedDefs.ThreadViewPost | AppBskyFeedDefs.NotFoundPost | AppBskyFeedDefs.BlockedPost | { $type: string };

const typeOf = (node: unknown) => (typeof node === 'object' && node !== null && '$type' in node ? String(node.$type) : '');
const uriOf = (node: unknown) => (typeof node === 'object' && node !== null && 'uri' in node && typeof node.uri === 'string' ? node.uri : null);

export function createBlueskyConversation(agentFor: (accountId: string) => Promise<Agent>): NetworkConversation {
  return {
    async thread(accountId, focus): Promise<ThreadCopy> {
      const agent = await agentFor(accountId);
      const host = hostOf(agent);
      let thread: ThreadNode;
      try {
        ({ thread } = (await agent.getPostThread({ uri: focus.uri, depth: threadDepth, parentHeight })).data as { thread: ThreadNode });
      } catch (error) {
        throw fromXrpcError(error, host, phrase('error.what.conversation'));
      }

      /** The node as an entry below `parent`, and its view when it is a readable post. */
      const entryOf = (node: ThreadNode, parent: string | null, parentView: AppBskyFeedDefs.PostView | null): { entry: ThreadEntry; view: AppBskyFeedDefs.ThreadViewPost | null } | null => {
        const type = typeOf(node);
        const uri = type === 'app.bsky.feed.defs#threadViewPost' ? uriOf((node as AppBskyFeedDefs.ThreadViewPost).post) : uriOf(node);
        if (!uri) return null;
        const key = postKey({ network: 'bluesky', uri });
        if (type === 'app.bsky.feed.defs#notFoundPost') return { entry: { key, parent, post: null, missing: 'not_found' }, view: null };
        if (type === 'app.bsky.feed.defs#blockedPost') return { entry: { key, parent, post: null, missing: 'blocked' }, view: null };
        const view = node as AppBskyFeedDefs.ThreadViewPost;
        // The post it replies to, as a feed entry names it: for the "replying to" line.
        const reply = parentView ? { root: { $type: 'app.bsky.feed.defs#postView', ...parentView }, parent: { $type: 'app.bsky.feed.defs#postView', ...parentView } } : undefined;
        const post = readOrNull(() => postSchema.parse(postFromFeedItem({ post: view.post, ...(reply ? { reply } : {}) }, accountId)));
        return { entry: { key, parent, post, ...(post ? {} : { missing: 'unavailable' as const }) }, view: type === 'app.bsky.feed.defs#threadViewPost' ? view : null };
      };

      const root = typeOf(thread) === 'app.bsky.feed.defs#threadViewPost' ? (thread as AppBskyFeedDefs.ThreadViewPost) : null;
      // Parents: walk up, then root first; each names the one above it.
      const parents: { node: ThreadNode; view: AppBskyFeedDefs.PostView | null }[] = [];
      for (let node = root?.parent as ThreadNode | undefined; node && parents.length < parentHeight; node = (node as AppBskyFeedDefs.ThreadViewPost).parent as ThreadNode | undefined) {
        parents.unshift({ node, view: typeOf(node) === 'app.bsky.feed.defs#threadViewPost' ? (node as AppBskyFeedDefs.ThreadViewPost).post : null });
        if (typeOf(node) !== 'app.bsky.feed.defs#threadViewPost') break;
      }
      const ancestors: ThreadEntry[] = [];
      parents.forEach(({ node }, index) => {
        const found = entryOf(node, ancestors.at(-1)?.key ?? null, index > 0 ? parents[index - 1]!.view : null);
        if (found) ancestors.push(found.entry);
      });

      // Replies: depth first, without recursion (a hostile answer may nest deep).
      const replies: ThreadEntry[] = [];
      const focusKey = postKey(focus);
      const stack: { node: ThreadNode; parent: string; parentView: AppBskyFeedDefs.PostView | null }[] = (root?.replies ?? []).map((node) => ({ node: node, parent: focusKey, parentView: root!.post }));
      while (stack.length > 0) {
        const { node, parent, parentView } = stack.pop()!;
        const found = entryOf(node, parent, parentView);
        if (!found) continue;
        replies.push(found.entry);
        for (const child of found.view?.replies ?? []) stack.push({ node: child, parent: found.entry.key, parentView: found.view!.post });
      }
      return { accountId, focus, ancestors, replies };
    },
  };
}
