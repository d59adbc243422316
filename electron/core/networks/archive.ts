/**
 * The archive's seam with each network: one page at a time of the account's OWN posts, each
 * already in the archive's shape, with an opaque cursor the core saves after every page (in the
 * same transaction as that page's posts), so a stopped import resumes exactly where it was.
 *
 * How a network pages is its own business: Mastodon follows its Link header (max_id); Bluesky
 * can page com.atproto.repo.listRecords, or read the repository's CAR once and hand it out in
 * pages (its cursor then names the last record given). The core never looks inside a cursor.
 */
import type { Content, Post } from '../../../shared/domain/post.ts';

/** One of the account's own posts, as the archive keeps it. */
export interface ArchivedPost {
  /** Unique within the account's history, stable across imports (Mastodon: the status id on the
   *  account's server; Bluesky: the record's at:// URI). Re-importing it replaces, never adds. */
  key: string;
  /** The post's network-wide identity (ActivityPub id, at:// URI). */
  uri: string;
  /** The post on the web, where it has a page. */
  url: string | null;
  /** ISO-8601, UTC. */
  createdAt: string;
  /** Plain text to search and show: the content warning first (where there is one), then the body. */
  text: string;
  /** Media descriptions, searched too. */
  altText: string;
  /** As the network gives it: HTML (Mastodon) or text with facets (Bluesky). */
  content: Content;
  langs: string[];
  hasMedia: boolean;
  isReply: boolean;
  isQuote: boolean;
  /** The post as the timeline draws it. */
  post: Post;
  /** The network's own record of the post, as its server gave it (JSON), for exports. */
  source: unknown;
  /** Bytes of the post's media that came with it (an export file read offline), by position in
   *  `post.media`; media without bytes here are downloaded from their URL later. */
  attached?: AttachedMedia[];
  /** The cross-post it belongs to (the same words posted to several accounts), where known when it is saved. */
  crossPost?: string;
}

export interface AttachedMedia {
  position: number;
  mimeType: string;
  bytes: Uint8Array;
}

export interface ArchivePage {
  /** Newest first, as far as the network orders them (the core does not depend on it). */
  posts: ArchivedPost[];
  /** Where the next (older) page starts; null when the account's history ends with this page. */
  next: string | null;
  /** Entries the server sent that could not be read (counted, never silently dropped). */
  unreadable: number;
  /** The request budget the server reported with this page, where it reports one. */
  budget: { remaining: number; resetAt: number } | null;
}

export interface NetworkArchive {
  /** One page of the account's own posts (no boosts or reposts of others), from the newest when
   *  `cursor` is null. A refusal to wait for throws ServerError('rate_limited') with its retryAt. */
  ownPostsPage(accountId: string, cursor: string | null, signal?: AbortSignal): Promise<ArchivePage>;
  /** How many posts the account has, as its server counts them (a progress bar's end); null when it does not say. */
  total?(accountId: string): Promise<number | null>;
  /** Reads an export file in this network's own format (Bluesky: a repository CAR), offline; null
   *  when `head` (the file's first bytes) says it is not one. Throws when it is one but unreadable. */
  readFile?(path: string, head: Uint8Array, log?: (message: string, error?: unknown) => void): Promise<ArchiveFile | null>;
}

/** An export file's posts, as pages (`next` is a position in the file). */
export interface ArchiveFile {
  account: { accountId: string; network: string; handle: string };
  pages: AsyncIterable<ArchivePage>;
}
