/**
 * The services behind statuses: posting and editing (PostStatusService, UpdateStatusService), fan-out to home feeds
 * and streams (FanOutOnWriteService, FeedManager), removal (RemoveStatusService), favourites and reblogs, and the
 * merge of an account's statuses into a new follower's feed.
 */
import type { Notifications } from './notifications.ts';
import type { PubSub, StreamEvent } from './pubsub.ts';
import { renderText } from './render-text.ts';
import { createRelationActions } from './relation-actions.ts';
import type { Actor, CardRecord, MediaRecord, QuoteState, Social, StatusRecord, Visibility } from './social.ts';
import type { Renderer } from './status-entities.ts';

export interface MediaInput {
  description?: string | null;
  width: number;
  height: number;
  /** Where the file is; defaults to a path on this server (which serves the bytes only when `file` is given). */
  url?: string;
  /** The file itself: the server then serves it at the attachment's url and preview_url on this server. */
  file?: MediaFile;
  /** The picture served at preview_url instead of the file (a video's poster). */
  preview?: MediaFile;
  /** The attachment's type, when its address does not say it (a GIF-like clip is an mp4 or webm file). */
  kind?: MediaRecord['type'];
}

export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface PostInput {
  /** Plain text; rendered to HTML with links, mentions and hashtags. */
  text: string;
  spoilerText?: string;
  sensitive?: boolean;
  visibility?: Visibility;
  inReplyToId?: string;
  /** The status quoted (Mastodon 4.5's quoted_status_id). */
  quotedStatusId?: string;
  /** Default: pending when a local user quotes another server's status (it awaits that author's approval), else accepted
   *  (a remote quote arrives with its approval; a local one is approved at once). */
  quoteState?: QuoteState;
  media?: MediaInput[];
  /** A poll: its options, one choice or several, and when it closes (a time past makes it closed already). */
  poll?: { options: string[]; multiple?: boolean; expiresAt: Date };
  /** Media uploaded through the API, attached as they are (ids and urls kept); wins over `media`. */
  attachments?: MediaRecord[];
  card?: CardRecord;
  createdAt?: Date;
  language?: string | null;
  /**
   * A remote author's status as it reached this server from its home server: its ActivityPub id and web address there.
   * Two test servers given the same ones hold the same status, as two federating servers do. Made up when left out.
   */
  federated?: { uri: string; url: string };
  /** The app a local user posted with (`Web` by default). */
  application?: { name: string; website: string | null };
}

export type EditInput = Partial<Pick<PostInput, 'text' | 'spoilerText' | 'sensitive' | 'media' | 'card' | 'language'>>;

/** Mastodon::NotPermittedError, which the API answers with 403. */
export class NotPermitted extends Error {}

/** ActiveRecord::RecordInvalid, answered with 422. */
export class Invalid extends Error {}

const visibilities: readonly string[] = ['public', 'unlisted', 'private', 'direct'];

function mediaType(url: string): MediaRecord['type'] {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (['mp4', 'webm', 'mov', 'm4v'].includes(extension)) return 'video';
  if (extension === 'gif') return 'gifv';
  if (['mp3', 'ogg', 'oga', 'wav', 'flac', 'm4a', 'opus'].includes(extension)) return 'audio';
  return 'image';
}

/** Paperclip's id_partition for 18-digit snowflakes: 000/000/000/000/000/000. */
export function partition(id: string): string {
  return (id.padStart(18, '0').match(/.{3}/g) ?? []).join('/');
}

