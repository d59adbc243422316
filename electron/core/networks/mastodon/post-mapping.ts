/**
 * Mastodon statuses (as masto hands them over: camelCase keys) as network-neutral Posts,
 * validated at the edge. The HTML content is kept as the server sent it: the renderer
 * sanitizes it into a React tree.
 */
import { z } from 'zod';
import type { Author, Media, Poll, Post, QuotedPost, Sighting, UnavailableQuote } from '../../../../shared/domain/post.ts';
import { claimsInMastodonProfile } from '../../../../shared/timeline/identity-claims.ts';
import { websitesOfMastodonProfile } from '../../../../shared/people/websites.ts';

const text = z.string().nullish().transform((value) => value ?? '');
const count = z.number().int().nonnegative().catch(0);

const accountSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  url: z.string().nullish(),
  uri: z.string().nullish(),
  displayName: text,
  avatar: z.string().nullish(),
  // The profile, for the accounts it names on Bluesky; a profile Braid cannot read names none.
  note: text.catch(''),
  fields: z.array(z.looseObject({ name: text, value: text, verifiedAt: z.string().nullish() })).catch([]),
});

const mediaSchema = z.looseObject({
  type: z.string(),
  url: z.string().nullish(),
  previewUrl: z.string().nullish(),
  remoteUrl: z.string().nullish(),
  description: text,
  meta: z
    .looseObject({ original: z.looseObject({ width: z.number().positive().optional(), height: z.number().positive().optional() }).optional() })
    .nullish()
    .catch(null),
});

const pollEntity = z.looseObject({
  id: z.string(),
  expiresAt: z.string().nullish().catch(null),
  expired: z.boolean().catch(false),
  multiple: z.boolean().catch(false),
  votesCount: count,
  votersCount: z.number().int().nonnegative().nullish().catch(null),
  options: z.array(z.looseObject({ title: text, votesCount: z.number().int().nonnegative().nullish().catch(null) })).min(1),
  voted: z.boolean().nullish().catch(null),
  ownVotes: z.array(z.number().int().nonnegative()).nullish().catch(null),
});

const baseStatus = {
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  createdAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  account: accountSchema,
  content: text,
  spoilerText: text,
  sensitive: z.boolean().catch(false),
  mediaAttachments: z.array(mediaSchema).catch([]),
  card: z.looseObject({ url: z.string(), title: text, description: text, image: z.string().nullish() }).nullish().catch(null),
  emojis: z.array(z.looseObject({ shortcode: z.string(), url: z.string() })).catch([]),
  inReplyToId: z.string().nullish(),
  inReplyToAccountId: z.string().nullish(),
  mentions: z.array(z.looseObject({ id: z.string(), acct: z.string() })).catch([]),
  repliesCount: count,
  reblogsCount: count,
  favouritesCount: count,
  favourited: z.boolean().nullish(),
  reblogged: z.boolean().nullish(),
  language: z.string().nullish(),
  poll: pollEntity.nullish().catch(null),
};
/** Mastodon 4.4+'s Quote: a state, and the quoted status when the reader may see it (`status` in early documentation). */
const quoteSchema = z.looseObject({
  state: z.string().catch('unauthorized'),
  quotedStatus: z.looseObject(baseStatus).nullish().catch(null),
  status: z.looseObject(baseStatus).nullish().catch(null),
});
const quotingStatus = { ...baseStatus, quote: quoteSchema.nullish().catch(null) };
const statusSchema = z.looseObject({ ...quotingStatus, reblog: z.looseObject(quotingStatus).nullish() });
type Status = z.infer<typeof statusSchema>;
type Original = z.infer<z.ZodObject<typeof quotingStatus>>;
type QuotedStatus = z.infer<z.ZodObject<typeof baseStatus>>;

const hostOf = (url: string | null | undefined) => {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
};

/** An account entity as an Author. Throws when malformed. */
export const authorFromAccount = (raw: unknown, serverHost: string): Author => mastodonAuthor(accountSchema.parse(raw), serverHost);
/** The same, with the Bluesky accounts the profile claims (a person found on both networks is one). */
export const claimingAuthorFromAccount = (raw: unknown, serverHost: string): Author => claimingAuthor(accountSchema.parse(raw), serverHost);
/** The same, with the websites the profile links too (a person someone follows, to be found elsewhere). */
export function followedAuthorFromAccount(raw: unknown, serverHost: string): Author {
  const account = accountSchema.parse(raw);
  const websites = websitesOfMastodonProfile(account);
  const author = claimingAuthor(account, serverHost);
  return websites.length > 0 ? { ...author, websites } : author;
}

/** user@server for everyone: local accounts come without their server in `acct`. */
function mastodonAuthor(account: z.infer<typeof accountSchema>, serverHost: string): Author {
  const handle = account.acct.includes('@') ? account.acct : `${account.acct}@${hostOf(account.url) ?? serverHost}`;
  return {
    network: 'mastodon',
    id: account.uri ?? account.url ?? `${handle}`,
    handle,
    displayName: account.displayName,
    avatarUrl: account.avatar ?? null,
    profileUrl: account.url ?? null,
  };
}

const mediaKinds = new Set(['image', 'video', 'gifv', 'audio']);

