/** Bluesky's feed views (app.bsky.feed.defs), and post records read from a repository, as network-neutral Posts. */
import type {
  AppBskyActorDefs,
  AppBskyEmbedExternal,
  AppBskyEmbedImages,
  AppBskyEmbedRecord,
  AppBskyEmbedRecordWithMedia,
  AppBskyEmbedVideo,
  AppBskyFeedDefs,
} from '@atproto/api';
import { z } from 'zod';
import type { Author, Facet, Media, Post, QuotedPost, UnavailableQuote } from '../../../../shared/domain/post.ts';

const recordSchema = z.looseObject({
  text: z.string().catch(''),
  createdAt: z.string().optional(),
  langs: z.array(z.string()).optional().catch(undefined),
  reply: z.unknown().optional(),
  facets: z
    .array(
      z.looseObject({
        index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
        features: z.array(z.looseObject({ $type: z.string(), uri: z.string().optional(), did: z.string().optional(), tag: z.string().optional() })),
      }),
    )
    .optional()
    .catch(undefined),
  labels: z.looseObject({ values: z.array(z.object({ val: z.string() })).catch([]) }).optional().catch(undefined),
});

/** A post's page on bsky.app, by its at:// URI and its author's handle (or DID). */
export const webUrl = (uri: string, handle: string) => {
  const rkey = uri.split('/').pop();
  return rkey ? `https://bsky.app/profile/${handle}/post/${rkey}` : null;
};

export const blueskyAuthor = (actor: Pick<AppBskyActorDefs.ProfileViewBasic, 'did' | 'handle' | 'displayName' | 'avatar'>): Author => ({
  network: 'bluesky',
  id: actor.did,
  handle: actor.handle,
  displayName: actor.displayName ?? '',
  avatarUrl: actor.avatar ?? null,
  profileUrl: `https://bsky.app/profile/${actor.handle}`,
});

function facetsOf(record: z.infer<typeof recordSchema>): Facet[] {
  const facets: Facet[] = [];
  for (const facet of record.facets ?? []) {
    const { byteStart, byteEnd } = facet.index;
    if (byteEnd <= byteStart) continue;
    for (const feature of facet.features) {
      if (feature.$type === 'app.bsky.richtext.facet#link' && feature.uri) facets.push({ byteStart, byteEnd, feature: { kind: 'link', uri: feature.uri } });
      else if (feature.$type === 'app.bsky.richtext.facet#mention' && feature.did) facets.push({ byteStart, byteEnd, feature: { kind: 'mention', did: feature.did } });
      else if (feature.$type === 'app.bsky.richtext.facet#tag' && feature.tag) facets.push({ byteStart, byteEnd, feature: { kind: 'tag', tag: feature.tag } });
    }
  }
  return facets;
}

// Lexicon unions are told apart by $type (the views below are validated by the XRPC client).
const typeOf = (value: unknown) => (value as { $type?: unknown } | null | undefined)?.$type;
const is = <T>(value: unknown, type: string): value is T => typeOf(value) === type;

type EmbedView = AppBskyFeedDefs.PostView['embed'];

function mediaOf(embed: EmbedView): Media[] {
  const media: unknown = is<AppBskyEmbedRecordWithMedia.View>(embed, 'app.bsky.embed.recordWithMedia#view') ? embed.media : embed;
  if (is<AppBskyEmbedImages.View>(media, 'app.bsky.embed.images#view')) {
    return media.images.map((image) => ({
      kind: 'image',
      url: image.fullsize,
      previewUrl: image.thumb,
      alt: image.alt,
      width: image.aspectRatio?.width ?? null,
      height: image.aspectRatio?.height ?? null,
    }));
  }
  if (is<AppBskyEmbedVideo.View>(media, 'app.bsky.embed.video#view')) {
    return [{ kind: 'video', url: media.playlist, previewUrl: media.thumbnail ?? null, alt: media.alt ?? '', width: media.aspectRatio?.width ?? null, height: media.aspectRatio?.height ?? null }];
  }
  return [];
}

/** What a post view and a quoted record view have in common. */
interface ViewLike {
  uri: string;
  author: AppBskyActorDefs.ProfileViewBasic;
  record: unknown;
  embed?: EmbedView;
  indexedAt: string;
  replyCount?: number;
  repostCount?: number;
  likeCount?: number;
}

