/**
 * THE contract between the core (Electron main or the browser host) and the renderer.
 * Read top to bottom: results and error codes, then every invoke channel, then every event.
 * Adding a channel is one entry in `channels` and one handler in electron/core/services.ts.
 */
import { z } from 'zod';
import { accountSummarySchema } from './domain/account.ts';
import { draftMediaSchema, draftSchema, outboxEntrySchema } from './domain/draft.ts';
import { authorSchema, postSchema } from './domain/post.ts';
import { networkInfoSchema } from './domain/network.ts';
import type { Result } from './result.ts';
import { conversationSchema } from './domain/conversation.ts';
import { inboxEntrySchema } from './domain/notification.ts';
import { maxPinnedPosts, profileSchema, profileTabs, relationActions, relationshipSchema, whoSchema } from './domain/profile.ts';
import { appErrorSchema } from './result-schema.ts';
import { findListedResultSchema, findPeopleResultSchema } from './domain/find-people.ts';
import { archiveExportSchema, archiveQuerySchema, archiveResultsSchema, archiveStatusSchema } from './domain/archive.ts';
import { channelNameList, eventNameList } from './channel-names.ts';
import { locales, pseudoLocales } from './i18n/locales.ts';

export { errorCodes, fail, ok, type AppError, type ErrorCode, type ErrorPhrase, type Result } from './result.ts';
export { isChannelName, isEventName } from './channel-names.ts';
export { appErrorSchema, errorCodeSchema } from './result-schema.ts';

// ---------------------------------------------------------------------------------------------
// Results, not throws: every channel answers a Result whose error the UI can render.

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);

// ---------------------------------------------------------------------------------------------
// Values that travel on the channels below.

export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

/** The language of Braid's own words: the system's (the first of its languages Braid speaks) or one chosen. */
export const languagePreferenceSchema = z.enum(['system', ...locales, ...pseudoLocales]);
export type LanguagePreference = z.infer<typeof languagePreferenceSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which host runs the core: the renderer shows it, it never branches on it. */
  host: z.enum(['electron', 'browser', 'cli']),
  platform: z.string(),
  /** The networks this Braid can use, with what each cannot do (for the UI to explain, from data). */
  networks: z.array(networkInfoSchema),
  /** Plain-http loopback origins pictures may come from besides https: the demo's local servers
   *  (the host's CSP allows exactly these); empty for every real run. */
  imageOrigins: z.array(z.string()),
  /** Who shows desktop notifications: the host itself (Electron's Notification in main), or the
   *  window through the web Notification API once the user allows it. */
  desktopAlerts: z.enum(['native', 'web']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const timelineGapSchema = z.object({ accountId: z.string().min(1).max(600), after: z.string().min(1).max(3000) });
export type TimelineGap = z.infer<typeof timelineGapSchema>;

/** A cross-post is one item with its copy on each network, a post Braid sent to several accounts
 *  one item with every account's copy (`sent`: its thread parts folded in). Its key: its first post's postKey. */
export const timelineItemSchema = z.object({ posts: z.array(postSchema).min(1).max(64), sortAt: z.string(), sent: z.object({ parts: z.number().int().min(1).max(1000) }).optional() });

/** Follows asked in one go as one account: each person's job and its result (jobs are saved before any is sent and go on after a restart). */
export const followBatchSchema = z.object({
  batch: z.string(),
  accountId: z.string(),
  /** requested: done as a request the person approves (a locked account). */
  people: z.array(z.object({ label: z.string(), state: z.enum(['queued', 'following', 'done', 'failed']), error: appErrorSchema.nullable(), requested: z.boolean() })),
  total: z.number().int().nonnegative(),
  /** Done, requests included. */
  done: z.number().int().nonnegative(),
  /** Of the done, requests waiting for the person's approval. */
  requested: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type FollowBatch = z.infer<typeof followBatchSchema>;

/** What a search found over every account: a person once (a profile per network found), posts newest first (a cross-post once),
 *  and where to go at once when the words name one person or one post (an address, a handle, a post's web address). */
export const searchResultsSchema = z.object({
  jump: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('person'), accountId: z.string(), who: z.string() }),
      z.object({ kind: z.literal('post'), keys: z.array(z.string()).min(1) }),
    ])
    .nullable(),
  people: z.array(z.array(z.object({ accountId: z.string(), author: authorSchema })).min(1)),
  items: z.array(timelineItemSchema),
  /** Accounts whose search failed (the others' results are here). */
  failures: z.array(appErrorSchema),
});
export type SearchResults = z.infer<typeof searchResultsSchema>;

