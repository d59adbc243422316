import { createRelations } from './relations.ts';
import type { MentionTarget } from './render-text.ts';
import type { State, User } from './state.ts';

/** A local user or an account of another server, as far as statuses are concerned. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  createdAt: Date;
  /** null for local accounts. */
  domain: string | null;
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface MediaRecord {
  id: string;
  type: 'image' | 'gifv' | 'video' | 'audio';
  url: string;
  previewUrl: string;
  /** The original on its own server, for remote media. */
  remoteUrl: string | null;
  width: number;
  height: number;
  description: string | null;
  /** The focal point set with the upload, from -1 to 1 on each axis. */
  focus?: { x: number; y: number };
}

export interface CardRecord {
  url: string;
  title: string;
  description: string;
}

export interface StatusRecord {
  id: string;
  accountId: string;
  createdAt: Date;
  editedAt: Date | null;
  /** The plain text source ('' for reblogs). */
  text: string;
  /** Rendered HTML. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  reblogOfId: string | null;
  media: MediaRecord[];
  card: CardRecord | null;
  /** Mentioned account ids, in order. */
  mentionIds: string[];
  /** Hashtags as first written. */
  tags: string[];
  uri: string;
  url: string;
  application: { name: string; website: string | null } | null;
  /** Mastodon 4.4+: the status this one quotes, and where the quote's authorization stands. */
  quote: QuoteRecord | null;
  poll: PollRecord | null;
  deleted: boolean;
}

export interface PollRecord {
  id: string;
  options: string[];
  multiple: boolean;
  expiresAt: Date;
  /** account id → the option indexes it chose. */
  votes: Map<string, number[]>;
}

/** Quote#state. */
export type QuoteState = 'pending' | 'accepted' | 'rejected' | 'revoked';

export interface QuoteRecord {
  statusId: string;
  state: QuoteState;
}

/** A profile field as the owner typed it; `verifiedAt` when the server found a rel="me" link back on the linked page. */
export interface ProfileField {
  name: string;
  value: string;
  verifiedAt: Date | null;
}

/** The profile's text as the owner typed it (Account#note and Account#fields). */
export interface ProfileRecord {
  note: string;
  fields: ProfileField[];
}

/** Account::DEFAULT_FIELDS_SIZE. */
export const maxProfileFields = 4;

/** A home feed: Redis' sorted set of status ids plus the bookkeeping FeedManager does for reblogs. */
interface Feed {
  ids: Set<string>;
  /** Original status id → the reblog of it that stands in the feed. */
  reblogged: Map<string, string>;
  /** Original status id → further reblogs of it kept out of the feed. */
  extraReblogs: Map<string, Set<string>>;
}

/** StatusPinValidator::PIN_LIMIT, for local accounts (the instance's max_pinned_statuses). */
const maxPinnedStatuses = 5;

/** FeedManager::REBLOG_FALLOFF: a reblog is not shown again if its original is this close to the top. */
const reblogFalloff = 40;

export function byIdDesc(a: { id: string }, b: { id: string }): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x > y ? -1 : 1;
}

