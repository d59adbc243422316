import { z } from 'zod';

export const networkSchema = z.enum(['mastodon', 'bluesky']);
export type Network = z.infer<typeof networkSchema>;

/** What the renderer may know of an account: never a token or any other secret. */
export const accountSummarySchema = z.object({
  id: z.string().min(1),
  network: networkSchema,
  /** Mastodon: the instance's host; Bluesky: the PDS host. */
  server: z.string(),
  /** Mastodon: user@instance; Bluesky: the handle (the account is keyed by its DID). */
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  /** auth_expired: the server refused the stored credentials; the account stays until removed. */
  status: z.enum(['ok', 'auth_expired']),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;
