/**
 * The archive as the core uses it: importing each account's own posts (one import per account
 * at a time; each resumes where the last stopped, a pause stops it between two pages), the
 * posts Braid sends (at once), the media of archived posts (downloaded after each sync),
 * searching, and where every account's archive stands. The network of an account says, through
 * its module's optional `archive` capability, whether and how its posts are read: the service
 * never asks which network it is.
 */
import type { AppError } from '../../../shared/contract.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { ArchiveAccount, ArchiveStatus } from '../../../shared/domain/archive.ts';
import { accountError, phrase, ServerError } from '../base/errors.ts';
import type { Logger } from '../base/logger.ts';
import type { ArchivedPost, NetworkArchive } from '../networks/archive.ts';
import { inTransaction, type Database } from '../store/database.ts';
import { join } from 'node:path';
import type { ArchiveExport } from '../../../shared/domain/archive.ts';
import { ExportFolderError, exportArchive } from './archive-export.ts';
import type { ExportProgress } from './export/export-format.ts';
import { groupCrossPosts } from './cross-posts.ts';
import { openArchiveFile } from './files/archive-file.ts';
import { ExportFileError } from './files/zip-reader.ts';
import { importAccount, type ImportProgress, type ImportResult } from './archive-import.ts';
import { createArchiveMedia, type ArchiveMedia } from './archive-media.ts';
import { searchArchive, type ArchiveQuery, type ArchiveResults } from './archive-search.ts';
import { createArchiveSources, type SourceState } from './archive-sources.ts';
import { createArchiveStore, type AccountArchiveCount } from './archive-store.ts';

type ArchivableAccount = Pick<AccountSummary, 'id' | 'network'> & Partial<Pick<AccountSummary, 'handle'>>;

export interface ArchiveServiceDeps {
  db: Database;
  accounts: () => ArchivableAccount[];
  /** The archive capability of a network's module, where it has one. */
  archiveOf: (network: string) => NetworkArchive | undefined;
  /** Every network's archive capability (for export files in a network's own format). */
  archives?: () => NetworkArchive[];
  /** Where media files go (dataDir/archive-media); without it the archive keeps text only. */
  mediaDir?: string;
  /** Where status changes go (throttled: at most a few a second). */
  changed?: (status: ArchiveStatus) => void;
  log?: Logger;
  fetch?: typeof fetch;
  /** For tests: the import's waits and budget. */
  importOptions?: { reserve?: number; sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; now?: () => number };
}

export interface SyncOptions {
  /** Only these accounts (default: every account whose network can be archived). */
  accounts?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Download the archived posts' media afterwards (default: when the service has a media folder). */
  media?: boolean;
}

export interface FileImportResult {
  accountId: string;
  network: string;
  label: string;
  /** Posts read from the file. */
  posts: number;
  /** New to the archive. */
  added: number;
  /** Entries of the file that could not be read. */
  unreadable: number;
}

export type SyncResult = { accountId: string } & ({ ok: true; value: ImportResult } | { ok: false; error: AppError });

interface Run {
  controller: AbortController;
  startedAt: number;
  progress: ImportProgress | null;
  done: Promise<ImportResult>;
}

const changeEveryMs = 250;

/** A file's failure in the user's words (the readers say it in English, with a reason). */
function fileError(error: unknown, file: string): unknown {
  if (error instanceof ExportFileError) return new ServerError('invalid_input', phrase('error.archive.file', { reason: error.reason, file }), { cause: error });
  return error;
}

