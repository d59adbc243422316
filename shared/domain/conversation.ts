/**
 * A conversation: the posts a post replies to, the post, and the replies to it as a tree, from
 * every copy of the post (a person's cross-post gathers the replies from both networks).
 * Network modules answer a ThreadCopy per copy; shared/conversations/merge-conversation.ts makes
 * them one Conversation, which crosses the bridge as a flat list in reading order.
 */
import { z } from 'zod';
import { appErrorSchema } from '../result-schema.ts';
import { postSchema, type Post } from './post.ts';

/** Why a post of the conversation is not shown: gone, hidden from the viewer by a block, or held back by its server. */
export const missingReasonSchema = z.enum(['not_found', 'blocked', 'unavailable']);
export type MissingReason = z.infer<typeof missingReasonSchema>;

/** One post of a copy's thread (or a placeholder for one that cannot be shown), with the key of the post it replies to. */
export interface ThreadEntry {
  key: string;
  parent: string | null;
  post: Post | null;
  missing?: MissingReason;
}

/** What one account's server answered for one copy of the post. */
export interface ThreadCopy {
  accountId: string;
  focus: Post;
  /** Root first. */
  ancestors: ThreadEntry[];
  /** In any order; each names its parent (the focus or another reply). */
  replies: ThreadEntry[];
}

export const conversationNodeSchema = z.object({
  /** The first post's postKey (or a placeholder's own key). */
  key: z.string(),
  /** One post, or a reply someone posted on both networks (collapsed like timeline cross-posts). */
  posts: z.array(postSchema).max(8),
  missing: missingReasonSchema.nullable(),
  role: z.enum(['ancestor', 'focus', 'reply']),
  /** Replies: 1 for a direct reply to the focus, and so on; ancestors and the focus: 0. */
  depth: z.number().int().min(0),
  /** The node this one replies to (null for the first ancestor, or the focus when it has none). */
  parent: z.string().nullable(),
  /** How many replies are below this node, all levels. */
  descendants: z.number().int().min(0),
});
export type ConversationNode = z.infer<typeof conversationNodeSchema>;

export const conversationSchema = z.object({
  /** Ancestors root first, the focus, then the replies depth first, each level oldest first. */
  nodes: z.array(conversationNodeSchema),
  /** Each copy's account and, when its server failed, why (the other copies still show). */
  copies: z.array(z.object({ accountId: z.string(), key: z.string(), error: appErrorSchema.nullable() })),
});
export type Conversation = z.infer<typeof conversationSchema>;