function fieldsOf(view: ViewLike, replyTo: string | null): QuotedPost {
  const record = recordSchema.parse(view.record);
  const createdAt = record.createdAt && !Number.isNaN(Date.parse(record.createdAt)) ? new Date(record.createdAt).toISOString() : new Date(view.indexedAt).toISOString();
  const external = is<AppBskyEmbedExternal.View>(view.embed, 'app.bsky.embed.external#view') ? view.embed.external : null;
  return {
    network: 'bluesky',
    uri: view.uri,
    url: webUrl(view.uri, view.author.handle),
    author: blueskyAuthor(view.author),
    content: { kind: 'facets', text: record.text, facets: facetsOf(record) },
    media: mediaOf(view.embed),
    card: external ? { url: external.uri, title: external.title, description: external.description, imageUrl: external.thumb ?? null } : null,
    replyTo: record.reply ? { handle: replyTo } : null,
    contentWarning: null,
    labels: record.labels?.values.map((label) => label.val) ?? [],
    counts: { replies: view.replyCount ?? 0, boosts: view.repostCount ?? 0, likes: view.likeCount ?? 0 },
    language: record.langs?.[0] ?? null,
    createdAt,
  };
}

const unavailableViews: Record<string, UnavailableQuote['unavailable']> = {
  'app.bsky.embed.record#viewNotFound': 'deleted',
  'app.bsky.embed.record#viewBlocked': 'blocked',
  'app.bsky.embed.record#viewDetached': 'detached',
};

/** The quoted post of a record or record-with-media embed; feeds, lists and other records quoted are left out. */
function quoteOf(embed: EmbedView): Post['quote'] {
  const record: unknown = is<AppBskyEmbedRecordWithMedia.View>(embed, 'app.bsky.embed.recordWithMedia#view')
    ? embed.record.record
    : is<AppBskyEmbedRecord.View>(embed, 'app.bsky.embed.record#view')
      ? embed.record
      : null;
  const type = typeOf(record);
  const unavailable = typeof type === 'string' ? unavailableViews[type] : undefined;
  if (unavailable) return { unavailable, uri: (record as { uri?: unknown }).uri?.toString() ?? null };
  if (!is<AppBskyEmbedRecord.ViewRecord>(record, 'app.bsky.embed.record#viewRecord')) return null;
  try {
    return fieldsOf({ ...record, record: record.value, embed: record.embeds?.[0] }, null);
  } catch {
    return null; // a quoted record Braid cannot read is left out, not the whole post
  }
}

/** One timeline entry; a malformed one throws (the caller drops it and keeps the rest). */
export function postFromFeedItem(item: AppBskyFeedDefs.FeedViewPost, accountId: string): Post {
  const parent = item.reply?.parent;
  const replyTo = is<AppBskyFeedDefs.PostView>(parent, 'app.bsky.feed.defs#postView') ? parent.author.handle : null;
  const fields = fieldsOf(item.post, replyTo);
  const repost = is<AppBskyFeedDefs.ReasonRepost>(item.reason, 'app.bsky.feed.defs#reasonRepost') ? item.reason : null;
  const { viewer } = item.post;
  return {
    ...fields,
    quote: quoteOf(item.post.embed),
    boostedBy: repost ? blueskyAuthor(repost.by) : null,
    sortAt: repost ? new Date(repost.indexedAt).toISOString() : fields.createdAt,
    seenBy: [{ accountId, nativeId: item.post.uri, cid: item.post.cid, liked: Boolean(viewer?.like), boosted: Boolean(viewer?.repost) }],
  };
}

/**
 * Where a blob of the repository is fetched from, by its CID: the account's PDS
 * (com.atproto.sync.getBlob) for the archive. `use` says what the URL is for, for a source (a CDN)
 * that serves each use in its own size.
 */
export type BlobUrl = (cid: string, use: 'fullsize' | 'thumbnail' | 'video') => string;

/** A blob as lex-json gives it ({ref: {$link}}), or a legacy blob ({cid}): its CID. */
export function blobCid(blob: unknown): string | null {
  const value = blob as { ref?: { $link?: unknown }; cid?: unknown } | null | undefined;
  if (typeof value?.ref?.$link === 'string') return value.ref.$link;
  return typeof value?.cid === 'string' ? value.cid : null;
}

