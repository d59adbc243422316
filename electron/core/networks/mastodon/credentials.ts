/** What Braid keeps secret for a Mastodon account (an app's client and the user's tokens). */
import { z } from 'zod';

export const mastodonCredentialsSchema = z.object({
  network: z.literal('mastodon'),
  origin: z.string(),
  /** Empty for a token the user made on their server (Braid registered no app for it). */
  clientId: z.string(),
  clientSecret: z.string(),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresAt: z.number().optional(),
});
export type MastodonCredentials = z.infer<typeof mastodonCredentialsSchema>;