/** A page of a hashtag's posts from every account, merged. */
export const tagPageSchema = z.object({ items: z.array(timelineItemSchema), cursor: z.string().nullable(), failures: z.array(appErrorSchema) });
export type TagPage = z.infer<typeof tagPageSchema>;

/** The list protocol (shared/lists/list-changes.ts): what changed in a list, by item key. */
const listChangeSchema = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('remove'), keys: z.array(z.string()) }),
    z.object({ op: z.literal('insert'), after: z.string().nullable(), items: z.array(item) }),
    z.object({ op: z.literal('update'), items: z.array(item) }),
  ]);

/** Each account's part in the timeline, sent whole with every view and every change (it is small). */
const timelineStatus = {
  accounts: z.array(z.object({ accountId: z.string(), error: appErrorSchema.nullable(), done: z.boolean() })),
  /** Where an account's posts are missing (more arrived than one page while Braid was away): below
   *  the item holding the post `after` (a postKey), loadable with timeline.loadGap. */
  gaps: z.array(timelineGapSchema),
  /** Older posts can still be loaded. */
  hasMore: z.boolean(),
};

/** Each account's part in the inbox and the unread count, sent whole with every view and every change (it is small). */
const inboxStatus = {
  accounts: z.array(
    z.object({
      accountId: z.string(),
      error: appErrorSchema.nullable(),
      /** Entries its server sent that Braid could not read. */
      unreadable: z.number().int().nonnegative(),
      /** Its unread entries (a server's group counts once). */
      unread: z.number().int().nonnegative(),
      /** Nothing older to load. */
      done: z.boolean(),
    }),
  ),
  /** Unread entries of the merged inbox. */
  unread: z.number().int().nonnegative(),
};

/** The inbox: every account's notifications merged and grouped, newest first, with read state. */
export const inboxViewSchema = z.object({
  /** Changes (inbox.changed) apply to the view of their `from` version. */
  version: z.number().int().nonnegative(),
  entries: z.array(inboxEntrySchema).max(20_000),
  ...inboxStatus,
  /** Every entry is here (false: only the newest, as asked for the first paint or the unread count). */
  complete: z.boolean(),
});
export type InboxView = z.infer<typeof inboxViewSchema>;

/** What turns the inbox of version `from` into that of version `to` (the list protocol, as the timeline's). */
export const inboxChangesSchema = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  changes: z.array(listChangeSchema(inboxEntrySchema)),
  ...inboxStatus,
});
export type InboxChanges = z.infer<typeof inboxChangesSchema>;

/** Only the newest `limit` entries of the inbox (0: its counts alone). */
const inboxLimit = z.object({ limit: z.number().int().nonnegative().max(100_000) }).optional();

/** The kinds of notification that may show on the desktop (mentions, replies, quotes, new followers). */
export const inboxAlertsSchema = z.object({ mention: z.boolean(), reply: z.boolean(), quote: z.boolean(), follow: z.boolean() });
export type InboxAlerts = z.infer<typeof inboxAlertsSchema>;

/** One desktop notification: what to say, and what a click opens. */
export const inboxAlertSchema = z.object({
  key: z.string(),
  title: z.string(),
  body: z.string(),
  /** The post's copies (its conversation opens); empty for a follow. */
  postKeys: z.array(z.string()),
});
export type InboxAlert = z.infer<typeof inboxAlertSchema>;

/** The merged home timeline as far as it can be shown, and each account's part in it. */
export const timelineViewSchema = z.object({
  /** Changes (timeline.changed) apply to the view of their `from` version. */
  version: z.number().int().nonnegative(),
  /** Every item is here (false: only the newest, for the first paint: ask again without a limit). */
  complete: z.boolean(),
  /** Newest first. */
  items: z.array(timelineItemSchema),
  ...timelineStatus,
});
export type TimelineView = z.infer<typeof timelineViewSchema>;

