/**
 * The archive as the core uses it: importing each account's own posts (one import per account
 * at a time; each resumes where the last stopped), searching, and counting. The network of an
 * account says, through its module's optional `archive` capability, whether and how its posts
 * are read: the service never asks which network it is.
 */
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { accountError, phrase, ServerError } from '../base/errors.ts';
import type { Logger } from '../base/logger.ts';
import type { NetworkArchive } from '../networks/archive.ts';
import type { Database } from '../store/database.ts';
import { importAccount, type ImportProgress, type ImportResult } from './archive-import.ts';
import { searchArchive, type ArchiveQuery, type ArchiveResults } from './archive-search.ts';
import { createArchiveSources, type SourceState } from './archive-sources.ts';
import { createArchiveStore, type AccountArchiveCount } from './archive-store.ts';

export interface ArchiveServiceDeps {
  db: Database;
  accounts: () => Pick<AccountSummary, 'id' | 'network'>[];
  /** The archive capability of a network's module, where it has one. */
  archiveOf: (network: string) => NetworkArchive | undefined;
  log?: Logger;
  /** For tests: the import's waits and budget. */
  importOptions?: { reserve?: number; sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; now?: () => number };
}

export interface SyncOptions {
  /** Only these accounts (default: every account whose network can be archived). */
  accounts?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export type SyncResult = { accountId: string } & ({ ok: true; value: ImportResult } | { ok: false; error: ReturnType<typeof accountError> });

export function createArchiveService(deps: ArchiveServiceDeps) {
  const { db } = deps;
  const store = createArchiveStore(db);
  const sources = createArchiveSources(db);
  const running = new Map<string, Promise<ImportResult>>();

  function importOne(account: Pick<AccountSummary, 'id' | 'network'>, options: SyncOptions): Promise<ImportResult> {
    const already = running.get(account.id);
    if (already) return already;
    const archive = deps.archiveOf(account.network);
    if (!archive) return Promise.reject(new ServerError('not_supported', phrase('error.archive.notSupported', { network: account.network })));
    const run = importAccount({
      db,
      store,
      sources,
      archive,
      accountId: account.id,
      network: account.network,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...deps.importOptions,
    }).finally(() => running.delete(account.id));
    running.set(account.id, run);
    return run;
  }

  return {
    /** Imports (or brings up to date) the accounts' archives, side by side; one account failing
     *  never stops the others. Answers per account. */
    async sync(options: SyncOptions = {}): Promise<SyncResult[]> {
      const chosen = deps.accounts().filter((account) => (options.accounts ? options.accounts.includes(account.id) : deps.archiveOf(account.network) !== undefined));
      return Promise.all(
        chosen.map(async (account): Promise<SyncResult> => {
          try {
            return { accountId: account.id, ok: true, value: await importOne(account, options) };
          } catch (error) {
            if (!(error instanceof ServerError)) deps.log?.(`the archive of ${account.id} could not be brought up to date`, error);
            return { accountId: account.id, ok: false, error: accountError(error, account.id, phrase('error.archive.failed')) };
          }
        }),
      );
    },
    search: (query: ArchiveQuery): ArchiveResults => searchArchive(db, query),
    counts: (): AccountArchiveCount[] => store.counts(),
    /** Where each account's import stands. */
    sources: (): SourceState[] => sources.all(),
    store,
  };
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