export function createDistribution(social: Social, renderer: Renderer, pubsub: PubSub, baseUrl: () => string, notifications: Notifications) {
  function publish(channel: string, event: StreamEvent['event'], payload: () => string): void {
    if (pubsub.hasListeners(channel)) pubsub.publish(channel, { event, payload: payload() });
  }

  function media(author: Actor, items: MediaInput[] = []): MediaRecord[] {
    return items.map((item) => {
      const id = social.nextId();
      const extension = item.url ? (/\.([a-z0-9]+)(?:[?#].*)?$/i.exec(item.url)?.[1] ?? 'png') : (item.file?.contentType.split('/')[1] ?? 'png');
      const file = `${id.slice(-8)}.${extension}`;
      const cache = author.domain ? 'cache/' : '';
      const stored = (style: string) => `${baseUrl()}/system/${cache}media_attachments/files/${partition(id)}/${style}/${file}`;
      const url = item.url ?? stored('original');
      return {
        id,
        type: item.kind ?? mediaType(url),
        // Remote media is served from this server's cache, the original stays in remote_url.
        url: author.domain ? stored('original') : url,
        previewUrl: author.domain || !item.url ? stored('small') : item.url,
        remoteUrl: author.domain ? url : null,
        width: item.width,
        height: item.height,
        description: item.description ?? null,
      };
    });
  }

  function render(author: Actor, text: string) {
    const home = author.domain ? `https://${author.domain}` : baseUrl();
    return renderText(text, { tagBase: home, resolveMention: (username, domain) => social.mentionTarget(author, username, domain), remote: author.domain !== null });
  }

  /** FeedManager#filter_from_home, for what this server models (blocks and mutes, no language filters). */
  function filteredFromHome(status: StatusRecord, receiverId: string): boolean {
    if (receiverId === status.accountId) return false;
    const { relations } = social;
    const original = social.status(status.reblogOfId);
    // The author, who they mention, and for a boost the boosted status's author and mentions.
    const involved = [status.accountId, ...status.mentionIds, ...(original ? [original.accountId, ...original.mentionIds] : [])];
    if (involved.some((id) => relations.isBlocking(receiverId, id) || relations.isMuting(receiverId, id))) return true;
    if (relations.isBlocking(status.accountId, receiverId)) return true;
    if (status.reblogOfId !== null) return original === undefined || relations.isBlocking(original.accountId, receiverId);
    const repliedTo = status.inReplyToAccountId;
    if (status.inReplyToId !== null && repliedTo !== null) {
      return !social.isFollowing(receiverId, repliedTo) && receiverId !== repliedTo && status.accountId !== repliedTo;
    }
    return false;
  }

  function pushToHome(receiverId: string, status: StatusRecord, update: boolean): void {
    if (filteredFromHome(status, receiverId) || !social.addToFeed(receiverId, status)) return;
    publish(`timeline:${receiverId}`, update ? 'status.update' : 'update', () => JSON.stringify(renderer.status(status, receiverId)));
  }

  function publicChannels(status: StatusRecord, author: Actor, withReplies: boolean): string[] {
    if (status.visibility !== 'public' || status.reblogOfId !== null) return [];
    const place = author.domain ? 'remote' : 'local';
    const channels = status.tags.flatMap((tag) => {
      const name = tag.toLowerCase();
      return author.domain ? [`timeline:hashtag:${name}`] : [`timeline:hashtag:${name}`, `timeline:hashtag:${name}:local`];
    });
    const isReplyToOther = status.inReplyToId !== null && status.inReplyToAccountId !== status.accountId;
    if (withReplies || !isReplyToOther) {
      channels.push('timeline:public', `timeline:public:${place}`);
      if (status.media.length > 0) channels.push('timeline:public:media', `timeline:public:${place}:media`);
    }
    return channels;
  }

  /** FanOutOnWriteService: the author's own feed, followers' feeds (mentioned followers for direct), public streams. */
  function fanOut(status: StatusRecord, update = false): void {
    const author = social.actor(status.accountId);
    if (!author) return;
    const receivers = new Set<string>();
    if (author.domain === null) receivers.add(author.id);
    for (const follower of social.followersOf(author.id)) {
      if (social.actor(follower)?.domain !== null) continue;
      if (status.visibility === 'direct' && !status.mentionIds.includes(follower)) continue;
      receivers.add(follower);
    }
    for (const receiver of receivers) pushToHome(receiver, status, update);
    for (const channel of publicChannels(status, author, false)) {
      publish(channel, update ? 'status.update' : 'update', () => JSON.stringify(renderer.status(status, null)));
    }
  }

  /**
   * Who a new status notifies: the accounts it mentions (as on Mastodon, a reply notifies the
   * author it answers through the @mention clients put in it, not by being a reply), and the
   * author of the status it quotes once the quote stands.
   */
  function notifyAbout(status: StatusRecord): void {
    for (const recipientId of new Set(status.mentionIds)) {
      notifications.notify({ recipientId, type: 'mention', accountId: status.accountId, statusId: status.id, activityId: status.id, createdAt: status.createdAt });
    }
    const quoted = status.quote?.state === 'accepted' ? social.status(status.quote.statusId) : undefined;
    if (quoted) notifications.notify({ recipientId: quoted.accountId, type: 'quote', accountId: status.accountId, statusId: status.id, activityId: status.id, createdAt: status.createdAt });
  }

  /** RemoveStatusService: out of every feed (with a delete event where it was), out of the public streams, reblogs too. */
  function remove(status: StatusRecord): void {
    for (const reblog of social.reblogsOf(status.id)) remove(reblog);
    const author = social.actor(status.accountId);
    const told = new Set<string>();
    for (const accountId of social.feedAccounts()) {
      if (social.removeFromFeed(accountId, status)) {
        told.add(accountId);
        publish(`timeline:${accountId}`, 'delete', () => status.id);
      }
    }
    for (const mentioned of status.mentionIds) {
      if (!told.has(mentioned) && social.actor(mentioned)?.domain === null) publish(`timeline:${mentioned}`, 'delete', () => status.id);
    }
    if (author) for (const channel of publicChannels(status, author, true)) publish(channel, 'delete', () => status.id);
    social.markDeleted(status);
  }

  return {
    post(handle: string, input: PostInput): StatusRecord {
      const author = social.requireAccount(handle);
      const visibility = input.visibility ?? 'public';
      if (!visibilities.includes(visibility)) throw new Error(`unknown visibility ${visibility}`);
      if (input.federated && author.domain === null) throw new Error(`${handle} is a local user: only remote statuses arrive federated`);
      const parent = input.inReplyToId === undefined ? undefined : social.status(input.inReplyToId);
      if (input.inReplyToId !== undefined && !parent) throw new Error(`no status ${input.inReplyToId} to reply to`);
      const quoted = input.quotedStatusId === undefined ? undefined : social.status(input.quotedStatusId);
      if (input.quotedStatusId !== undefined && !quoted) throw new Error(`no status ${input.quotedStatusId} to quote`);
      const quotedAuthor = quoted ? social.actor(quoted.accountId) : undefined;
      const createdAt = input.createdAt ?? new Date();
      const id = social.nextId(createdAt);
      const rendered = render(author, input.text);
      // Mastodon 4.5 puts an "RE: <link>" paragraph first, for clients that do not show quotes.
      const quoteLink = quoted ? `<p class="quote-inline">RE: <a href="${quoted.url}">${quoted.url}</a></p>` : '';
      const spoilerText = input.spoilerText ?? '';
      const remoteId = author.domain ? social.nextId(createdAt) : id;
      const home = author.domain ? `https://${author.domain}` : baseUrl();
      const status: StatusRecord = {
        id,
        accountId: author.id,
        createdAt,
        editedAt: null,
        text: input.text,
        content: quoteLink + rendered.html,
        spoilerText,
        // PostStatusService: a content warning makes the status sensitive.
        sensitive: (input.sensitive ?? false) || spoilerText !== '',
        visibility,
        language: input.language !== undefined ? input.language : author.domain ? null : 'en',
        inReplyToId: parent?.id ?? null,
        inReplyToAccountId: parent?.accountId ?? null,
        reblogOfId: null,
        media: input.attachments ?? media(author, input.media),
        card: input.card ?? null,
        mentionIds: rendered.mentions.map((m) => m.id),
        tags: rendered.tags,
        uri: input.federated?.uri ?? `${home}/users/${author.username}/statuses/${remoteId}`,
        url: input.federated?.url ?? `${home}/@${author.username}/${remoteId}`,
        application: author.domain ? null : (input.application ?? { name: 'Web', website: null }),
        poll: input.poll ? { id: social.nextId(createdAt), options: input.poll.options, multiple: input.poll.multiple ?? false, expiresAt: input.poll.expiresAt, votes: new Map() } : null,
        quote: quoted
          ? { statusId: quoted.id, state: input.quoteState ?? (author.domain === null && quotedAuthor?.domain !== null && quoted.accountId !== author.id ? 'pending' : 'accepted') }
          : null,
        deleted: false,
      };
      social.insert(status);
      fanOut(status);
      notifyAbout(status);
      return status;
    },

    edit(status: StatusRecord, input: EditInput): StatusRecord {
      const author = social.actor(status.accountId);
      if (!author) throw new Error(`status ${status.id} has no author`);
      if (status.reblogOfId !== null) throw new Error('a reblog cannot be edited');
      if (input.text !== undefined) {
        const rendered = render(author, input.text);
        Object.assign(status, { text: input.text, content: rendered.html, mentionIds: rendered.mentions.map((m) => m.id), tags: rendered.tags });
      }
      if (input.spoilerText !== undefined) status.spoilerText = input.spoilerText;
      if (input.sensitive !== undefined || input.spoilerText !== undefined) status.sensitive = (input.sensitive ?? status.sensitive) || status.spoilerText !== '';
      if (input.media !== undefined) status.media = media(author, input.media);
      if (input.card !== undefined) status.card = input.card;
      if (input.language !== undefined) status.language = input.language;
      status.editedAt = new Date();
      fanOut(status, true);
      return status;
    },

    remove,

    /** ReblogService: the original of a reblog is what gets reblogged; reblogging twice answers the first reblog. */
    reblog(accountId: string, target: StatusRecord, visibility: string | undefined, createdAt = new Date()): StatusRecord {
      const original = (target.reblogOfId ? social.status(target.reblogOfId) : target) ?? target;
      const owned = original.accountId === accountId;
      if (original.visibility === 'direct' || (original.visibility === 'private' && !owned)) throw new NotPermitted();
      const existing = social.reblogBy(accountId, original.id);
      if (existing) return existing;
      const hidden = original.visibility === 'private';
      const chosen = hidden ? original.visibility : (visibility ?? 'public');
      if (chosen === 'direct') throw new Invalid('Validation failed: Visibility is reserved');
      if (!visibilities.includes(chosen)) throw new Invalid(`'${chosen}' is not a valid visibility`);
      const reblogger = social.actor(accountId);
      if (!reblogger) throw new Error(`no account ${accountId}`);
      const id = social.nextId(createdAt);
      const home = reblogger.domain ? `https://${reblogger.domain}` : baseUrl();
      const activity = `${home}/users/${reblogger.username}/statuses/${id}/activity`;
      const reblog: StatusRecord = {
        id, accountId, createdAt, editedAt: null, text: '', content: '', spoilerText: '', sensitive: false,
        visibility: chosen as Visibility, language: null, inReplyToId: null, inReplyToAccountId: null, reblogOfId: original.id,
        media: [], card: null, mentionIds: [], tags: [], uri: activity, url: activity, application: null, quote: null, poll: null, deleted: false,
      };
      social.insert(reblog);
      fanOut(reblog);
      notifications.notify({ recipientId: original.accountId, type: 'reblog', accountId, statusId: original.id, activityId: reblog.id, createdAt });
      return reblog;
    },

    /** Favourites always land on the original status. */
    favourite(accountId: string, target: StatusRecord, createdAt = new Date()): void {
      const original = social.status(target.reblogOfId) ?? target;
      if (social.favourite(accountId, original.id, createdAt)) {
        notifications.notify({ recipientId: original.accountId, type: 'favourite', accountId, statusId: original.id, createdAt });
      }
    },

    /** UnfavouriteService: the favourite's notification goes with it. */
    unfavourite(accountId: string, status: StatusRecord): void {
      if (social.unfavourite(accountId, status.id)) notifications.withdraw('favourite', accountId, status.id);
    },

    ...createRelationActions(social, filteredFromHome),

    /** FeedManager#merge_into_home: a new follow brings the account's recent statuses into the follower's feed. */
    follow(follower: Actor, target: Actor, createdAt = new Date()): void {
      if (!social.follow(follower.id, target.id)) return;
      notifications.notify({ recipientId: target.id, type: 'follow', accountId: follower.id, createdAt });
      if (follower.domain !== null) return;
      const recent = social.statusesBy(target.id).filter((s) => s.visibility !== 'direct').slice(0, 200);
      for (const status of recent) if (!filteredFromHome(status, follower.id)) social.addToFeed(follower.id, status);
    },
  };
}

export type Distribution = ReturnType<typeof createDistribution>;
