/**
 * A person's profile and their relationship with one of the user's accounts, whichever network
 * they are on. Each network module builds these from its server's answers (validated there); the
 * renderer draws them: the bio and field values are post content (Mastodon HTML, sanitised like a
 * post's; Bluesky text with facets), names are text.
 */
import { z } from 'zod';
import { networkSchema } from './account.ts';
import { authorSchema, contentSchema } from './post.ts';

/** The relationship as one of the user's accounts has it with the person, as its server says. */
export const relationshipSchema = z.object({
  /** The person: Mastodon's ActivityPub URI, Bluesky's DID (as Author.id). */
  id: z.string(),
  following: z.boolean(),
  /** "Follows you". */
  followedBy: z.boolean(),
  muting: z.boolean(),
  blocking: z.boolean(),
  /** The person blocks the account (where the network says so). */
  blockedBy: z.boolean(),
  /** A follow request waits for the person's approval (Mastodon's locked accounts). */
  requested: z.boolean(),
});
export type Relationship = z.infer<typeof relationshipSchema>;

/** A Mastodon profile field: `value` is HTML; `verifiedAt` when the server found a rel="me" link back. */
export const profileFieldSchema = z.object({
  name: z.string(),
  value: contentSchema,
  verifiedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ProfileField = z.infer<typeof profileFieldSchema>;

const count = z.number().int().nonnegative().nullable();

export const profileSchema = z.object({
  network: networkSchema,
  /** Who the person is, as a post's author: what people.posts and people.relate take back. */
  author: authorSchema,
  /** The user's account that looked (the relationship is its). */
  accountId: z.string(),
  headerUrl: z.string().nullable(),
  bio: contentSchema,
  fields: z.array(profileFieldSchema),
  /** Where a server does not say (or hides them), null. */
  counts: z.object({ followers: count, following: count, posts: count }),
  /** The profile on the web. */
  url: z.string().nullable(),
  /** Follows need the person's approval (Mastodon's locked accounts). */
  locked: z.boolean(),
  bot: z.boolean(),
  relationship: relationshipSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export const profileTabs = ['posts', 'replies', 'media'] as const;
/** posts: without replies; replies: posts and replies; media: posts with pictures or video. */
export type ProfileTab = (typeof profileTabs)[number];

/** Pinned posts of one profile shown at most (Mastodon lets a local account pin 5, Bluesky 1). */
export const maxPinnedPosts = 20;

export const relationActions = ['follow', 'unfollow', 'mute', 'unmute', 'block', 'unblock'] as const;
export type RelationAction = (typeof relationActions)[number];

/** Someone to look up: an author from a post, or an address (Mastodon @user@server, a Bluesky handle or DID). */
export const whoSchema = z.union([authorSchema, z.string().trim().min(1).max(600)]);
export type Who = z.infer<typeof whoSchema>;
