/** Each account's secrets, as one encrypted entry of the SecretStore: typed, validated, never logged. */
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store.ts';

const mastodonCredentialsSchema = z.object({
  network: z.literal('mastodon'),
  origin: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresAt: z.number().optional(),
});

const blueskyCredentialsSchema = z.object({
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
const blueskyOAuthCredentialsSchema = z.object({ network: z.literal('bluesky-oauth'), did: z.string() });

const credentialsSchema = z.discriminatedUnion('network', [mastodonCredentialsSchema, blueskyCredentialsSchema, blueskyOAuthCredentialsSchema]);
export type MastodonCredentials = z.infer<typeof mastodonCredentialsSchema>;
export type BlueskyCredentials = z.infer<typeof blueskyCredentialsSchema>;
export type Credentials = z.infer<typeof credentialsSchema>;

const keyOf = (accountId: string) => `account:${accountId}`;

/** null: nothing stored, or stored but unreadable (another key, damaged): sign in again. */
export function readCredentials(secrets: SecretStore, accountId: string): Credentials | null {
  const read = secrets.read(keyOf(accountId));
  if (!read.ok || read.value === null) return null;
  const parsed = credentialsSchema.safeParse(JSON.parse(read.value));
  return parsed.success ? parsed.data : null;
}

export const writeCredentials = (secrets: SecretStore, accountId: string, credentials: Credentials) =>
  secrets.write(keyOf(accountId), JSON.stringify(credentials));

export const deleteCredentials = (secrets: SecretStore, accountId: string) => secrets.delete(keyOf(accountId));