const sizeOf = (ratio: unknown) => {
  const value = ratio as { width?: unknown; height?: unknown } | null | undefined;
  const positive = (n: unknown) => (typeof n === 'number' && n > 0 ? n : null);
  return { width: positive(value?.width), height: positive(value?.height) };
};

/** The record's own embed (app.bsky.embed.*, not a view): media, link card and the quoted record. */
function embedOfRecord(embed: unknown, blobUrl: BlobUrl): { media: Media[]; card: Post['card']; quoted: string | null } {
  const withMedia = is<{ media?: unknown; record?: { record?: { uri?: unknown } } }>(embed, 'app.bsky.embed.recordWithMedia');
  const media: unknown = withMedia ? (embed as { media?: unknown }).media : embed;
  const quotedRef: unknown = withMedia
    ? (embed as { record?: { record?: unknown } }).record?.record
    : is(embed, 'app.bsky.embed.record')
      ? (embed as { record?: unknown }).record
      : null;
  const quotedUri = (quotedRef as { uri?: unknown } | null | undefined)?.uri;
  // Feeds, lists and other records quoted are not quoted posts (as on the timeline).
  const quoted = typeof quotedUri === 'string' && quotedUri.split('/')[3] === 'app.bsky.feed.post' ? quotedUri : null;
  const found: Media[] = [];
  let card: Post['card'] = null;
  if (is<AppBskyEmbedImages.Main>(media, 'app.bsky.embed.images')) {
    for (const image of media.images) {
      const cid = blobCid(image.image);
      if (cid) found.push({ kind: 'image', url: blobUrl(cid, 'fullsize'), previewUrl: blobUrl(cid, 'thumbnail'), alt: image.alt, ...sizeOf(image.aspectRatio) });
    }
  } else if (is<AppBskyEmbedVideo.Main>(media, 'app.bsky.embed.video')) {
    const cid = blobCid(media.video);
    if (cid) found.push({ kind: 'video', url: blobUrl(cid, 'video'), previewUrl: null, alt: media.alt ?? '', ...sizeOf(media.aspectRatio) });
  } else if (is<AppBskyEmbedExternal.Main>(media, 'app.bsky.embed.external')) {
    const thumb = blobCid(media.external.thumb);
    card = { url: media.external.uri, title: media.external.title, description: media.external.description, imageUrl: thumb ? blobUrl(thumb, 'thumbnail') : null };
  }
  return { media: found, card, quoted };
}

/** A post record read from the repository itself (no view: no counts, no viewer state). */
export interface RepoPostRecord {
  /** at://<did>/app.bsky.feed.post/<rkey> */
  uri: string;
  cid: string;
  /** The record as lex-json (CIDs as {$link}), validated as app.bsky.feed.post. */
  record: unknown;
}

/**
 * A post of the account's own repository as a Post: written by `author` (the account), seen by it.
 * What only a view knows is left out: counts are 0, a reply's parent author is not named, and a
 * quoted post is not drawn (`quote` is null: the record holds only its address, `quotedUri`).
 * A malformed record throws.
 */
export function postFromRecord(entry: RepoPostRecord, author: Author, accountId: string, blobUrl: BlobUrl): { post: Post; quotedUri: string | null } {
  const record = recordSchema.parse(entry.record);
  if (!record.createdAt || Number.isNaN(Date.parse(record.createdAt))) throw new Error('a post record without a time');
  const createdAt = new Date(record.createdAt).toISOString();
  const { media, card, quoted } = embedOfRecord((entry.record as { embed?: unknown }).embed, blobUrl);
  const post: Post = {
    network: 'bluesky',
    uri: entry.uri,
    url: webUrl(entry.uri, author.id),
    author,
    content: { kind: 'facets', text: record.text, facets: facetsOf(record) },
    media,
    card,
    replyTo: record.reply ? { handle: null } : null,
    contentWarning: null,
    labels: record.labels?.values.map((label) => label.val) ?? [],
    counts: { replies: 0, boosts: 0, likes: 0 },
    language: record.langs?.[0] ?? null,
    createdAt,
    quote: null,
    boostedBy: null,
    sortAt: createdAt,
    seenBy: [{ accountId, nativeId: entry.uri, cid: entry.cid, liked: false, boosted: false }],
  };
  return { post, quotedUri: quoted };
}
