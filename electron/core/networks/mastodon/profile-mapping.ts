/**
 * Mastodon's Account and Relationship entities (as masto hands them over: camelCase keys) as the
 * network-neutral Profile and Relationship, validated at the edge. The note and field values stay
 * HTML, as a status's content does: the renderer sanitises them.
 */
import { z } from 'zod';
import { profileSchema, relationshipSchema, type Profile, type Relationship } from '../../../../shared/domain/profile.ts';
import { authorFromAccount } from './post-mapping.ts';

const text = z.string().nullish().transform((value) => value ?? '');
const count = z.number().int().nonnegative().nullish().catch(null).transform((value) => value ?? null);
const flag = z.boolean().nullish().catch(false).transform(Boolean);
const emojis = z.array(z.looseObject({ shortcode: z.string(), url: z.string() })).catch([]);

export const mastodonAccountSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  username: z.string(),
  acct: z.string(),
  url: z.string().nullish(),
  uri: z.string().nullish(),
  note: text.catch(''),
  header: z.string().nullish().catch(null),
  locked: flag,
  bot: flag,
  followersCount: count,
  followingCount: count,
  statusesCount: count,
  emojis,
  fields: z.array(z.looseObject({ name: text, value: text, verifiedAt: z.string().nullish().catch(null) })).catch([]),
});
export type MastodonAccount = z.infer<typeof mastodonAccountSchema>;

export const mastodonRelationshipSchema = z.looseObject({
  id: z.union([z.string(), z.number().transform(String)]),
  following: flag,
  followedBy: flag,
  muting: flag,
  blocking: flag,
  blockedBy: flag,
  requested: flag,
});
export type MastodonRelationship = z.infer<typeof mastodonRelationshipSchema>;

/** Mastodon's placeholder header (…/missing.png) is no picture at all. */
const picture = (url: string | null | undefined) => (url && !/\/missing\.png(\?|$)/.test(url) ? url : null);

const isoOrNull = (value: string | null | undefined) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null);

/** The relationship with the person whose network-wide id is `personId`. */
export const relationshipOf = (raw: MastodonRelationship, personId: string): Relationship =>
  relationshipSchema.parse({
    id: personId,
    following: raw.following,
    followedBy: raw.followedBy,
    muting: raw.muting,
    blocking: raw.blocking,
    blockedBy: raw.blockedBy,
    requested: raw.requested,
  });

/** The account entity, as `accountId` (on `serverHost`) sees it, with its relationship. Throws when malformed. */
export function profileOf(rawAccount: unknown, relationship: MastodonRelationship, accountId: string, serverHost: string): Profile {
  const account = mastodonAccountSchema.parse(rawAccount);
  const author = authorFromAccount(rawAccount, serverHost);
  const custom = account.emojis.map(({ shortcode, url }) => ({ shortcode, url }));
  return profileSchema.parse({
    network: 'mastodon',
    author,
    accountId,
    headerUrl: picture(account.header),
    bio: { kind: 'html', html: account.note, emojis: custom },
    fields: account.fields.map((field) => ({ name: field.name, value: { kind: 'html', html: field.value, emojis: custom }, verifiedAt: isoOrNull(field.verifiedAt) })),
    counts: { followers: account.followersCount, following: account.followingCount, posts: account.statusesCount },
    url: account.url ?? null,
    locked: account.locked,
    bot: account.bot,
    relationship: relationshipOf(relationship, author.id),
  });
}
