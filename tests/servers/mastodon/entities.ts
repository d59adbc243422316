import { randomBytes } from 'node:crypto';
import type { ResolvedOptions } from './options.ts';
import type { App, Token, User } from './state.ts';

// Shaped like an uncompressed P-256 public key in Mastodon's encoding; nothing here sends Web Push.
const vapidKey = `${Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url')}=`;

export function application(app: App) {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUri,
    redirect_uris: app.redirectUris,
    vapid_key: vapidKey,
  };
}

export function credentialApplication(app: App) {
  return { ...application(app), client_id: app.clientId, client_secret: app.clientSecret, client_secret_expires_at: 0 };
}

/** Doorkeeper's token response; expires_in and refresh_token only exist for expiring tokens. */
export function tokenResponse(token: Token) {
  return {
    access_token: token.accessToken,
    token_type: 'Bearer',
    ...(token.expiresInSeconds === null ? {} : { expires_in: token.expiresInSeconds, refresh_token: token.refreshToken }),
    scope: token.scopes.join(' '),
    created_at: Math.floor(token.createdAt / 1000),
  };
}

/** What an account entity counts; all zero for an account with no statuses and no follows. */
export interface AccountStats {
  followers: number;
  following: number;
  statuses: number;
  lastStatusAt: Date | null;
}

/** A local user, or (with a domain) an account of another server as this server knows it. */
export type AccountSubject = Pick<User, 'id' | 'username' | 'displayName' | 'createdAt'> & { domain?: string | null };

const noStats: AccountStats = { followers: 0, following: 0, statuses: 0, lastStatusAt: null };

/** Account#fields as the Field entity: `value` is HTML, `verified_at` set when the server verified the link. */
export interface FieldEntity {
  name: string;
  value: string;
  verified_at: string | null;
}

/** The profile as the Account entity shows it (HTML) and as its owner typed it (`source`). */
export interface ProfileEntity {
  note: string;
  fields: FieldEntity[];
  source: { note: string; fields: FieldEntity[] };
}

const noProfile: ProfileEntity = { note: '', fields: [], source: { note: '', fields: [] } };

export function account(user: AccountSubject, baseUrl: string, stats: AccountStats = noStats, profile: ProfileEntity = noProfile) {
  const created = new Date(user.createdAt);
  created.setUTCHours(0, 0, 0, 0); // Mastodon reports the day an account was created, at midnight UTC
  const domain = user.domain ?? null;
  const home = domain ? `https://${domain}` : baseUrl;
  return {
    id: user.id,
    username: user.username,
    acct: domain ? `${user.username}@${domain}` : user.username,
    display_name: user.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: false,
    group: false,
    created_at: created.toISOString(),
    note: profile.note,
    url: `${home}/@${user.username}`,
    uri: `${home}/users/${user.username}`,
    // Remote avatars are served from this server's cache; without one, its placeholder.
    avatar: `${baseUrl}/avatars/original/missing.png`,
    avatar_static: `${baseUrl}/avatars/original/missing.png`,
    header: `${baseUrl}/headers/original/missing.png`,
    header_static: `${baseUrl}/headers/original/missing.png`,
    followers_count: stats.followers,
    following_count: stats.following,
    statuses_count: stats.statuses,
    // A date without a time, as Mastodon serializes it.
    last_status_at: stats.lastStatusAt ? stats.lastStatusAt.toISOString().slice(0, 10) : null,
    hide_collections: false,
    ...(domain ? {} : { noindex: false }),
    emojis: [],
    roles: [],
    fields: profile.fields,
  };
}

export function credentialAccount(user: User, baseUrl: string, stats: AccountStats = noStats, profile: ProfileEntity = noProfile) {
  return {
    ...account(user, baseUrl, stats, profile),
    source: {
      privacy: 'public',
      sensitive: false,
      language: null,
      note: profile.source.note,
      fields: profile.source.fields,
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: true,
      indexable: false,
      attribution_domains: [],
    },
    role: { id: '-99', name: '', permissions: '65536', color: '', highlighted: false },
  };
}

export const mimeTypes: readonly string[] = [
  'image/jpeg', 'image/png', 'image/gif', 'image/heic', 'image/heif', 'image/webp', 'image/avif',
  'video/webm', 'video/mp4', 'video/quicktime', 'video/ogg',
  'audio/wave', 'audio/wav', 'audio/x-wav', 'audio/x-pn-wave', 'audio/vnd.wave', 'audio/ogg', 'audio/vorbis',
  'audio/mpeg', 'audio/mp3', 'audio/webm', 'audio/flac', 'audio/aac', 'audio/m4a', 'audio/x-m4a', 'audio/mp4',
  'audio/3gpp', 'video/x-ms-asf',
];

function limits(options: ResolvedOptions, v2: boolean) {
  return {
    statuses: { max_characters: options.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: options.flavour === 'gotosocial' ? 25 : 23 },
    media_attachments: {
      supported_mime_types: mimeTypes,
      ...(v2 ? { description_limit: 1500 } : {}),
      image_size_limit: options.imageSizeLimit,
      image_matrix_limit: 33177600,
      video_size_limit: options.videoSizeLimit,
      video_frame_rate_limit: 120,
      video_matrix_limit: 8294400,
    },
    polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
  };
}

const rules = [{ id: '1', text: 'Be kind to each other.', hint: '' }];

export function instanceV2(options: ResolvedOptions, baseUrl: string, contact: User | undefined) {
  const host = new URL(baseUrl).host;
  return {
    domain: host,
    title: options.title,
    version: options.version,
    // Mastodon 4.3+ says which API it speaks; quotes can be made from version 7 (4.5).
    ...(options.flavour === 'mastodon' && options.pkce ? { api_versions: { mastodon: options.quotes ? 7 : 6 } } : {}),
    source_url: options.flavour === 'gotosocial' ? 'https://codeberg.org/superseriousbusiness/gotosocial' : 'https://github.com/mastodon/mastodon',
    description: 'A local Mastodon API server for tests.',
    usage: { users: { active_month: 0 } },
    thumbnail: { url: `${baseUrl}/packs/media/images/preview.png` },
    icon: [],
    languages: ['en'],
    configuration: {
      urls: { streaming: baseUrl.replace(/^http/, 'ws'), status: null, about: `${baseUrl}/about`, privacy_policy: `${baseUrl}/privacy-policy`, terms_of_service: null },
      vapid: { public_key: vapidKey },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      ...limits(options, true),
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, reason_required: false, message: null, min_age: null, url: null },
    contact: { email: `admin@${new URL(baseUrl).hostname}`, account: contact ? account(contact, baseUrl) : null },
    rules,
  };
}

/** The documented V1::Instance entity (no max_toot_chars: that is a fork's field, not Mastodon's). */
export function instanceV1(options: ResolvedOptions, baseUrl: string, userCount: number, contact: User | undefined) {
  return {
    uri: new URL(baseUrl).host,
    title: options.title,
    short_description: 'A local Mastodon API server for tests.',
    description: '',
    email: `admin@${new URL(baseUrl).hostname}`,
    version: options.version,
    urls: { streaming_api: baseUrl.replace(/^http/, 'ws') },
    stats: { user_count: userCount, status_count: 0, domain_count: 0 },
    thumbnail: `${baseUrl}/packs/media/images/preview.png`,
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: { accounts: { max_featured_tags: 10 }, ...limits(options, false) },
    contact_account: contact ? account(contact, baseUrl) : null,
    rules,
  };
}
