import { account, type AccountStats, type ProfileEntity } from './entities.ts';
import type { ResolvedOptions } from './options.ts';
import { linkToUrl, renderText } from './render-text.ts';
import type { Actor, MediaRecord, PollRecord, QuoteRecord, Social, StatusRecord } from './social.ts';

export type AccountEntity = ReturnType<typeof account>;

export interface MediaAttachmentEntity {
  id: string;
  type: MediaRecord['type'];
  url: string;
  preview_url: string;
  remote_url: string | null;
  preview_remote_url: string | null;
  text_url: string | null;
  meta: {
    original: { width: number; height: number; size: string; aspect: number };
    small: { width: number; height: number; size: string; aspect: number };
    focus?: { x: number; y: number };
  };
  description: string | null;
  blurhash: string | null;
}

export interface PreviewCardEntity {
  url: string;
  title: string;
  description: string;
  language: string | null;
  type: 'link';
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  image: string | null;
  image_description: string;
  embed_url: string;
  blurhash: string | null;
  published_at: string | null;
  authors: unknown[];
}

/** REST::StatusSerializer's output. Relationship fields exist only when a user is looking. */
export interface PollEntity {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  emojis: never[];
  voted?: boolean;
  own_votes?: number[];
}

export interface StatusEntity {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: StatusRecord['visibility'];
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  edited_at: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: unknown[];
  content: string;
  reblog: StatusEntity | null;
  application?: { name: string; website: string | null } | null;
  account: AccountEntity;
  media_attachments: MediaAttachmentEntity[];
  mentions: { id: string; username: string; url: string; acct: string }[];
  tags: { name: string; url: string }[];
  emojis: unknown[];
  /** Quote, or ShallowQuote inside a quoted status (Mastodon 4.4+). */
  quote?: { state: string; quoted_status: StatusEntity | null } | { state: string; quoted_status_id: string | null } | null;
  card: PreviewCardEntity | null;
  poll: PollEntity | null;
}

/**
 * How `favourited`, `reblogged` and `bookmarked` are worked out. Endpoints answering one status ask the account
 * (`Account#favourited?` looks at `status.proper`, so a reblog reports its original's state); lists go through
 * StatusRelationshipsPresenter, keyed by each status' own id, so a reblog wrapper there says false.
 */
export type RelationMode = 'single' | 'list';

// A valid BlurHash (a 4×3 one from the format's own documentation); the server does not look at pixels.
const placeholderBlurhash = 'LEHV6nWB2yk8pyo0adR*.7kCMdnj';

function atLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Mastodon's `small` style: at most 640×360 worth of pixels, same aspect. */
function small(width: number, height: number): { width: number; height: number } {
  const pixels = width * height;
  if (pixels <= 230_400 || pixels === 0) return { width, height };
  const scale = Math.sqrt(230_400 / pixels);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function dimensions(width: number, height: number) {
  return { width, height, size: `${width}x${height}`, aspect: height === 0 ? 0 : width / height };
}

export function mediaAttachment(media: MediaRecord): MediaAttachmentEntity {
  const preview = small(media.width, media.height);
  return {
    id: media.id,
    type: media.type,
    url: media.url,
    preview_url: media.previewUrl,
    remote_url: media.remoteUrl,
    preview_remote_url: null,
    text_url: null,
    meta: { original: dimensions(media.width, media.height), small: dimensions(preview.width, preview.height), ...(media.focus ? { focus: media.focus } : {}) },
    description: media.description,
    blurhash: media.type === 'audio' ? null : placeholderBlurhash,
  };
}

export function createRenderer(social: Social, options: ResolvedOptions, baseUrl: () => string) {
  function stats(id: string): AccountStats {
    return { followers: social.followersOf(id).length, following: social.followingCount(id), statuses: social.statusesCount(id), lastStatusAt: social.lastStatusAt(id) };
  }

  /**
   * The note and field values as HTML (account_bio_format, account_field_value_format): links of this server's own
   * accounts' fields carry rel="me"; a verified field of another server's account is shown as its link alone.
   */
  function profile(actor: Actor): ProfileEntity {
    const { note, fields } = social.profileOf(actor.id);
    const remote = actor.domain !== null;
    const options = {
      tagBase: remote ? `https://${actor.domain}` : baseUrl(),
      resolveMention: (username: string, domain: string | null) => social.mentionTarget(actor, username, domain),
      remote,
    };
    const verifiedAt = (field: { verifiedAt: Date | null }) => (field.verifiedAt ? field.verifiedAt.toISOString() : null);
    return {
      note: renderText(note, options).html,
      fields: fields.map((field) => ({
        name: field.name,
        value: field.verifiedAt && remote ? linkToUrl(field.value.trim()) : renderText(field.value, { ...options, multiline: false, relMe: true }).html,
        verified_at: verifiedAt(field),
      })),
      source: { note, fields: fields.map((field) => ({ name: field.name, value: field.value, verified_at: verifiedAt(field) })) },
    };
  }

  function accountEntity(actor: Actor): AccountEntity {
    return { ...account(actor, baseUrl(), stats(actor.id), profile(actor)), hide_collections: social.hidesCollections(actor.id) };
  }

  function relations(status: StatusRecord, viewerId: string, mode: RelationMode) {
    const subject = mode === 'single' && status.reblogOfId ? status.reblogOfId : status.id;
    const owned = viewerId === status.accountId;
    const pinnable = owned && status.reblogOfId === null && status.visibility !== 'direct';
    return {
      favourited: social.hasFavourited(viewerId, subject),
      reblogged: social.reblogBy(viewerId, subject) !== undefined,
      muted: false,
      bookmarked: false,
      ...(pinnable ? { pinned: social.isPinned(status.id) } : {}),
      ...(atLeast(options.version, '4.0.0') ? { filtered: [] } : {}),
    };
  }

  /**
   * REST::QuoteSerializer: the quoted status only while the quote is accepted and the viewer may see it (else its
   * state says why); inside a quoted status, a ShallowQuote with only the id (quotes nest one level).
   */
  function quote(record: QuoteRecord, viewerId: string | null, mode: RelationMode, shallow: boolean) {
    const quoted = social.status(record.statusId);
    const state = !quoted ? 'deleted' : record.state === 'accepted' && !social.canSee(viewerId, quoted) ? 'unauthorized' : record.state;
    const shown = state === 'accepted' ? quoted : undefined;
    if (shallow) return { state, quoted_status_id: shown?.id ?? null };
    return { state, quoted_status: shown ? status(shown, viewerId, mode, true) : null };
  }

  /** REST::PollSerializer: voted and own_votes only for a signed-in viewer. */
  function poll(record: PollRecord, viewerId: string | null): PollEntity {
    const counts = record.options.map((_, index) => [...record.votes.values()].filter((choices) => choices.includes(index)).length);
    const own = viewerId === null ? undefined : record.votes.get(viewerId);
    return {
      id: record.id,
      expires_at: record.expiresAt.toISOString(),
      expired: record.expiresAt.getTime() <= Date.now(),
      multiple: record.multiple,
      votes_count: counts.reduce((sum, count) => sum + count, 0),
      voters_count: record.votes.size,
      options: record.options.map((title, index) => ({ title, votes_count: counts[index]! })),
      emojis: [],
      ...(viewerId === null ? {} : { voted: own !== undefined, own_votes: own ?? [] }),
    };
  }

  function status(record: StatusRecord, viewerId: string | null, mode: RelationMode = 'single', quoted = false): StatusEntity {
    const author = social.actor(record.accountId);
    if (!author) throw new Error(`status ${record.id} has no author`);
    const original = record.reblogOfId ? social.status(record.reblogOfId) : undefined;
    const showApplication = author.domain === null;
    return {
      id: record.id,
      created_at: record.createdAt.toISOString(),
      in_reply_to_id: record.inReplyToId,
      in_reply_to_account_id: record.inReplyToAccountId,
      sensitive: record.sensitive,
      spoiler_text: record.spoilerText,
      visibility: record.visibility,
      language: record.language,
      uri: record.uri,
      url: record.url,
      replies_count: social.repliesCount(record.id),
      reblogs_count: social.reblogsCount(record.id),
      favourites_count: social.favouritesCount(record.id),
      edited_at: record.editedAt ? record.editedAt.toISOString() : null,
      ...(viewerId === null ? {} : relations(record, viewerId, mode)),
      content: record.content,
      reblog: original ? status(original, viewerId, mode) : null,
      // Shown for accounts of this server (their default setting), never for other servers' accounts.
      ...(showApplication ? { application: record.application } : {}),
      account: accountEntity(author),
      media_attachments: record.media.map(mediaAttachment),
      mentions: record.mentionIds.flatMap((id) => {
        const mentioned = social.actor(id);
        return mentioned ? [{ id, username: mentioned.username, url: social.profileUrl(mentioned), acct: social.acct(mentioned) }] : [];
      }),
      tags: record.tags.map((name) => ({ name: name.toLowerCase(), url: `${baseUrl()}/tags/${encodeURIComponent(name.toLowerCase())}` })),
      emojis: [],
      ...(atLeast(options.version, '4.4.0') ? { quote: record.quote ? quote(record.quote, viewerId, mode, quoted) : null } : {}),
      card: record.card
        ? {
            url: record.card.url, title: record.card.title, description: record.card.description, language: null, type: 'link',
            author_name: '', author_url: '', provider_name: '', provider_url: '', html: '', width: 0, height: 0, image: null,
            image_description: '', embed_url: '', blurhash: null, published_at: null, authors: [],
          }
        : null,
      poll: record.poll ? poll(record.poll, viewerId) : null,
    };
  }

  return { status, poll, account: accountEntity, stats, profile };
}

export type Renderer = ReturnType<typeof createRenderer>;
