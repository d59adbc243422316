/**
 * The seam between the core and each network. A network is ONE module: `networks/<id>/index.ts`
 * exports a NetworkDefinition, which registry.ts lists; the core asks the registry for the
 * module of an account's network and never branches on a network's name. A module turns its
 * network's answers into the network-neutral domain (shared/domain) and validates them at the
 * edge: nonsense from a server becomes a ServerError for that account, never a crash.
 *
 * One interface per capability; later capabilities (threads, profiles, notifications, history)
 * are added here and in each module. What a network cannot do is data (`info.lacks`).
 */
import type { AppError, Handlers } from '../../../shared/contract.ts';
import type { AccountSummary, MastodonLimits, Network } from '../../../shared/domain/account.ts';
import type { NetworkInfo } from '../../../shared/domain/network.ts';
import type { Author, IdentityClaim, Post } from '../../../shared/domain/post.ts';
import type { ThreadCopy } from '../../../shared/domain/conversation.ts';
import type { Profile, ProfileTab, RelationAction, Relationship, Who } from '../../../shared/domain/profile.ts';
import type { AccountNotification } from '../../../shared/domain/notification.ts';
import type { LiveTimings, Timers } from '../base/live-timing.ts';
import type { Logger } from '../base/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Database } from '../store/database.ts';
import type { NetworkArchive } from './archive.ts';
import type { NetworkActions } from './post-actions.ts';
import type { NetworkPublishing } from './publishing.ts';

/** An account a module signed in, as the accounts table keeps it (its secrets are the module's). */
export interface SignedInAccount {
  /** `<network id>:…`, stable across sign-ins. */
  id: string;
  network: Network;
  server: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  /** What the server allows, where it says (kept when a later save has none). */
  limits?: MastodonLimits;
}

/** What the core hands every module. */
export interface NetworkEnv {
  db: Database;
  secrets: SecretStore;
  log: Logger;
  /** Adds or refreshes a signed-in account, tells every window, and answers it as the renderer sees it. */
  saveAccount: (account: SignedInAccount) => AccountSummary;
  /** The account's server refused its credentials: it needs signing in again. */
  markExpired: (accountId: string) => void;
}

export interface NetworkAccounts {
  /** Whether the stored sign-in works now; throws a ServerError (auth_expired, network, …) when not. */
  check(accountId: string): Promise<void>;
  /** Ends the session on its server where the network can, and forgets the account's secrets. */
  signOut(accountId: string): Promise<void>;
  /** Signs in with a token made on the server itself, for scripts and CI, where the network has such tokens. */
  signInWithToken?: (server: string, token: string) => Promise<AccountSummary>;
}

export interface TimelinePage {
  /** Newest first. */
  posts: Post[];
  /** Where the next (older) page starts; null when there is nothing older. */
  cursor: string | null;
}

export interface NetworkTimeline {
  /** One page of the account's home timeline, newest first, older than `cursor` when given. */
  home(accountId: string, cursor: string | null, limit: number): Promise<TimelinePage>;
}

/** What live updates may do to the account's feed (timeline/timeline-service.ts implements it). */
export interface LiveFeed {
  addNewest(accountId: string, post: Post): boolean;
  replace(accountId: string, post: Post): boolean;
  remove(accountId: string, nativeId: string): boolean;
  refreshAccount(accountId: string): Promise<{ changed: boolean; error: AppError | null }>;
  newestOnServer(accountId: string): Promise<Post | null>;
  knows(accountId: string, post: Post): boolean;
}

export interface AccountLiveDeps {
  accountId: string;
  timeline: LiveFeed;
  inbox: LiveInbox;
  /** The account's feed changed: posts to show. */
  changed: (accountId: string) => void;
  /** The server refused the account's credentials: it needs signing in again. */
  expired: (accountId: string) => void;
  timings: LiveTimings;
  timers: Timers;
  log: Logger;
}

/** One account's live updates, however its network gives them (a stream, polling, peeks). */
export interface LiveConnection {
  /** How it gets updates now (e.g. streaming, polling, peeking), for diagnostics and tests. */
  readonly mode: string;
  /** Whether a window has focus: some networks are only asked while one has. */
  setFocused(focused: boolean): void;
  stop(): void;
}

export interface NetworkLive {
  start(deps: AccountLiveDeps, focused: boolean): LiveConnection;
}

/** For networks whose posts do not carry what an author's profile claims (identity-links.ts). */
export interface NetworkIdentity {
  /** What each author's own profile claims, as the account sees them; authors not answered claim nothing. */
  claimsOf(accountId: string, authorIds: string[]): Promise<Map<string, IdentityClaim[]>>;
}