export function createArchiveService(deps: ArchiveServiceDeps) {
  const { db } = deps;
  const media: ArchiveMedia | undefined = deps.mediaDir ? createArchiveMedia(db, deps.mediaDir) : undefined;
  const store = createArchiveStore(db, media);
  const sources = createArchiveSources(db);
  const running = new Map<string, Run>();
  const errors = new Map<string, AppError>();
  const totals = new Map<string, number>();
  let downloading: Promise<unknown> | null = null;
  let mediaController = new AbortController();

  let changeTimer: NodeJS.Timeout | undefined;
  function changed() {
    if (!deps.changed || changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      deps.changed?.(status());
    }, changeEveryMs);
  }

  function status(): ArchiveStatus {
    const counts = new Map<string, AccountArchiveCount>(store.counts().map((count) => [count.accountId, count]));
    const states = new Map<string, SourceState>(sources.all().map((state) => [state.accountId, state]));
    const signedIn = new Map(deps.accounts().map((account) => [account.id, account]));
    const ids = new Set([...signedIn.keys()].filter((id) => deps.archiveOf(signedIn.get(id)!.network)).concat([...counts.keys(), ...states.keys()]));
    const accounts = [...ids].map((accountId): ArchiveAccount => {
      const count = counts.get(accountId);
      const state = states.get(accountId);
      const account = signedIn.get(accountId);
      const run = running.get(accountId);
      const network = account?.network ?? count?.network ?? state?.network ?? 'unknown';
      return {
        accountId,
        network,
        label: account?.handle ?? state?.label ?? accountId,
        canSync: account !== undefined && deps.archiveOf(network) !== undefined,
        posts: count?.posts ?? 0,
        deleted: count?.deleted ?? 0,
        withMedia: count?.withMedia ?? 0,
        oldest: count?.oldest ?? null,
        newest: count?.newest ?? null,
        complete: state?.complete ?? false,
        lastSynced: state?.lastSynced ?? null,
        state: run ? (run.progress?.waitingUntil ? 'waiting' : 'syncing') : state?.walking ? 'paused' : 'idle',
        total: totals.get(accountId) ?? null,
        run: run ? { added: run.progress?.added ?? 0, startedAt: run.startedAt, waitingUntil: run.progress?.waitingUntil ?? null } : null,
        error: errors.get(accountId) ?? null,
      };
    });
    accounts.sort((a, b) => Number(b.canSync) - Number(a.canSync) || a.label.localeCompare(b.label));
    return { accounts, mediaMissing: media?.missing() ?? 0, mediaDownloading: downloading !== null };
  }

  function importOne(account: ArchivableAccount, options: SyncOptions): Promise<ImportResult> {
    const already = running.get(account.id);
    if (already) return already.done;
    const archive = deps.archiveOf(account.network);
    if (!archive) return Promise.reject(new ServerError('not_supported', phrase('error.archive.notSupported', { network: account.network })));
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) controller.abort();
    errors.delete(account.id);
    const run: Run = { controller, startedAt: Date.now(), progress: null, done: Promise.resolve(null as never) };
    void archive.total?.(account.id).then(
      (total) => {
        if (total !== null) totals.set(account.id, total);
        changed();
      },
      () => undefined,
    );
    run.done = importAccount({
      db,
      store,
      sources,
      archive,
      accountId: account.id,
      network: account.network,
      ...(account.handle ? { label: account.handle } : {}),
      signal: controller.signal,
      onProgress: (progress) => {
        run.progress = progress;
        options.onProgress?.(progress);
        changed();
      },
      ...deps.importOptions,
    }).finally(() => {
      running.delete(account.id);
      options.signal?.removeEventListener('abort', stop);
      changed();
    });
    running.set(account.id, run);
    changed();
    return run.done;
  }

  function downloadMedia(signal?: AbortSignal): Promise<unknown> {
    if (!media) return Promise.resolve();
    if (downloading) return downloading;
    const controller = mediaController;
    const stop = () => controller.abort();
    signal?.addEventListener('abort', stop, { once: true });
    downloading = media
      .downloadMissing({ signal: controller.signal, ...(deps.fetch ? { fetch: deps.fetch } : {}), onProgress: changed })
      .catch((error: unknown) => deps.log?.('the archive\'s media could not be downloaded', error))
      .finally(() => {
        downloading = null;
        signal?.removeEventListener('abort', stop);
        changed();
      });
    return downloading;
  }

  /** Cross-post groups for posts Braid did not send, around those saved since `began` (cross-posts.ts); a failure costs only the groups. */
  function groupOlderCrossPosts(began: string): void {
    try {
      groupCrossPosts(db, { savedSince: began });
    } catch (error) {
      deps.log?.('the archive\'s cross-posts could not be grouped', error);
    }
  }

  async function sync(options: SyncOptions = {}): Promise<SyncResult[]> {
    const began = new Date().toISOString();
    const chosen = deps.accounts().filter((account) => (options.accounts ? options.accounts.includes(account.id) : deps.archiveOf(account.network) !== undefined));
    const results = await Promise.all(
      chosen.map(async (account): Promise<SyncResult> => {
        try {
          return { accountId: account.id, ok: true, value: await importOne(account, options) };
        } catch (error) {
          if (!(error instanceof ServerError)) deps.log?.(`the archive of ${account.id} could not be brought up to date`, error);
          const shown = accountError(error, account.id, phrase('error.archive.failed'));
          errors.set(account.id, shown);
          changed();
          return { accountId: account.id, ok: false, error: shown };
        }
      }),
    );
    groupOlderCrossPosts(began); // pages a failed walk saved before it failed count too
    if (options.media ?? media !== undefined) await downloadMedia(options.signal);
    return results;
  }

  return {
    /** Imports (or brings up to date) the accounts' archives, side by side; one account failing
     *  never stops the others. Answers per account, when all have ended. */
    sync,
    /** Starts a sync without waiting for it (the window follows it through `changed`). */
    start(accounts?: readonly string[]): ArchiveStatus {
      void sync(accounts ? { accounts } : {});
      return status();
    },
    /** Stops the imports under way (all, or these accounts') between two pages: the next sync resumes them. */
    pause(accounts?: readonly string[]): ArchiveStatus {
      for (const [accountId, run] of running) if (!accounts || accounts.includes(accountId)) run.controller.abort();
      if (!accounts) {
        mediaController.abort();
        mediaController = new AbortController();
      }
      return status();
    },
    /** The accounts whose archive was begun (by a sync or a post sent): what a sync on start and every few hours brings up to date. */
    begun: (): string[] => sources.all().map((state) => state.accountId),
    /** A post Braid sent, kept at once (a later sync replaces it with the server's copy). */
    recordSent(accountId: string, network: string, posts: readonly ArchivedPost[]): void {
      inTransaction(db, () => store.save(accountId, network, posts));
      changed();
    },
    /** Imports an export file, a page per transaction; importing it again replaces, never adds, so a
     *  stopped import is finished by running it again. */
    async importFile(path: string, onProgress?: (progress: { added: number; posts: number }) => void): Promise<FileImportResult> {
      let file;
      try {
        file = await openArchiveFile(path, deps.archives?.() ?? [], deps.log);
      } catch (error) {
        throw fileError(error, path);
      }
      const { accountId, network, handle } = file.account;
      if (running.has(accountId)) throw new ServerError('invalid_input', phrase('error.archive.busy', { account: handle }));
      const result: FileImportResult = { accountId, network, label: handle, posts: 0, added: 0, unreadable: 0 };
      const began = new Date().toISOString();
      let newest: string | null = null;
      try {
        for await (const page of file.pages) {
          const { added } = inTransaction(db, () => store.save(accountId, network, page.posts));
          result.posts += page.posts.length;
          result.added += added;
          result.unreadable += page.unreadable;
          for (const post of page.posts) if (newest === null || post.createdAt > newest) newest = new Date(post.createdAt).toISOString();
          onProgress?.({ added: result.added, posts: result.posts });
          changed();
        }
      } catch (error) {
        throw fileError(error, path);
      }
      sources.imported(accountId, network, handle, newest);
      groupOlderCrossPosts(began);
      changed();
      return result;
    },
    search: (query: ArchiveQuery): ArchiveResults => searchArchive(db, query),
    status,
    counts: (): AccountArchiveCount[] => store.counts(),
    /** Where each account's import stands. */
    sources: (): SourceState[] => sources.all(),
    downloadMedia,
    /** Writes the whole archive as files into `dir` (new or empty), then checks it. */
    async exportTo(dir: string, onProgress?: (progress: ExportProgress) => void): Promise<ArchiveExport> {
      if (!media) throw new ServerError('not_supported', phrase('error.archive.failed'));
      // Copies, never hard links: an exported picture edited in place must not change the archive's.
      let result;
      try {
        result = await exportArchive({ db, media, dir, linkMedia: false, ...(onProgress ? { onProgress } : {}) });
      } catch (error) {
        if (error instanceof ExportFolderError) throw new ServerError('invalid_input', phrase('error.archive.exportFolder', { dir: error.dir }), { cause: error });
        throw error;
      }
      return { dir: result.dir, posts: result.posts, mediaFiles: result.mediaFiles, checked: result.check.ok, problems: result.check.problems };
    },
    /** The same into a new folder under `parent`, named by the date and time. */
    exportInto(parent: string, now = new Date()): Promise<ArchiveExport> {
      return this.exportTo(join(parent, `braid-archive-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}`));
    },
    store,
    media,
    close(): void {
      for (const run of running.values()) run.controller.abort();
      mediaController.abort();
      clearTimeout(changeTimer);
    },
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