function mediaOf(attachment: z.infer<typeof mediaSchema>): Media | null {
  const url = attachment.url ?? attachment.remoteUrl;
  if (!url) return null; // still processing, or gone
  const original = attachment.meta?.original;
  return {
    kind: mediaKinds.has(attachment.type) ? (attachment.type as Media['kind']) : 'unknown',
    url,
    previewUrl: attachment.previewUrl ?? null,
    alt: attachment.description,
    width: original?.width ?? null,
    height: original?.height ?? null,
  };
}

function replyHandle(status: QuotedStatus, serverHost: string): string | null {
  if (!status.inReplyToAccountId) return null;
  if (status.inReplyToAccountId === status.account.id) return mastodonAuthor(status.account, serverHost).handle;
  const mentioned = status.mentions.find((mention) => mention.id === status.inReplyToAccountId);
  return mentioned ? (mentioned.acct.includes('@') ? mentioned.acct : `${mentioned.acct}@${serverHost}`) : null;
}

/** The author of a status, with the Bluesky accounts the profile claims (only when it claims any). */
function claimingAuthor(account: z.infer<typeof accountSchema>, serverHost: string): Author {
  const claims = claimsInMastodonProfile({ note: account.note, fields: account.fields.map((field) => ({ ...field, verifiedAt: field.verifiedAt ?? null })) });
  const author = mastodonAuthor(account, serverHost);
  return claims.length > 0 ? { ...author, claims } : author;
}

/** What a status and the status it quotes have in common, as a post's fields. */
function fieldsOf(status: QuotedStatus, serverHost: string): QuotedPost {
  return {
    network: 'mastodon',
    uri: status.uri,
    url: status.url ?? null,
    author: claimingAuthor(status.account, serverHost),
    content: { kind: 'html', html: status.content, emojis: status.emojis.map(({ shortcode, url }) => ({ shortcode, url })) },
    media: status.mediaAttachments.map(mediaOf).filter((media): media is Media => media !== null),
    card: status.card ? { url: status.card.url, title: status.card.title, description: status.card.description, imageUrl: status.card.image ?? null } : null,
    replyTo: status.inReplyToId ? { handle: replyHandle(status, serverHost) } : null,
    contentWarning: status.spoilerText.trim() ? status.spoilerText : null,
    labels: status.sensitive ? ['sensitive'] : [],
    counts: { replies: status.repliesCount, boosts: status.reblogsCount, likes: status.favouritesCount },
    language: status.language ?? null,
    createdAt: new Date(status.createdAt).toISOString(),
    ...(status.poll ? { poll: pollOf(status.poll) } : {}),
  };
}

const maxPollOptions = 50;

const ownPoll = (poll: z.infer<typeof pollEntity>) => ({ id: poll.id, ownVotes: poll.voted ? (poll.ownVotes ?? []) : null });

/** A Poll entity (the answer to a vote): the poll, and this account's part in it. Throws when malformed. */
export function pollFromEntity(raw: unknown): { poll: Poll; own: NonNullable<Sighting['poll']> } {
  const poll = pollEntity.parse(raw);
  return { poll: pollOf(poll), own: ownPoll(poll) };
}

function pollOf(poll: z.infer<typeof pollEntity>): Poll {
  const expiresAt = poll.expiresAt && !Number.isNaN(Date.parse(poll.expiresAt)) ? new Date(poll.expiresAt).toISOString() : null;
  return {
    options: poll.options.slice(0, maxPollOptions).map((option) => ({ title: option.title, votes: option.votesCount ?? null })),
    multiple: poll.multiple,
    expiresAt,
    expired: poll.expired,
    votes: poll.votesCount,
    voters: poll.votersCount ?? null,
  };
}

/** Quote states as the reader is told them; states Mastodon adds later count as unauthorized, as its documentation asks. */
const unavailableStates: Record<string, UnavailableQuote['unavailable']> = {
  pending: 'pending',
  rejected: 'rejected',
  revoked: 'revoked',
  deleted: 'deleted',
  unauthorized: 'unauthorized',
  blocked_account: 'blocked',
  blocked_domain: 'blocked',
  muted_account: 'muted',
};

function quoteOf(quote: Original['quote'], serverHost: string): Post['quote'] {
  if (!quote) return null;
  const quoted = quote.quotedStatus ?? quote.status;
  if (quote.state === 'accepted') return quoted ? fieldsOf(quoted, serverHost) : null;
  return { unavailable: unavailableStates[quote.state] ?? 'unauthorized', uri: quoted?.uri ?? null };
}

/** One entry of a timeline as seen by `accountId` on the server `serverHost`. Throws when malformed. */
export function postFromStatus(raw: unknown, accountId: string, serverHost: string): Post {
  const entry: Status = statusSchema.parse(raw);
  const status: Original = entry.reblog ?? entry;
  return {
    ...fieldsOf(status, serverHost),
    quote: quoteOf(status.quote, serverHost),
    boostedBy: entry.reblog ? mastodonAuthor(entry.account, serverHost) : null,
    sortAt: new Date(entry.createdAt).toISOString(),
    seenBy: [
      {
        accountId,
        nativeId: status.id,
        cid: null,
        liked: Boolean(status.favourited),
        boosted: Boolean(status.reblogged),
        ...(status.poll ? { poll: ownPoll(status.poll) } : {}),
      },
    ],
  };
}
