import { z } from 'zod';
import { networkSchema } from './network.ts';
import { authorSchema, postSchema } from './post.ts';

/**
 * What happened, in Braid's words. `other` is any reason a network sends that Braid does not know
 * yet (Bluesky adds reasons over time): shown plainly with the network's own word, never dropped.
 */
export const notificationKindSchema = z.enum(['like', 'boost', 'follow', 'mention', 'reply', 'quote', 'poll', 'edit', 'other']);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Kinds that gather people ("Ana, Tom and 12 others liked your post"); the rest are one each. */
export const groupedKinds: ReadonlySet<NotificationKind> = new Set(['like', 'boost', 'follow']);

/**
 * One account's notification, or a group its server already made (Mastodon's grouped
 * notifications): who, how many in all, and about which post.
 */
export const accountNotificationSchema = z.object({
  /** Unique for the account: Mastodon's group key or notification id, Bluesky's notification URI. */
  id: z.string(),
  accountId: z.string(),
  network: networkSchema,
  kind: notificationKindSchema,
  /** The network's own word for it (favourite, reblog, like, repost, starterpack-joined, …). */
  reason: z.string(),
  /** Newest first, at most a handful: the people shown by name or avatar. */
  actors: z.array(authorSchema).max(8),
  /** How many acted in all (at least the actors shown). */
  count: z.number().int().min(1),
  /** The post it is about: yours that was liked, boosted or quoted, or the mention, reply or quote itself. */
  post: postSchema.nullable(),
  /** When the newest of it happened. */
  at: z.iso.datetime({ offset: true }),
  /** Its place in the account's read order, as the server keeps read state (Mastodon: the newest
   *  notification id it holds; Bluesky: when it was indexed). Compared by shared/inbox/read-marks.ts. */
  mark: z.string().min(1).max(100),
});
export type AccountNotification = z.infer<typeof accountNotificationSchema>;

/** One row of the inbox: notifications of every account merged, the groupable ones grouped. */
export const inboxEntrySchema = z.object({
  key: z.string(),
  kind: notificationKindSchema,
  reason: z.string(),
  actors: z.array(authorSchema).max(8),
  count: z.number().int().min(1),
  /** Where it happened, for "8 on Mastodon, 4 on Bluesky". */
  byNetwork: z.array(z.object({ network: networkSchema, count: z.number().int().min(1) })),
  /** Your accounts it came to. */
  accountIds: z.array(z.string()).min(1),
  post: postSchema.nullable(),
  at: z.iso.datetime({ offset: true }),
  /** Some of it came after the account's read mark. */
  unread: z.boolean(),
  /** The notifications it gathers, by account: what reading it marks as read. */
  parts: z.array(z.object({ accountId: z.string(), id: z.string() })).min(1),
});
export type InboxEntry = z.infer<typeof inboxEntrySchema>;