export function createSocial(state: State, baseUrl: () => string) {
  const remote = new Map<string, Actor>();
  const following = new Map<string, Set<string>>();
  /** Follow records: follower → followee → the record's id. Mastodon's follows table numbers them in order made
   *  (a sequence, not a Snowflake), so the newest follow has the highest id. */
  const followIds = new Map<string, Map<string, string>>();
  let followSequence = 0;
  /** Accounts whose settings hide their follows and followers from others (hide_collections). */
  const hidingCollections = new Set<string>();
  const statuses = new Map<string, StatusRecord>();
  /** In the order given, newest last; ids are the Favourite records' own. */
  const favourites: { id: string; accountId: string; statusId: string }[] = [];
  const feeds = new Map<string, Feed>();
  /** Pinned statuses (StatusPin): only its author pins a status, so the status id is enough. */
  const pins = new Set<string>();
  const profiles = new Map<string, ProfileRecord>();
  /** Each author's statuses, newest first (deleted ones left out), made when first asked after a change. */
  const byAuthor = new Map<string, StatusRecord[]>();
  const statusCounts = new Map<string, number>();
  /** Every status newest first, and statuses by the status they reply to or reblog (deleted ones included), made
   *  when first asked after a change: a history of thousands of statuses stays quick to serve. */
  let derived: { all: StatusRecord[]; replies: Map<string, StatusRecord[]>; reblogs: Map<string, StatusRecord[]> } | null = null;
  function indexes() {
    if (derived) return derived;
    const all = [...statuses.values()].sort(byIdDesc);
    const replies = new Map<string, StatusRecord[]>();
    const reblogs = new Map<string, StatusRecord[]>();
    const add = (map: Map<string, StatusRecord[]>, key: string, status: StatusRecord) => map.set(key, [...(map.get(key) ?? []), status]);
    for (const status of all) {
      if (status.inReplyToId) add(replies, status.inReplyToId, status);
      if (status.reblogOfId) add(reblogs, status.reblogOfId, status);
    }
    derived = { all, replies, reblogs };
    return derived;
  }
  const usedIds = new Set<string>();
  let sequence = 0;

  const localHost = (): string => new URL(baseUrl()).host;

  function local(user: User): Actor {
    return { id: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, domain: null };
  }

  function actor(id: string): Actor | undefined {
    const user = state.users.get(id);
    return user ? local(user) : remote.get(id);
  }

  /** 'alice', '@alice', 'alice@<this host>' or 'bob@other.example'. */
  function findAccount(handle: string): Actor | undefined {
    const [username = '', domain] = handle.replace(/^@/, '').split('@');
    if (domain === undefined || domain.toLowerCase() === localHost().toLowerCase()) {
      const user = state.userByName(username);
      return user ? local(user) : undefined;
    }
    return [...remote.values()].find((a) => a.username.toLowerCase() === username.toLowerCase() && a.domain?.toLowerCase() === domain.toLowerCase());
  }

  function requireAccount(handle: string): Actor {
    const found = findAccount(handle);
    if (!found) throw new Error(`no account ${handle}`);
    return found;
  }

  /**
   * Mastodon::Snowflake: milliseconds in the high bits, 16 low bits to tell apart ids of the same millisecond. Never the
   * id of a local user (made the same way in state.ts), or a remote account made in that millisecond would be them.
   */
  function nextId(at: Date = new Date()): string {
    for (;;) {
      const id = ((BigInt(at.getTime()) << 16n) + BigInt(sequence++ & 0xffff)).toString();
      if (!usedIds.has(id) && !state.users.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  }

  function feedOf(accountId: string): Feed {
    let feed = feeds.get(accountId);
    if (!feed) {
      feed = { ids: new Set(), reblogged: new Map(), extraReblogs: new Map() };
      feeds.set(accountId, feed);
    }
    return feed;
  }

  function live(id: string | null | undefined): StatusRecord | undefined {
    const found = id ? statuses.get(id) : undefined;
    return found && !found.deleted ? found : undefined;
  }

  function isFollowing(followerId: string, targetId: string): boolean {
    return following.get(followerId)?.has(targetId) ?? false;
  }

  const social = {
    localHost,
    actor,
    findAccount,
    requireAccount,
    nextId,
    acct: (a: Actor): string => (a.domain ? `${a.username}@${a.domain}` : a.username),
    profileUrl: (a: Actor): string => (a.domain ? `https://${a.domain}/@${a.username}` : `${baseUrl()}/@${a.username}`),
    profileUri: (a: Actor): string => (a.domain ? `https://${a.domain}/users/${a.username}` : `${baseUrl()}/users/${a.username}`),

    addRemoteAccount(acct: string, input: { displayName?: string; createdAt?: Date } = {}): Actor {
      const match = /^@?([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@([a-z0-9.-]+\.[a-z0-9-]+)$/i.exec(acct);
      if (!match?.[1] || !match[2]) throw new Error(`a remote account is name@domain, not ${acct}`);
      if (match[2].toLowerCase() === localHost().toLowerCase()) throw new Error(`${match[2]} is this server`);
      if (findAccount(acct)) throw new Error(`account ${acct} exists already`);
      const createdAt = input.createdAt ?? new Date();
      const account = { id: nextId(createdAt), username: match[1], displayName: input.displayName ?? match[1], createdAt, domain: match[2].toLowerCase() };
      remote.set(account.id, account);
      return account;
    },

    profileOf: (id: string): ProfileRecord => profiles.get(id) ?? { note: '', fields: [] },
    setProfile(id: string, profile: ProfileRecord): void {
      if (profile.fields.length > maxProfileFields) throw new Error(`a profile has at most ${maxProfileFields} fields`);
      // Mastodon only verifies a field whose whole value is a link.
      const unverifiable = profile.fields.find((field) => field.verifiedAt && !/^https?:\/\/\S+$/.test(field.value.trim()));
      if (unverifiable) throw new Error(`only a link can be verified, not ${unverifiable.value}`);
      profiles.set(id, profile);
    },

    /** An @mention in `author`'s text: a remote author's bare @name is someone of its own server, or else (as a test convenience) a local user. */
    mentionTarget(author: Actor, username: string, domain: string | null): MentionTarget | undefined {
      const handle = domain ? `${username}@${domain}` : author.domain ? `${username}@${author.domain}` : username;
      const found = findAccount(handle) ?? (domain === null ? findAccount(username) : undefined);
      return found ? { id: found.id, username: found.username, domain: found.domain, url: social.profileUrl(found) } : undefined;
    },

    allAccounts: (): Actor[] => [...[...state.users.values()].map(local), ...remote.values()],

    follow(followerId: string, targetId: string): boolean {
      const set = following.get(followerId) ?? new Set<string>();
      following.set(followerId, set);
      if (set.has(targetId)) return false;
      set.add(targetId);
      followIds.set(followerId, (followIds.get(followerId) ?? new Map<string, string>()).set(targetId, String(++followSequence)));
      return true;
    },
    /** Whether there was a follow to remove. */
    unfollow(followerId: string, targetId: string): boolean {
      followIds.get(followerId)?.delete(targetId);
      return following.get(followerId)?.delete(targetId) ?? false;
    },
    /** The account's follow records, newest first: whom it follows, and each record's id. */
    followsBy: (followerId: string): { id: string; accountId: string }[] =>
      [...(followIds.get(followerId) ?? [])].map(([accountId, id]) => ({ id, accountId })).sort(byIdDesc),
    /** The follow records of the account's followers, newest first: who follows it, and each record's id. */
    followsOf: (targetId: string): { id: string; accountId: string }[] =>
      [...followIds].flatMap(([accountId, targets]) => {
        const id = targets.get(targetId);
        return id === undefined ? [] : [{ id, accountId }];
      }).sort(byIdDesc),
    hidesCollections: (id: string): boolean => hidingCollections.has(id),
    setHidesCollections(id: string, hide: boolean): void {
      if (hide) hidingCollections.add(id);
      else hidingCollections.delete(id);
    },
    isFollowing,
    /** Mutes and blocks. */
    relations: createRelations(),
    followersOf: (targetId: string): string[] => [...following].filter(([, targets]) => targets.has(targetId)).map(([id]) => id),
    followingCount: (id: string): number => following.get(id)?.size ?? 0,

    insert(status: StatusRecord): void {
      statuses.set(status.id, status);
      byAuthor.delete(status.accountId);
      statusCounts.delete(status.accountId);
      derived = null;
    },
    status: live,
    /** RemoveStatusService's end: the status is gone (its id stays known). */
    markDeleted(status: StatusRecord): void {
      status.deleted = true;
      byAuthor.delete(status.accountId);
      statusCounts.delete(status.accountId);
      derived = null;
    },
    /** Ids of deleted statuses stay known, so that they answer 404 like never-existing ones, but are not served. */
    allStatuses: (): StatusRecord[] => indexes().all.filter((s) => !s.deleted),
    statusesBy(accountId: string): readonly StatusRecord[] {
      let live = byAuthor.get(accountId);
      if (!live) {
        live = [...statuses.values()].filter((s) => s.accountId === accountId && !s.deleted).sort(byIdDesc);
        byAuthor.set(accountId, live);
      }
      return live;
    },
    reblogsOf: (statusId: string): StatusRecord[] => (indexes().reblogs.get(statusId) ?? []).filter((s) => !s.deleted),
    reblogBy: (accountId: string, statusId: string): StatusRecord | undefined => social.reblogsOf(statusId).find((s) => s.accountId === accountId),
    /** Status#increment_counter_caches: direct statuses are not counted. */
    statusesCount(accountId: string): number {
      const known = statusCounts.get(accountId);
      if (known !== undefined) return known;
      const count = social.statusesBy(accountId).filter((s) => s.visibility !== 'direct').length;
      statusCounts.set(accountId, count);
      return count;
    },
    lastStatusAt(accountId: string): Date | null {
      const latest = social.statusesBy(accountId)[0];
      return latest ? latest.createdAt : null;
    },
    /** Replies are counted when distributable (public or unlisted). */
    repliesCount: (statusId: string): number =>
      (indexes().replies.get(statusId) ?? []).filter((s) => !s.deleted && (s.visibility === 'public' || s.visibility === 'unlisted')).length,
    reblogsCount: (statusId: string): number => social.reblogsOf(statusId).length,

    /** StatusPinValidator (and the unique index): why the account may not pin the status, or null when it may. */
    pinRefusal(accountId: string, status: StatusRecord): string | null {
      if (status.reblogOfId !== null) return 'Validation failed: A boost cannot be pinned';
      if (status.accountId !== accountId) return 'Validation failed: Someone else’s post cannot be pinned';
      if (status.visibility === 'direct') return 'Validation failed: Posts that are only visible to mentioned users cannot be pinned';
      if (pins.has(status.id)) return 'Duplicate record';
      const pinned = social.statusesBy(accountId).filter((own) => pins.has(own.id)).length;
      if (actor(accountId)?.domain === null && pinned >= maxPinnedStatuses) return 'Validation failed: You have already pinned the maximum number of posts';
      return null;
    },
    pin: (statusId: string): void => void pins.add(statusId),
    unpin: (statusId: string): void => void pins.delete(statusId),
    isPinned: (statusId: string): boolean => pins.has(statusId),

    favourite(accountId: string, statusId: string, createdAt = new Date()): boolean {
      if (social.hasFavourited(accountId, statusId)) return false;
      favourites.push({ id: nextId(createdAt), accountId, statusId });
      return true;
    },
    unfavourite(accountId: string, statusId: string): boolean {
      const index = favourites.findIndex((f) => f.accountId === accountId && f.statusId === statusId);
      if (index < 0) return false;
      favourites.splice(index, 1);
      return true;
    },
    hasFavourited: (accountId: string, statusId: string): boolean => favourites.some((f) => f.accountId === accountId && f.statusId === statusId),
    favouritesCount: (statusId: string): number => favourites.filter((f) => f.statusId === statusId && live(f.statusId)).length,
    /** Newest favourite first, as GET /api/v1/favourites lists them. */
    favouritedBy: (accountId: string): StatusRecord[] =>
      favourites.filter((f) => f.accountId === accountId).reverse().flatMap((f) => live(f.statusId) ?? []),

    /** StatusPolicy#show? (without blocks and suspensions: the routes that honour blocks check them). */
    canSee(viewerId: string | null, status: StatusRecord): boolean {
      const owned = viewerId !== null && viewerId === status.accountId;
      const mentioned = viewerId !== null && status.mentionIds.includes(viewerId);
      if (status.visibility === 'direct') return owned || mentioned;
      if (status.visibility === 'private') return owned || mentioned || (viewerId !== null && isFollowing(viewerId, status.accountId));
      return true;
    },

    /** FeedManager#add_to_feed: a reblog of something already near the top of the feed is not added again. */
    addToFeed(accountId: string, status: StatusRecord): boolean {
      const feed = feedOf(accountId);
      if (status.reblogOfId !== null) {
        const original = status.reblogOfId;
        const ordered = [...feed.ids].map((id) => ({ id })).sort(byIdDesc);
        const rank = ordered.findIndex((s) => s.id === original);
        if (rank >= 0 && rank < reblogFalloff) return false;
        if (feed.reblogged.has(original)) {
          const extra = feed.extraReblogs.get(original) ?? new Set<string>();
          extra.add(status.id);
          feed.extraReblogs.set(original, extra);
          return false;
        }
        feed.reblogged.set(original, status.id);
        feed.ids.add(status.id);
        return true;
      }
      if (feed.reblogged.has(status.id)) return false;
      feed.ids.add(status.id);
      return true;
    },

    /** FeedManager#remove_from_feed: another reblog of the same status takes a removed reblog's place. */
    removeFromFeed(accountId: string, status: StatusRecord): boolean {
      const feed = feedOf(accountId);
      if (status.reblogOfId !== null) {
        const original = status.reblogOfId;
        feed.extraReblogs.get(original)?.delete(status.id);
        if (!feed.ids.has(status.id)) return false;
        feed.reblogged.delete(original);
        const others = [...(feed.extraReblogs.get(original) ?? [])].filter((id) => live(id)).map((id) => ({ id })).sort(byIdDesc);
        const replacement = others.at(-1);
        if (replacement) {
          feed.extraReblogs.get(original)?.delete(replacement.id);
          feed.ids.add(replacement.id);
          feed.reblogged.set(original, replacement.id);
        }
      } else {
        feed.extraReblogs.delete(status.id);
        feed.reblogged.delete(status.id);
      }
      return feed.ids.delete(status.id);
    },

    feedContains: (accountId: string, statusId: string): boolean => feeds.get(accountId)?.ids.has(statusId) ?? false,
    feedAccounts: (): string[] => [...feeds.keys()],

    /** The home feed, newest first, skipping anything deleted since. */
    homeFeed: (accountId: string): StatusRecord[] => [...(feeds.get(accountId)?.ids ?? [])].flatMap((id) => live(id) ?? []).sort(byIdDesc),
  };
  return social;
}

export type Social = ReturnType<typeof createSocial>;
