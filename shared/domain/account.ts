import { z } from 'zod';
import { networkSchema } from './network.ts';

export { networkSchema, type Network } from './network.ts';

/**
 * ok; auth_expired: the server refused the stored credentials (revoked, expired, undecryptable):
 * the account stays, and asks to sign in again; unreachable: its server did not answer lately.
 */
export const accountStatusSchema = z.enum(['ok', 'auth_expired', 'unreachable']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/** What a Mastodon server allows, read at sign-in (GET /api/v2/instance, else v1, else defaults). */
export const mastodonLimitsSchema = z.object({
  maxCharacters: z.number().int().positive(),
  maxMediaAttachments: z.number().int().nonnegative(),
  charactersReservedPerUrl: z.number().int().nonnegative(),
  descriptionLimit: z.number().int().positive(),
  imageSizeLimit: z.number().int().positive(),
  imageMatrixLimit: z.number().int().positive(),
  /** The server counts a link with its full length and a mention with its domain, whatever
   *  characters_reserved_per_url says (GoToSocial, Pleroma, Akkoma): Braid counts the same way. */
  countsInFull: z.boolean().optional(),
  /** The server takes quoted_status_id when posting (Mastodon API version 7, 4.5+). */
  quotes: z.boolean().optional(),
  /** Which answer they came from, for the UI and for debugging servers that differ. */
  source: z.enum(['v2', 'v1', 'defaults']),
});
export type MastodonLimits = z.infer<typeof mastodonLimitsSchema>;

/** What the renderer may know of an account: never a token or any other secret. */
export const accountSummarySchema = z.object({
  /** mastodon:<host>:<account id> or bluesky:<did>. */
  id: z.string().min(1),
  network: networkSchema,
  /** Mastodon: the instance's host; Bluesky: the PDS host. */
  server: z.string(),
  /** Mastodon: user@instance; Bluesky: the handle (the account is keyed by its DID). */
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  status: accountStatusSchema,
  /** Part of the default "post to" set of the composer. */
  postByDefault: z.boolean(),
  /** Mastodon: what the server allows (for the composer's counters); Bluesky: null (fixed rules). */
  limits: mastodonLimitsSchema.nullable(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

