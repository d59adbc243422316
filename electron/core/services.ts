import { ok, type AppInfo, type Handlers } from '../../shared/contract.ts';
import { phrase, refuse } from './base/errors.ts';
import type { AccountsService } from './accounts/accounts-service.ts';
import type { ActionsService } from './actions/actions-service.ts';
import type { ComposeService } from './compose/compose-service.ts';
import type { ConversationService } from './conversations/conversation-service.ts';
import type { PeopleService } from './people/people-service.ts';
import type { InboxService } from './inbox/inbox-service.ts';
import type { Outbox } from './compose/outbox.ts';
import type { Replies } from './compose/replies.ts';
import type { NetworkRegistry } from './networks/registry.ts';
import type { LiveUpdates } from './timeline/live-updates.ts';
import type { TimelineService } from './timeline/timeline-service.ts';
import type { TimelinePublisher } from './timeline/timeline-publisher.ts';
import type { EventHub } from './events.ts';
import type { ArchiveService } from './archive/archive-service.ts';
import type { SearchService } from './people/search-service.ts';
import type { FindListedOptions, FindListedResult, PeopleFinder } from './people/find-people.ts';
import type { IncomingFiles } from './incoming-files.ts';
import { followBatchOf, type FollowJobs } from './people/follow-jobs.ts';
import { readInboxAlerts, readLanguage, readReadingPosition, readTheme, writeInboxAlerts, writeLanguage, writeReadingPosition, writeTheme } from './settings.ts';
import type { Database } from './store/database.ts';

export interface CoreDeps {
  db: Database;
  events: EventHub;
  networks: NetworkRegistry;
  accounts: AccountsService;
  timeline: TimelineService;
  /** The timeline as the windows hold it: numbered views, then only changes. */
  shown: TimelinePublisher;
  live: Pick<LiveUpdates, 'setFocused'>;
  actions: ActionsService;
  people: PeopleService;
  conversations: ConversationService;
  inbox: InboxService;
  compose: ComposeService;
  replies: Replies;
  outbox: Outbox;
  archive: ArchiveService;
  search: SearchService;
  finder: PeopleFinder;
  /** The people of a Twitter/X export (at `path`; `name` as the user knows it) looked for on `toId`'s network. */
  findExport: (path: string, name: string, toId: string, options?: FindListedOptions) => Promise<FindListedResult>;
  /** Files handed over by a window. */
  incoming: IncomingFiles;
  followJobs: FollowJobs;
  /** Where archive exports go, each in a new folder. */
  exportsDir: string;
  host: AppInfo['host'];
  version: string;
  /** The demo's picture origins (plain http on loopback), for the renderer's image filter. */
  imageOrigins: readonly string[];
}

/**
 * Composition: the handler of every contract channel, built from the core's services; each
 * network's module brings the handlers of its own sign-in channels. A ServerError thrown by a
 * service becomes that error's Result in the dispatcher.
 */