/** What turns the view of version `from` into that of version `to`: only what changed. */
export const timelineChangesSchema = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  changes: z.array(listChangeSchema(timelineItemSchema)),
  ...timelineStatus,
});
export type TimelineChanges = z.infer<typeof timelineChangesSchema>;

/** Where the user was reading: the item at the top of the viewport and how far it is scrolled. */
export const readingPositionSchema = z.object({
  key: z.string().max(3000),
  /** Pixels of that item above the viewport's top edge (0 when its top is at the edge). */
  offset: z.number().min(0).max(1_000_000),
  /** The newest post the reader had seen then (the top of the list, past the new-posts pill):
   *  what is above it on the next start is new, and the pill counts it. */
  newest: z.string().max(3000).optional(),
});
export type ReadingPosition = z.infer<typeof readingPositionSchema>;

/** A link's OpenGraph card, as the composer previews it and Bluesky will show it. */
export const linkPreviewSchema = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  siteName: z.string().nullable(),
});
export type LinkPreview = z.infer<typeof linkPreviewSchema>;

// ---------------------------------------------------------------------------------------------
// Invoke channels: renderer → core. Requests are parsed with `request` before any handler runs;
// answers are parsed with `response` before they leave, so a stray field (a token) never crosses.

const noInput = z.undefined();
const accountId = z.string().min(1).max(600);
const flowId = z.uuid();
const postKeyInput = z.string().min(1).max(3000);
const postAction = z.object({ key: postKeyInput, accountId, on: z.boolean() });
/** 32 MB of image, as base64. */
const maxAttachmentBase64 = Math.ceil((32 * 1024 * 1024) / 3) * 4;
/** A chunk of a file handed over (files.append): 4 MB, as base64. */
export const fileChunkBytes = 4 * 1024 * 1024;
const maxFileChunkBase64 = Math.ceil(fileChunkBytes / 3) * 4;
const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({
  request,
  response,
});

