/**
 * The archive as the window sees it: where each account's archive stands (posts kept, the import
 * under way, paused or waiting for its server), searches with their highlighted snippets, and
 * what an export wrote. Accounts here include ones no longer signed in and imported files (a
 * Twitter/X export): an archive outlives the account it came from.
 */
import { z } from 'zod';
import { appErrorSchema } from '../result-schema.ts';
import { postSchema } from './post.ts';

const count = z.number().int().nonnegative();
const accountKey = z.string().min(1).max(600);

export const archiveAccountSchema = z.object({
  accountId: accountKey,
  /** mastodon, bluesky, or a network Braid only reads from files (twitter). */
  network: z.string(),
  /** The handle, as far as Braid knows it. */
  label: z.string(),
  /** A signed-in account whose server can be read again (a sync); false for files and signed-out accounts. */
  canSync: z.boolean(),
  posts: count,
  deleted: count,
  withMedia: count,
  oldest: z.string().nullable(),
  newest: z.string().nullable(),
  /** The whole history has been read once. */
  complete: z.boolean(),
  lastSynced: z.string().nullable(),
  /** syncing: reading pages now; waiting: for its server's request budget; paused: a walk stopped part-way, resumed by the next sync. */
  state: z.enum(['idle', 'syncing', 'waiting', 'paused']),
  /** How many posts the account has on its server, where the server says (for the progress bar). */
  total: count.nullable(),
  /** Posts added by the sync under way, and when it started (epoch ms): the window works out the time left. */
  run: z.object({ added: count, startedAt: z.number(), waitingUntil: z.number().nullable() }).nullable(),
  error: appErrorSchema.nullable(),
});
export type ArchiveAccount = z.infer<typeof archiveAccountSchema>;

export const archiveStatusSchema = z.object({
  accounts: z.array(archiveAccountSchema),
  /** Pictures and videos of archived posts not downloaded yet (tried after each sync). */
  mediaMissing: count,
  /** Media are being downloaded now. */
  mediaDownloading: z.boolean(),
});
export type ArchiveStatus = z.infer<typeof archiveStatusSchema>;

export const archiveQuerySchema = z.object({
  query: z.string().max(500),
  accounts: z.array(accountKey).max(100).optional(),
  networks: z.array(z.string().max(40)).max(10).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  hasMedia: z.boolean().optional(),
  replies: z.boolean().optional(),
  order: z.enum(['newest', 'best']),
  limit: z.number().int().min(1).max(200),
  cursor: z.string().max(200).nullable().optional(),
});
export type ArchiveQueryInput = z.infer<typeof archiveQuerySchema>;

export const snippetPartSchema = z.object({ text: z.string(), mark: z.boolean() });

export const archiveHitSchema = z.object({
  accountId: z.string(),
  network: z.string(),
  key: z.string(),
  uri: z.string(),
  url: z.string().nullable(),
  createdAt: z.string(),
  deleted: z.boolean(),
  hasMedia: z.boolean(),
  isReply: z.boolean(),
  isQuote: z.boolean(),
  /** The matching words marked (text parts, never HTML). */
  snippet: z.array(snippetPartSchema),
  /** The archived copy, drawn as the timeline draws a post. */
  post: postSchema,
});
export type ArchiveHit = z.infer<typeof archiveHitSchema>;

export const archiveResultsSchema = z.object({ hits: z.array(archiveHitSchema), cursor: z.string().nullable() });
export type ArchiveResults = z.infer<typeof archiveResultsSchema>;

export const archiveExportSchema = z.object({
  dir: z.string(),
  posts: count,
  mediaFiles: count,
  /** The export read itself back: every post counted and every file's hash matched. */
  checked: z.boolean(),
  problems: z.array(z.string()),
});
export type ArchiveExport = z.infer<typeof archiveExportSchema>;