export function createHandlers({ db, events, networks, accounts, timeline, shown, live, actions, people, conversations, inbox, compose, replies, outbox, archive, search, finder, findExport, incoming, followJobs, exportsDir, host, version, imageOrigins }: CoreDeps): Partial<Handlers> {
  const handlers: Partial<Handlers> = {
    'app.info': async () =>
      ok({ name: 'Braid', version, host, platform: process.platform, networks: networks.infos(), imageOrigins: [...imageOrigins], desktopAlerts: host === 'electron' ? 'native' : 'web' }),
    'language.get': async () => ok(readLanguage(db)),
    'language.set': async (language) => {
      writeLanguage(db, language);
      events.emit('language.changed', language);
      return ok(language);
    },
    'theme.get': async () => ok(readTheme(db)),
    'theme.set': async (theme) => {
      writeTheme(db, theme);
      events.emit('theme.changed', theme);
      return ok(theme);
    },

    'accounts.list': async () => ok(accounts.list()),
    'accounts.check': async () => ok(await accounts.checkAll()),
    'accounts.remove': async ({ id }) => {
      await accounts.remove(id);
      return ok(null);
    },
    'accounts.setPostByDefault': async ({ id, postByDefault }) => ok(accounts.setPostByDefault(id, postByDefault)),

    'timeline.view': async (request) => ok(shown.view(request?.limit, request?.limit === undefined ? undefined : readReadingPosition(db)?.key)),
    'timeline.refresh': async () => {
      await timeline.refresh();
      return ok(shown.changes());
    },
    'timeline.loadMore': async () => {
      await timeline.loadMore();
      return ok(shown.changes());
    },
    'timeline.loadGap': async ({ accountId, after }) => {
      await timeline.loadGap(accountId, after);
      return ok(shown.changes());
    },
    'timeline.setFocused': async ({ focused }) => {
      live.setFocused(focused);
      return ok(null);
    },
    'timeline.position.get': async () => ok(readReadingPosition(db)),
    'timeline.position.set': async (position) => {
      writeReadingPosition(db, position);
      return ok(null);
    },
    'post.like': ({ key, accountId, on }) => actions.like(key, accountId, on),
    'post.vote': ({ key, accountId, choices }) => actions.vote(key, accountId, [...new Set(choices)]),
    'post.boost': ({ key, accountId, on }) => actions.boost(key, accountId, on),
    'post.reply': ({ key, accountId, text }) => replies.reply(key, accountId, text),
    'conversation.open': async ({ keys }) => ok(await conversations.open(keys)),
    'inbox.view': async (request) => ok(inbox.view(request?.limit)),
    'inbox.refresh': async () => ok(await inbox.refresh()),
    'inbox.loadMore': async () => ok(await inbox.loadMore()),
    'inbox.markRead': async () => ok(await inbox.markRead()),
    'people.follow': ({ accountId, author }) => actions.follow(accountId, author),
    'people.profile': ({ accountId, who }) => people.profile(accountId, who),
    'people.posts': ({ accountId, who, tab, cursor, limit }) => people.posts(accountId, who, tab, cursor ?? null, limit),
    'people.relate': ({ accountId, who, action }) => people.relate(accountId, who, action),
    'people.find': async ({ from, to, byName, readWebsites }) =>
      ok(await finder.find(from, to, { ...(byName === undefined ? {} : { byName }), ...(readWebsites === undefined ? {} : { readWebsites }), onProgress: ({ done, total }) => events.emit('people.finding', { from, to, done, total }) })),
    'people.followMany': async ({ accountId, people }) => ok(followBatchOf(followJobs.status(followJobs.add(accountId, people))!)),
    'people.followBatch': async ({ batch }) => {
      const status = followJobs.status(batch);
      return status ? ok(followBatchOf(status)) : refuse('not_found', phrase('error.follow.noBatch'));
    },
    'people.findExport': async ({ fileId, to }) => {
      const { name, path } = incoming.pathOf(fileId);
      return ok(await findExport(path, name, to, { onProgress: ({ done, total }) => events.emit('people.finding', { from: 'twitter', to, done, total }) }));
    },
    'files.begin': async ({ name, size }) => ok(incoming.begin(name, size)),
    'files.append': async ({ fileId, offset, dataBase64 }) => ok(incoming.append(fileId, offset, Buffer.from(dataBase64, 'base64'))),
    'files.discard': async ({ fileId }) => {
      incoming.discard(fileId);
      return ok(null);
    },
    'search.run': async ({ query }) => ok(await search.search(query)),
    'search.tag': async ({ tag, cursor }) => ok(await search.tag(tag, cursor ?? null)),
    'inbox.alerts.get': async () => ok(readInboxAlerts(db)),
    'inbox.alerts.set': async (alerts) => {
      writeInboxAlerts(db, alerts);
      return ok(readInboxAlerts(db));
    },

    'drafts.list': async () => ok(compose.drafts()),
    'drafts.save': async (draft) => compose.saveDraft(draft),
    'drafts.delete': async ({ id }) => {
      compose.deleteDraft(id);
      return ok(null);
    },
    'media.attach': async ({ dataBase64 }) => ok(await compose.attach(dataBase64)),
    'compose.linkPreview': async ({ url }) => ok(await compose.linkPreview(url)),
    'outbox.send': async (draft) => outbox.send(draft),
    'outbox.list': async () => ok(outbox.list()),
    'outbox.retry': async ({ jobId, fix }) => outbox.retry(jobId, fix),
    'outbox.discard': async ({ draftId }) => outbox.discard(draftId),
    'archive.status': async () => ok(archive.status()),
    'archive.sync': async (request) => ok(archive.start(request?.accounts)),
    'archive.pause': async (request) => ok(archive.pause(request?.accounts)),
    'archive.search': async (query) => ok(archive.search({ ...query, cursor: query.cursor ?? null })),
    'archive.export': async () => ok(await archive.exportInto(exportsDir)),
  };
  return { ...networks.signInHandlers(), ...handlers };
}