export const channels = {
  'app.info': channel(noInput, appInfoSchema),
  'theme.get': channel(noInput, themePreferenceSchema),
  'theme.set': channel(themePreferenceSchema, themePreferenceSchema),
  'language.get': channel(noInput, languagePreferenceSchema),
  'language.set': channel(languagePreferenceSchema, languagePreferenceSchema),
  'accounts.list': channel(noInput, z.array(accountSummarySchema)),
  /** Asks every account's server whether it still accepts Braid (no new sign-in). */
  'accounts.check': channel(noInput, z.array(accountSummarySchema)),
  'accounts.remove': channel(z.object({ id: accountId }), z.null()),
  'accounts.setPostByDefault': channel(z.object({ id: accountId, postByDefault: z.boolean() }), z.array(accountSummarySchema)),

  /** Mastodon sign-in: begin gives the server's page to open in the browser; the browser then
   *  returns to Braid's loopback listener (await) or shows a code the user pastes (finish). */
  'accounts.mastodon.begin': channel(
    z.object({ instance: z.string().max(300), mode: z.enum(['loopback', 'oob']) }),
    z.object({ flowId: flowId, authorizeUrl: z.url(), origin: z.string() }),
  ),
  'accounts.mastodon.await': channel(z.object({ flowId }), accountSummarySchema),
  'accounts.mastodon.finish': channel(z.object({ flowId, code: z.string().max(512) }), accountSummarySchema),
  'accounts.mastodon.cancel': channel(z.object({ flowId }), z.null()),
  /** For servers where the browser sign-in cannot work: an access token the user made on the
   *  server (Preferences → Development), checked like a sign-in's. It only ever goes in. */
  'accounts.mastodon.token': channel(z.object({ instance: z.string().max(300), token: z.string().min(1).max(2000) }), accountSummarySchema),

  /** Bluesky sign-in with OAuth on the account's own server (recommended): like Mastodon's. */
  'accounts.bluesky.begin': channel(z.object({ identifier: z.string().max(300) }), z.object({ flowId, authorizeUrl: z.url() })),
  'accounts.bluesky.await': channel(z.object({ flowId }), accountSummarySchema),
  'accounts.bluesky.cancel': channel(z.object({ flowId }), z.null()),

  /** The merged home timeline: what is loaded, newest pages fetched again, or older ones added. */
  /** `limit`: only the newest items, and as many again past the saved reading position, for a
   *  fast first screen; hasMore then says that more are loaded. */
  'timeline.view': channel(z.object({ limit: z.number().int().positive().max(100_000) }).optional(), timelineViewSchema),
  /** These three answer only what changed (also sent to every window as timeline.changed). */
  'timeline.refresh': channel(noInput, timelineChangesSchema),
  'timeline.loadMore': channel(noInput, timelineChangesSchema),
  'timeline.loadGap': channel(timelineGapSchema, timelineChangesSchema),
  /** Live updates: Bluesky is peeked at about once a minute only while a window has focus. */
  'timeline.setFocused': channel(z.object({ focused: z.boolean() }), z.null()),
  'timeline.position.get': channel(noInput, readingPositionSchema.nullable()),
  'timeline.position.set': channel(readingPositionSchema, z.null()),

  /** Acting on a timeline post (by its postKey) from any of the user's accounts: the default is
   *  one that saw it; another Mastodon server first resolves the post; across networks the
   *  answer is `not_supported`. Answers the post as it now is. */
  'post.like': channel(postAction, postSchema),
  'post.boost': channel(postAction, postSchema),
  /** A vote in the post's poll (option indexes) as one account that sees it; answers the post with the poll as now counted. */
  'post.vote': channel(z.object({ key: postKeyInput, accountId, choices: z.array(z.number().int().nonnegative().max(49)).min(1).max(50) }), postSchema),
  'post.reply': channel(
    z.object({ key: postKeyInput, accountId, text: z.string().trim().min(1).max(50_000) }),
    z.object({ url: z.string().nullable() }),
  ),

  /** A timeline item's conversation, from each of its copies (the postKeys of the item's posts; the first is the focus). */
  'conversation.open': channel(z.object({ keys: z.array(postKeyInput).min(1).max(8) }), conversationSchema),

  /** The inbox as Braid has it (kept between runs: painted at once, no server asked); `limit`: only the newest entries. */
  'inbox.view': channel(inboxLimit, inboxViewSchema),
  /** Every signed-in account's newest page of notifications and its read mark (one page each, at once).
   *  Each of these three answers only what changed (also sent to every window as inbox.changed). */
  'inbox.refresh': channel(noInput, inboxChangesSchema),
  /** The next older page of every account that has more. */
  'inbox.loadMore': channel(noInput, inboxChangesSchema),
  /** Everything shown is read: each account's server is told (Mastodon marker, Bluesky seen time). */
  'inbox.markRead': channel(noInput, inboxChangesSchema),
  /** Follows someone as one of your accounts, on its own network (follow back from the inbox); a follow that exists already is a success. */
  'people.follow': channel(z.object({ accountId, author: authorSchema }), z.null()),
  /** A person's profile as one of your accounts sees it (its relationship: follows, follows you, mutes, blocks).
   *  `who`: an author from a post, or an address (Mastodon @user@server, Bluesky handle or DID). */
  'people.profile': channel(z.object({ accountId, who: whoSchema }), profileSchema),
  /** A page of the person's posts on a tab, newest first; `cursor` from the page before. The first page of the posts
   *  tab also has the posts the person pinned (`pinned`, none where the server cannot say), which `posts` may hold too. */
  'people.posts': channel(
    z.object({ accountId, who: whoSchema, tab: z.enum(profileTabs), cursor: z.string().min(1).max(3000).optional(), limit: z.number().int().min(1).max(100).optional() }),
    z.object({ posts: z.array(postSchema), pinned: z.array(postSchema).max(maxPinnedPosts).optional(), cursor: z.string().nullable() }),
  ),
  /** Follow, unfollow, mute, unmute, block or unblock as one of your accounts; what is done already is a success.
   *  Answers the relationship as the server has it afterwards; a mute or block takes the person's posts out of that account's part of the timeline. */
  'people.relate': channel(z.object({ accountId, who: whoSchema, action: z.enum(relationActions) }), relationshipSchema),
  /** People and posts across every account; an address or a post's web address also says where to jump. */
  'search.run': channel(z.object({ query: z.string().trim().min(1).max(500) }), searchResultsSchema),
  /** The posts with a hashtag (without #) from every account, newest first; `cursor` from the page before. */
  'search.tag': channel(z.object({ tag: z.string().trim().min(1).max(140), cursor: z.string().max(20_000).optional() }), tagPageSchema),
  /** Everyone one account follows, looked for on another network with the evidence for each match, strongest first
   *  (`byName`: also search display names where nothing else was found; `readWebsites`: also read the websites their
   *  profiles link for rel="me" links, where nothing sure was found; both default true). Progress: people.finding. */
  'people.find': channel(z.object({ from: accountId, to: accountId, byName: z.boolean().optional(), readWebsites: z.boolean().optional() }), findPeopleResultSchema),
  /** Follows the people ticked, as the account, one at a time (rate limits waited out; a follow that exists is a success). */
  'people.followMany': channel(
    z.object({ accountId, people: z.array(z.object({ who: whoSchema, label: z.string().max(600) })).min(1).max(5000) }),
    followBatchSchema,
  ),
  /** Where a batch of follows stands. */
  'people.followBatch': channel(z.object({ batch: z.string().max(100) }), followBatchSchema),
  /** The people a Twitter/X data export (handed over with files.begin/append) follows and is followed by, looked for
   *  on one account's network by name and username only: every match is a maybe. Progress: people.finding. */
  'people.findExport': channel(z.object({ fileId: z.uuid(), to: accountId }), findListedResultSchema),

  /** A file chosen in a window, handed to the core in chunks of at most 4 MB (appended in order; one sent again is ignored). */
  'files.begin': channel(z.object({ name: z.string().min(1).max(300), size: z.number().int().positive() }), z.object({ fileId: z.uuid() })),
  'files.append': channel(
    z.object({ fileId: z.uuid(), offset: z.number().int().nonnegative(), dataBase64: z.string().min(4).max(maxFileChunkBase64) }),
    z.object({ received: z.number().int().nonnegative() }),
  ),
  'files.discard': channel(z.object({ fileId: z.uuid() }), z.null()),
  /** Which kinds of notification may show on the desktop. */
  'inbox.alerts.get': channel(noInput, inboxAlertsSchema),
  'inbox.alerts.set': channel(inboxAlertsSchema, inboxAlertsSchema),

  /** Drafts not sent yet, newest first; saved as the user types (nothing typed is lost). */
  'drafts.list': channel(noInput, z.array(draftSchema)),
  'drafts.save': channel(draftSchema, draftSchema),
  'drafts.delete': channel(z.object({ id: z.uuid() }), z.null()),
  /** An image for a draft: the core keeps the original and answers its size and a thumbnail. */
  'media.attach': channel(
    z.object({ fileName: z.string().max(300), mimeType: z.string().max(100), dataBase64: z.string().min(4).max(maxAttachmentBase64) }),
    draftMediaSchema,
  ),
  /** The card Bluesky will show for a link (OpenGraph, fetched by the core); null when none. */
  'compose.linkPreview': channel(z.object({ url: z.url().max(3000) }), linkPreviewSchema.nullable()),

  /** Send: the draft and one job per target are saved in one step before anything goes out.
   *  Refused (invalid_input) while any target has a problem (see shared/compose/plan.ts). */
  'outbox.send': channel(draftSchema, outboxEntrySchema),
  'outbox.list': channel(noInput, z.array(outboxEntrySchema)),
  /** Try a failed target again (it keeps its idempotency key: what landed is never posted twice). */
  /** A failed target again; `fix`: one its server refused as too long, as a thread or cut to fit. */
  'outbox.retry': channel(z.object({ jobId: z.string().min(1).max(100), fix: z.enum(['thread', 'cut']).optional() }), outboxEntrySchema),
  /** Remove a sent draft from the outbox: targets not yet posted are cancelled (refused while one is being sent). */
  'outbox.discard': channel(z.object({ draftId: z.uuid() }), z.null()),

  /** Where each account's archive stands (every account ever archived, signed in or not, and imported files). */
  'archive.status': channel(noInput, archiveStatusSchema),
  /** Starts bringing the archives up to date (all, or these accounts'), resuming any stopped part-way; follow it with archive.changed. */
  'archive.sync': channel(z.object({ accounts: z.array(accountId).max(100).optional() }).optional(), archiveStatusSchema),
  /** Stops the imports under way between two pages (and the media downloads): the next sync resumes them. */
  'archive.pause': channel(z.object({ accounts: z.array(accountId).max(100).optional() }).optional(), archiveStatusSchema),
  /** A page of the archive's posts matching the words and filters, with the matches marked. */
  'archive.search': channel(archiveQuerySchema, archiveResultsSchema),
  /** Writes the whole archive as files anyone can open (posts.jsonl, media/, a web page per month) into a new folder, and checks it. */
  'archive.export': channel(noInput, archiveExportSchema),

  /** Bluesky sign-in with an app password; `auth_factor_required` asks for the e-mailed code. */
  'accounts.bluesky.signIn': channel(
    z.object({
      identifier: z.string().max(300),
      password: z.string().max(300),
      authFactorToken: z.string().max(100).optional(),
    }),
    accountSummarySchema,
  ),
};

