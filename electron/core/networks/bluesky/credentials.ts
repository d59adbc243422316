/** What Braid keeps secret for a Bluesky account: an app-password session, or a pointer to an OAuth one. */
import { z } from 'zod';

const appPasswordCredentialsSchema = z.object({
  network: z.literal('bluesky'),
  service: z.string(),
  session: z.looseObject({
    did: z.string(),
    handle: z.string(),
    accessJwt: z.string(),
    refreshJwt: z.string(),
    active: z.boolean().default(true),
  }),
});

/** Signed in with OAuth: the session (tokens + DPoP key) is kept by the OAuth client under its DID. */
const oauthCredentialsSchema = z.object({ network: z.literal('bluesky-oauth'), did: z.string() });

export const blueskyCredentialsSchema = z.discriminatedUnion('network', [appPasswordCredentialsSchema, oauthCredentialsSchema]);
export type BlueskyCredentials = z.infer<typeof blueskyCredentialsSchema>;
