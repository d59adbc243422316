/**
 * The archive export's format: its name and version, the shape of a posts.jsonl line, of
 * manifest.json and of check.json, and the patterns both the writer (../archive-export.ts) and
 * the check (export-check.ts) hold the files to. docs/archive-export.md describes it for readers.
 */
import type { Content } from '../../../../shared/domain/post.ts';

/** Names this export format in manifest.json; a reader checks it before anything else. */
export const exportFormat = 'braid-archive-export';
export const exportFormatVersion = 1;

/** One line of posts.jsonl (docs/archive-export.md). Keys come in this order; `source` is last. */
export interface ExportedPost {
  /** The post's key in its account's history: Mastodon status id, Bluesky at:// URI. Unique with `account`. */
  id: string;
  /** Braid's id of the account the post was archived from. */
  account: string;
  network: string;
  uri: string;
  url: string | null;
  /** ISO-8601, UTC. */
  createdAt: string;
  /** When Braid saw that the post was gone from its server (it stays in the archive); else null. */
  deletedAt: string | null;
  archivedAt: string;
  author: { id: string; handle: string; displayName: string };
  /** Plain text: the content warning first (where there is one), then the body. */
  text: string;
  contentWarning: string | null;
  /** As the network gave it: Mastodon HTML (unsanitized, as the server sent it) or Bluesky text with facets. */
  content: Content;
  langs: string[];
  isReply: boolean;
  isQuote: boolean;
  replyTo: { handle: string | null } | null;
  quote: { uri: string | null; url: string | null; author: string | null; unavailable: string | null } | null;
  media: ExportedMedia[];
  /** The post's cross-post group: the same words posted to several of the user's accounts share
   *  it ("draft:<id>" for posts Braid sent together, "match:<id>" for older ones the timeline's
   *  collapse rule pairs); null when the post stands alone. */
  crossPost: string | null;
  /** The network's own JSON of the post, as the server gave it. */
  source: unknown;
}

export interface ExportedMedia {
  /** "media/<sha256>.<ext>" inside the export; null when the file was never downloaded. */
  file: string | null;
  url: string | null;
  alt: string;
  kind: string;
  mimeType: string | null;
  sha256: string | null;
  bytes: number | null;
}

export interface ExportCheck {
  ok: boolean;
  /** Lines read back from posts.jsonl. */
  posts: number;
  /** Files of media/ whose SHA-256 was computed again. */
  mediaChecked: number;
  problems: string[];
}

export interface ExportProgress {
  phase: 'posts' | 'check';
  done: number;
  total: number;
}

/** One month of manifest.json: its posts, and how many of them were deleted from their server. */
export interface MonthCount {
  month: string;
  posts: number;
  deleted: number;
}

/** One account of manifest.json, with the times of its first and last post. */
export interface AccountTotal {
  account: string;
  network: string;
  handle: string;
  posts: number;
  deleted: number;
  first: string;
  last: string;
}

/** manifest.json: what the export holds, for its check and for tools. */
export interface ExportManifest {
  format: typeof exportFormat;
  version: number;
  exportedAt: string;
  posts: number;
  mediaFiles: number;
  months: MonthCount[];
  accounts: AccountTotal[];
}

/** A file of media/: its SHA-256 and an extension. */
export const mediaName = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
/** A month page's key, "YYYY-MM" (posts with no such date go to "undated"). */
export const monthKey = /^\d{4}-\d{2}$/;