/** A post's conversation as one account's server has it: one request per copy. */
export interface NetworkConversation {
  thread(accountId: string, post: Post): Promise<ThreadCopy>;
}

export interface NotificationsPage {
  /** Newest first. */
  notifications: AccountNotification[];
  /** Entries the server sent that could not be read. */
  unreadable: number;
  /** Where the next (older) page starts; null when there is nothing older. */
  cursor: string | null;
  /** How far the account has read, as its server keeps it (Mastodon's notifications marker,
   *  Bluesky's seenAt); null when the server keeps none. Only the newest page says. */
  readMark: string | null;
}

/** The account's notifications and their read state on its server. */
export interface NetworkNotifications {
  /** One page, newest first, older than `cursor` when given. The newest page also says the read
   *  mark: `readMark` is Braid's, and a network that must ask for it apart (Mastodon's marker) asks
   *  only when the page holds something after it (with nothing unread, another client's read
   *  changes nothing: one request). */
  page(accountId: string, cursor: string | null, limit: number, readMark?: string | null): Promise<NotificationsPage>;
  /** Tells the server the account has read up to `mark` (a notification's mark), for its other clients. */
  markRead(accountId: string, mark: string): Promise<void>;
  /** How many are unread, where the network can say so cheaply (a peek, not a page). */
  unreadCount?(accountId: string): Promise<number>;
}

/** What live updates may do to the account's inbox (inbox/inbox-service.ts implements it). */
export interface LiveInbox {
  /** A notification the server pushed (Mastodon's user stream). */
  arrived(accountId: string, notification: AccountNotification): void;
  /** Asks the network whether anything is new (Bluesky's unread count) and fetches it if so. Never rejects: a failure is the account's error. */
  peek(accountId: string): Promise<void>;
}

/**
 * People, as one of the user's accounts sees them: `who` is an author from a post or an address
 * (Mastodon @user@server, Bluesky handle or DID), found where the account's network finds people.
 * Each relation change acts as the account, is idempotent (a follow, mute or block that exists
 * already is a success, as is undoing one that does not), and answers the relationship as the
 * server has it afterwards.
 */
export interface NetworkPeople {
  profile(accountId: string, who: Who): Promise<Profile>;
  /** Many profiles at once, where the network can (Bluesky's getProfiles): by each address asked
   *  (lowercased), only those found. */
  profiles?(accountId: string, addresses: readonly string[]): Promise<Map<string, Profile>>;
  /** One page (at most `limit`, as far as the server allows) of the person's posts on a tab, newest first, older than `cursor` when given. */
  posts(accountId: string, who: Who, tab: ProfileTab, cursor: string | null, limit: number): Promise<TimelinePage>;
  /** The posts the person pinned to their profile, as the server orders them. Extra to a profile: where the server
   *  cannot say (fails, answers nonsense), none rather than a failure. */
  pinned?(accountId: string, who: Who): Promise<Post[]>;
  /** Follow, unfollow, mute, unmute, block or unblock the person as the account. */
  relate(action: RelationAction, accountId: string, who: Who): Promise<Relationship>;
  /** People and posts the words find, as the account sees them; an address (a handle) or a post's
   *  web address is looked up, on another server too where the network can. */
  search?(accountId: string, query: string, limit: number, only?: 'people'): Promise<SearchFound>;
  /** One page of posts with the hashtag (without its #), newest first, older than `cursor` when given. */
  tagged?(accountId: string, tag: string, cursor: string | null, limit: number): Promise<TimelinePage>;
  /** One page of the people the account follows, each with what their profile claims on other
   *  networks (Author.claims); `cursor` from the page before, null at the end. */
  following?(accountId: string, cursor: string | null): Promise<{ people: Author[]; cursor: string | null }>;
}

export interface SearchFound {
  people: Author[];
  posts: Post[];
}

export interface NetworkModule {
  info: NetworkInfo;
  /** The handlers of this network's own sign-in channels of the contract. */
  signIn: Partial<Handlers>;
  accounts: NetworkAccounts;
  timeline: NetworkTimeline;
  publishing: NetworkPublishing;
  actions: NetworkActions;
  live: NetworkLive;
  identity?: NetworkIdentity;
  conversation?: NetworkConversation;
  notifications?: NetworkNotifications;
  people?: NetworkPeople;
  /** The account's own posts, page by page, for the archive (archive/). */
  archive?: NetworkArchive;
}

export interface NetworkDefinition {
  id: Network;
  create(env: NetworkEnv): NetworkModule;
}
