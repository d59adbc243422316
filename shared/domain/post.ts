/**
 * The network-neutral post: what the timeline shows, whichever network it came from. Adapters
 * (electron/core/networks/*) build it from server answers; the renderer draws it.
 */
import { z } from 'zod';
import { networkSchema } from './account.ts';

/**
 * An account on the other network that an author's own profile names as theirs (Mastodon: a
 * Bluesky handle or DID; Bluesky: a Mastodon user@server). `verified`: the server checked the
 * link (a Mastodon profile field with verified_at). See electron/core/timeline/identity-links.ts.
 */
export const identityClaimSchema = z.object({ network: networkSchema, account: z.string(), verified: z.boolean() });
export type IdentityClaim = z.infer<typeof identityClaimSchema>;

export const authorSchema = z.object({
  network: networkSchema,
  /** Mastodon: the account's ActivityPub URI; Bluesky: its DID. Stable across servers. */
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  profileUrl: z.string().nullable(),
  /** What the author's profile claims on the other network, when it claims anything (Mastodon profiles only). */
  claims: z.array(identityClaimSchema).optional(),
  /** The websites the author's profile links (shared/people/websites.ts), when it links any: only on
   *  the people of a following page, for finding them on the other network by their site's rel="me" links. */
  websites: z.array(z.string().max(2000)).max(4).optional(),
});
export type Author = z.infer<typeof authorSchema>;

export const mediaSchema = z.object({
  kind: z.enum(['image', 'video', 'gifv', 'audio', 'unknown']),
  url: z.string(),
  previewUrl: z.string().nullable(),
  alt: z.string(),
  /** Known before loading, so the layout never jumps. */
  width: z.number().positive().nullable(),
  height: z.number().positive().nullable(),
});
export type Media = z.infer<typeof mediaSchema>;

export const linkCardSchema = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
});
export type LinkCard = z.infer<typeof linkCardSchema>;

/** A byte range of Bluesky text (UTF-8 offsets, end exclusive) with what it means. */
export const facetSchema = z.object({
  byteStart: z.number().int().nonnegative(),
  byteEnd: z.number().int().nonnegative(),
  feature: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('link'), uri: z.string() }),
    z.object({ kind: z.literal('mention'), did: z.string() }),
    z.object({ kind: z.literal('tag'), tag: z.string() }),
  ]),
});
export type Facet = z.infer<typeof facetSchema>;

/** A Mastodon custom emoji: :shortcode: in the HTML, drawn as a small fixed-size image. */
export const customEmojiSchema = z.object({ shortcode: z.string(), url: z.string() });

/** Mastodon gives HTML (sanitized by the renderer); Bluesky gives text with facets. */
export const contentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('html'), html: z.string(), emojis: z.array(customEmojiSchema) }),
  z.object({ kind: z.literal('facets'), text: z.string(), facets: z.array(facetSchema) }),
]);
export type Content = z.infer<typeof contentSchema>;

/** A Mastodon poll, as the server counted it when the post was read. */
export const pollSchema = z.object({
  options: z.array(z.object({ title: z.string(), votes: z.number().int().nonnegative().nullable() })).min(1).max(50),
  multiple: z.boolean(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  expired: z.boolean(),
  votes: z.number().int().nonnegative(),
  /** People who voted (a multiple-choice poll counts votes and voters apart); null where the server does not say. */
  voters: z.number().int().nonnegative().nullable(),
});
export type Poll = z.infer<typeof pollSchema>;

/** Closed by the server's word, or by the clock since the post was read. */
export const pollClosed = (poll: Poll, now = Date.now()) => poll.expired || (poll.expiresAt !== null && Date.parse(poll.expiresAt) <= now);

/** One of the user's accounts that saw the post, and how to act on it from there. */
export const sightingSchema = z.object({
  accountId: z.string(),
  /** Mastodon: the status id on that account's server; Bluesky: the post's at:// URI. */
  nativeId: z.string(),
  /** Bluesky: the record's CID (likes and reposts need it). */
  cid: z.string().nullable(),
  liked: z.boolean(),
  boosted: z.boolean(),
  /** Bluesky: this account's like record (at:// URI), known after Braid made it: undoing deletes it. */
  likeUri: z.string().nullable().optional(),
  /** Bluesky: this account's repost record (at:// URI), likewise. */
  boostUri: z.string().nullable().optional(),
  /** Mastodon: the post's poll on this account's server, and the options this account chose (null: not voted). */
  poll: z.object({ id: z.string(), ownVotes: z.array(z.number().int().nonnegative()).nullable() }).optional(),
});
export type Sighting = z.infer<typeof sightingSchema>;

const postFields = {
  network: networkSchema,
  /** Mastodon: the status URI (the same on every server); Bluesky: the at:// URI. */
  uri: z.string(),
  /** The post on the web, to open or copy. */
  url: z.string().nullable(),
  author: authorSchema,
  content: contentSchema,
  media: z.array(mediaSchema),
  card: linkCardSchema.nullable(),
  /** A reply: to whom (for "replying to @x"). */
  replyTo: z.object({ handle: z.string().nullable() }).nullable(),
  /** Mastodon's content warning text, shown collapsed. */
  contentWarning: z.string().nullable(),
  /** Bluesky self-labels (sexual, nudity, porn, graphic-media) and Mastodon's sensitive media flag. */
  labels: z.array(z.string()),
  counts: z.object({ replies: z.number(), boosts: z.number(), likes: z.number() }),
  language: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Mastodon polls (absent on posts without one, and in caches written before polls). */
  poll: pollSchema.nullable().optional(),
};

export const quotedPostSchema = z.object(postFields);
export type QuotedPost = z.infer<typeof quotedPostSchema>;

/**
 * Why a quoted post is not shown, in the reader's terms: Mastodon's quote states (pending, rejected,
 * revoked, deleted, unauthorized; blocked and muted for the reader's own blocks and mutes) and
 * Bluesky's record views (not found, blocked, detached by its author).
 */
export const quoteUnavailableReasons = ['pending', 'rejected', 'revoked', 'deleted', 'unauthorized', 'blocked', 'muted', 'detached'] as const;
export const unavailableQuoteSchema = z.object({
  unavailable: z.enum(quoteUnavailableReasons),
  /** The quoted post's address, where the server still gives it. */
  uri: z.string().nullable(),
});
export type UnavailableQuote = z.infer<typeof unavailableQuoteSchema>;

export const postSchema = z.object({
  ...postFields,
  quote: z.union([quotedPostSchema, unavailableQuoteSchema]).nullable(),
  /** Boosted (Mastodon) or reposted (Bluesky) into the timeline by this person. */
  boostedBy: authorSchema.nullable(),
  /** Where the post sits in the timeline: the boost's time, else createdAt. */
  sortAt: z.iso.datetime({ offset: true }),
  seenBy: z.array(sightingSchema).min(1),
  /** Braid could not read what the server sent for this post: shown as "could not be shown", with its link. */
  unreadable: z.literal(true).optional(),
});
export type Post = z.infer<typeof postSchema>;

export { postKey } from './post-key.ts';
