import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, type AppInfo } from '../../shared/contract.ts';
import type { AccountSummary, Network } from '../../shared/domain/account.ts';
import { createAccountsService } from './accounts/accounts-service.ts';
import { createActionsService } from './actions/actions-service.ts';
import type { Logger } from './base/logger.ts';
import { phrase, ServerError } from './base/errors.ts';
import { createDispatcher, type Dispatch } from './dispatch.ts';
import { createEventHub, type EventHub } from './events.ts';
import { aesCipher, keyFromEnvironmentOrFile } from './secrets/aes-cipher.ts';
import { createFileSecretStore, type SecretCipher, type SecretStore } from './secrets/secret-store.ts';
import { createHandlers } from './services.ts';
import { capEveryAnswer } from './http/answer-cap.ts';
import { timeouts } from './http/timeouts.ts';
import { createComposeService } from './compose/compose-service.ts';
import { createConversationService } from './conversations/conversation-service.ts';
import { createPeopleService } from './people/people-service.ts';
import { createSearchService } from './people/search-service.ts';
import { relMeLinks } from './people/website-links.ts';
import { createPeopleFinder, type FindListedOptions, type FindListedResult } from './people/find-people.ts';
import { createIncomingFiles } from './incoming-files.ts';
import { readTwitterFollows, twitterAuthor } from './archive/files/twitter-follows.ts';
import { ExportFileError } from './archive/files/zip-reader.ts';
import { createFollowJobs, followBatchOf } from './people/follow-jobs.ts';
import { createInboxService } from './inbox/inbox-service.ts';
import { createInboxStore } from './inbox/inbox-store.ts';
import { readInboxAlerts, readLanguage } from './settings.ts';
import { localeOf } from '../../shared/i18n/locales.ts';
import { translator } from '../../shared/i18n/translate.ts';
import { createMediaStore } from './compose/media-store.ts';
import { createOutbox } from './compose/outbox.ts';
import { createOutboxStore } from './compose/outbox-store.ts';
import { createReplies } from './compose/replies.ts';
import type { RetryPolicy } from './compose/retry-policy.ts';
import type { Job, OutboxStep } from './networks/publishing.ts';
import type { NetworkDefinition } from './networks/network.ts';
import { builtInNetworks, createNetworkRegistry } from './networks/registry.ts';
import { createLiveUpdates, type LiveUpdatesOptions } from './timeline/live-updates.ts';
import { createIdentityLinks } from './timeline/identity-links.ts';
import { createTimelineCache } from './timeline/timeline-cache.ts';
import { createTimelineService } from './timeline/timeline-service.ts';
import { createTimelinePublisher } from './timeline/timeline-publisher.ts';
import { openDatabase, type Database } from './store/database.ts';
import { createArchiveService, type ArchiveService } from './archive/archive-service.ts';
import { archivedOfSent } from './archive/sent-posts.ts';
import { startArchiveSchedule, type ArchiveScheduleOptions } from './archive/archive-schedule.ts';

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  secrets: SecretStore;
  /**
   * Signs in with an access token the user made on their server (where the network has such
   * tokens), for the command line and CI. A host's own call, never a contract channel: a token
   * must not come from a renderer. Throws ServerError (auth_expired for a token the server refuses).
   */
  addToken(network: Network, server: string, accessToken: string): Promise<AccountSummary>;
  /** The archive, for the command line's long runs (progress as they go, a file to import, a folder to export into). */
  archive: ArchiveService;
  /**
   * The people of a Twitter/X data export (followed and following, each once) looked for on the
   * network of account `toId`: by handle and name only, every match a maybe. A host's own call,
   * never a contract channel: a file path must not come from a renderer. Throws ServerError
   * (invalid_input when the file is not such an export).
   */
  findListed(file: string, toId: string, options?: { onProgress?: (progress: { done: number; total: number }) => void; signal?: AbortSignal }): Promise<FindListedResult>;
  /** With outbox.resumeOnStart false: resumes what a stopped run left. Once, before anything is sent. */
  resumeOutbox(): void;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  log?: Logger;
  /** Electron passes its keyring cipher; elsewhere an AES key from the environment or a key file. */
  cipher?: SecretCipher;
  /** The networks Braid can use (default: builtInNetworks()); tests pass their options or a network of their own. */
  networks?: readonly NetworkDefinition[];
  /** Plain-http loopback origins the renderer may show pictures from (the demo's local servers,
   *  from demoImageOrigins()); the host's CSP must allow the same. Default: none, https only. */
  imageOrigins?: readonly string[];
  /** The system's languages, most wanted first, for the words the core says itself (desktop
   *  notifications) when the user has not chosen one. Default: Node's locale. */
  systemLanguages?: () => readonly string[];
  /** For tests: an already opened database instead of the one in dataDir. */
  db?: Database;
  /** For tests: shorter intervals (or a fake clock) for streams, polls and peeks. false: none
   *  at all (a command that runs once and ends). */
  liveUpdates?: LiveUpdatesOptions | false;
  /** For tests: people's websites on this machine (127.0.0.0/8, ::1) may be read too, for their
   *  rel="me" links. Default: only public addresses (never a private network's). */
  readLoopbackSites?: boolean;
  /** For tests: how long every request to a server may take (default 15 s). */
  requestTimeoutMs?: number;
  /** For tests: the outbox's retry timing and a hook at each crash point.
   *  resumeOnStart false: sends cut off by a crash stay as they are (a command that only reads). */
  outbox?: { policy?: RetryPolicy; onStep?: (step: OutboxStep, job: Job) => void; resumeOnStart?: boolean };
  /** Where archive exports go, each in a new folder (default: dataDir/exports). */
  exportsDir?: string;
  /** For tests: when begun archives are brought up to date by themselves (default: a minute after
   *  start, then every six hours, whenever live updates run). */
  archiveSchedule?: ArchiveScheduleOptions;
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Where the browser host and scripts keep secrets: AES-256-GCM with a key they can reach. */
export function fileKeyCipher(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretCipher {
  const { key, description } = keyFromEnvironmentOrFile(env, join(dataDir, 'secret.key'));
  return aesCipher(key, description);
}

const noLiveUpdates = { setFocused: () => undefined, close: () => undefined };

/** Everything a host needs: one dispatcher for calls, one hub for events, one close. */
export function createCore(options: CoreOptions): Core {
  const { dataDir, host, log } = options;
  if (options.requestTimeoutMs) timeouts.requestMs = options.requestTimeoutMs;
  capEveryAnswer();
  const db = options.db ?? openDatabase(dataDir);
  const systemLanguages = options.systemLanguages ?? (() => [Intl.DateTimeFormat().resolvedOptions().locale]);
  const events = createEventHub();
  const secrets = createFileSecretStore(join(dataDir, 'secrets.json'), options.cipher ?? fileKeyCipher(dataDir));
  const accounts = createAccountsService({ db, events, network: (id) => networks.get(id) });
  const networks = createNetworkRegistry(options.networks ?? builtInNetworks(), {
    db,
    secrets,
    log: log ?? (() => undefined),
    saveAccount: (account) => accounts.save(account),
    markExpired: accounts.markExpired,
  });
  const identities = createIdentityLinks({
    identityOf: (network) => networks.get(network).identity,
    changed: (ids) => events.emit('timeline.updated', { accounts: ids }),
    ...(log ? { log } : {}),
  });
  const outboxStore = createOutboxStore(db);
  let sentPartsShown = outboxStore.sentParts().size;
  const timeline = createTimelineService({
    accounts: accounts.list,
    sentParts: outboxStore.sentParts,
    links: (posts) => identities.linksAmong(posts),
    timelineOf: (network) => networks.get(network).timeline,
    cache: createTimelineCache(db),
    ...(log ? { log } : {}),
  });
  const inbox = createInboxService({
    accounts: accounts.list,
    notificationsOf: (network) => networks.get(network).notifications,
    links: (posts) => identities.linksAmong(posts),
    sentParts: outboxStore.sentParts,
    store: createInboxStore(db),
    events,
    alerts: () => readInboxAlerts(db),
    translate: () => translator(localeOf(readLanguage(db), systemLanguages())),
    onAuthExpired: accounts.markExpired,
  });
  const live = options.liveUpdates === false ? noLiveUpdates : createLiveUpdates({
    accounts: accounts.list,
    events,
    timeline,
    inbox: inbox.live,
    liveOf: (network) => networks.get(network).live,
    markExpired: accounts.markExpired,
    ...(options.liveUpdates ? { options: options.liveUpdates } : {}),
    ...(log ? { log } : {}),
  });
  const conversations = createConversationService({
    accounts: accounts.list,
    findPost: (key) => timeline.findPost(key) ?? people.findPost(key) ?? search.findPost(key),
    conversationOf: (network) => networks.get(network).conversation,
    links: (posts) => identities.linksAmong(posts),
  });
  const search = createSearchService({
    accounts: accounts.list,
    peopleOf: (network) => networks.get(network).people,
    links: (posts) => identities.linksAmong(posts),
    onAuthExpired: accounts.markExpired,
  });
  const finder = createPeopleFinder({
    accounts: accounts.list,
    peopleOf: (network) => networks.get(network).people,
    siteLinks: (url, signal) => relMeLinks(url, { allowLoopback: options.readLoopbackSites === true, ...(signal ? { signal } : {}) }),
  });
  // A post can be acted on from the timeline or from a conversation it was read in.
  const findPost = (key: string) => timeline.findPost(key) ?? conversations.findPost(key) ?? inbox.findPost(key) ?? people.findPost(key) ?? search.findPost(key);
  const actions = createActionsService({
    accounts: accounts.list,
    timeline: {
      findPost,
      recordAction: (key, outcome) => {
        timeline.recordAction(key, outcome);
        inbox.recordAction(key, outcome);
        people.recordAction(key, outcome);
        search.recordAction(key, outcome);
      },
    },
    networks,
    onAuthExpired: accounts.markExpired,
  });
  const people = createPeopleService({
    accounts: accounts.list,
    peopleOf: (network) => networks.get(network).people,
    timeline,
    timelineChanged: (ids) => events.emit('timeline.updated', { accounts: ids }),
    onAuthExpired: accounts.markExpired,
  });
  const followJobs = createFollowJobs({
    db,
    // Its failures are thrown with the server's retry time, for the runner to wait it out.
    relate: async (accountId, who) => ok(await people.follow(accountId, who)),
    accounts: accounts.list,
    changed: (status) => events.emit('people.followBatch', followBatchOf(status)),
    ...(log ? { log } : {}),
  });
  const archive = createArchiveService({
    db,
    accounts: accounts.list,
    archiveOf: (network) => networks.all().find((module) => module.info.id === network)?.archive,
    archives: () => networks.all().flatMap((module) => (module.archive ? [module.archive] : [])),
    mediaDir: join(dataDir, 'archive-media'),
    changed: (status) => events.emit('archive.changed', status),
    ...(log ? { log } : {}),
  });
  const media = createMediaStore(dataDir);
  const compose = createComposeService(outboxStore, media);
  const readImage = (id: string | undefined) => {
    try {
      return id ? media.read(id) : null;
    } catch {
      return null;
    }
  };
  const outbox = createOutbox({
    store: outboxStore,
    media,
    accounts: accounts.list,
    publishing: (network) => networks.get(network).publishing,
    findPost: (key) => findPost(key) ?? null,
    changed: (entries) => {
      events.emit('outbox.changed', entries);
      // A part just posted may already be in the timeline as a post of its own: now it folds in.
      const posted = outboxStore.sentParts().size;
      if (posted !== sentPartsShown) events.emit('timeline.updated', { accounts: [] });
      sentPartsShown = posted;
    },
    onPosted: (job, account, posted) => archive.recordSent(account.id, account.network, archivedOfSent(job, account, posted, (index) => readImage(job.plan.media[index]?.id))),
    onAuthExpired: accounts.markExpired,
    ...(options.outbox?.policy ? { policy: options.outbox.policy } : {}),
    ...(options.outbox?.onStep ? { onStep: options.outbox.onStep } : {}),
    ...(log ? { log } : {}),
  });
  const replies = createReplies(compose, outbox);
  const shown = createTimelinePublisher({ view: timeline.view, changed: (changes) => events.emit('timeline.changed', changes) });
  // Whatever changed the timeline (live updates, identity links, a post sent) reaches the windows as changes.
  const unsubscribe = events.subscribe((event) => {
    if (event === 'timeline.updated') shown.changes();
  });
  /** The people of the Twitter/X export at `file` (`name`: as the user knows it), looked for on `toId`'s network. */
  const findExport = async (file: string, name: string, toId: string, findOptions: FindListedOptions = {}) => {
    let follows;
    try {
      follows = await readTwitterFollows(file);
    } catch (error) {
      if (error instanceof ExportFileError) throw new ServerError('invalid_input', phrase('error.archive.file', { reason: error.reason, file: name }), { cause: error });
      throw error;
    }
    const ids = new Set<string>();
    const people = [...follows.following, ...follows.followers].filter((person) => !ids.has(person.id) && Boolean(ids.add(person.id))).map(twitterAuthor);
    return finder.findListed(people, toId, { ...findOptions, from: 'twitter' });
  };
  const incoming = createIncomingFiles(join(dataDir, 'incoming'));
  const handlers = createHandlers({ db, events, networks, accounts, timeline, shown, live, actions, people, conversations, inbox, compose, replies, outbox, archive, search, finder, findExport, incoming, followJobs, exportsDir: options.exportsDir ?? join(dataDir, 'exports'), host, version: packageJson.version, imageOrigins: options.imageOrigins ?? [] });
  const archiveSchedule = options.liveUpdates === false ? null : startArchiveSchedule(archive, options.archiveSchedule);
  const dispatch = createDispatcher(handlers, log);
  if (options.outbox?.resumeOnStart !== false) {
    outbox.start();
    followJobs.start();
  }
  compose.collectImages();
  // Read the cached timeline once as Braid starts, so the first window's view is already built.
  const warmUp = setTimeout(() => {
    void dispatch('timeline.view', undefined);
    // The unread count is shown from the start: the inbox's newest pages, once, when anything runs live.
    if (options.liveUpdates !== false) void inbox.refresh().catch((error: unknown) => log?.('the inbox could not be read at start', error));
  }, 0);
  return {
    dispatch,
    events,
    secrets,
    archive,
    addToken: (network, server, accessToken) => accounts.signInWithToken(network, server, accessToken),
    findListed: (file, toId, findOptions) => findExport(file, file, toId, findOptions),
    resumeOutbox: () => outbox.start(),
    close: () => {
      clearTimeout(warmUp);
      unsubscribe();
      outbox.close();
      identities.close();
      live.close();
      inbox.close();
      archiveSchedule?.close();
      followJobs.close();
      archive.close();
      incoming.close();
      db.close();
    },
  };
}