/** What the desktop menu asks of the window. */
export const menuCommands = ['go.home', 'go.inbox', 'go.compose', 'go.search', 'go.archive', 'go.accounts', 'keys.help'] as const;
export const menuCommandSchema = z.enum(menuCommands);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

// ---------------------------------------------------------------------------------------------
// Events: core → renderer, pushed to every window.

export const events = {
  'theme.changed': themePreferenceSchema,
  'language.changed': languagePreferenceSchema,
  'accounts.changed': z.array(accountSummarySchema),
  /** New posts arrived (stream, poll or peek) for these accounts: fetch timeline.view again. */
  'timeline.updated': z.object({ accounts: z.array(z.string()) }),
  /** The timeline changed: apply to the view of version `from`, or ask for timeline.view again. */
  'timeline.changed': timelineChangesSchema,
  /** The inbox changed (arrived, read here or elsewhere): apply to the view of version `from`, or ask for inbox.view again. */
  'inbox.changed': inboxChangesSchema,
  /** Something worth a desktop notification arrived (kinds the user allows); the host shows it when no window has focus. */
  'inbox.alert': inboxAlertSchema,
  /** A desktop notification was clicked: open what it was about. */
  'inbox.open': inboxAlertSchema,
  /** A command of the desktop app's menu that the window carries out: go to a page, show the shortcuts. */
  'menu.command': menuCommandSchema,
  /** An archive import moved (a page saved, a wait, an end, an error), or media were downloaded: the whole status. */
  'archive.changed': archiveStatusSchema,
  /** A batch of follows moved (a follow done or failed). */
  'people.followBatch': followBatchSchema,
  /** How far a people.find has come. */
  'people.finding': z.object({ from: z.string(), to: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** A target of a sent draft moved (queued, uploading, posted, failed …): the whole outbox. */
  'outbox.changed': z.array(outboxEntrySchema),
};

// ---------------------------------------------------------------------------------------------
// Types derived from the tables above: the bridge, the handlers and the client all use these.

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends ChannelName> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames: readonly ChannelName[] = channelNameList;
export const eventNames: readonly EventName[] = eventNameList;

// channel-names.ts lists the same names without zod (for the bridges): the compiler holds them equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameChannels: Same<ChannelName, (typeof channelNameList)[number]> = true;
const sameEvents: Same<EventName, (typeof eventNameList)[number]> = true;
void sameChannels;
void sameEvents;

/** Arguments of `invoke`: the request may be left out where a channel takes none. */
export type InvokeArgs<C extends ChannelName> = undefined extends RequestOf<C>
  ? [request?: RequestOf<C>]
  : [request: RequestOf<C>];

/** What every host hands the renderer as `window.braid`. */
export interface BraidBridge {
  invoke<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The core's side: one handler per channel, given an already parsed request. */
export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};
