/**
 * `braid archive …`: bring the archive up to date, import an export file, search it, export it
 * as files, say where it stands. Long runs say how far they are on stderr (at most once a
 * second per account); results go to stdout, as JSON with --json.
 */
import type { ArchiveAccount } from '../../shared/domain/archive.ts';
import type { ArchiveHit, ArchiveResults } from '../../shared/domain/archive.ts';
import { ServerError } from '../core/base/errors.ts';
import { chooseTargets } from './account-names.ts';
import { CliError, exitCodeOf, exitCodes, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { accountsById, handleOf } from './settle.ts';
import { oneLine, print, say } from './terminal.ts';
import { coreWording, coreWords, words } from './words.ts';

const progressEveryMs = 1000;

/** The core's refusal (a file that is no export, a folder that is not empty) as the command's
 *  error: in the user's language, with the exit code its kind means. */
async function refusedAs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServerError) throw new CliError(coreWording(error), exitCodeOf(error), error.code);
    throw error;
  }
}

export async function syncArchive(session: Session, options: { account?: string[]; json?: boolean }): Promise<ExitCode> {
  const signedIn = await session.call('accounts.list');
  const byId = accountsById(signedIn);
  const chosen = options.account?.length ? chooseTargets(signedIn, options.account).map((account) => account.id) : undefined;
  const said = new Map<string, number>();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  let results;
  try {
    results = await session.core.archive.sync({
      ...(chosen ? { accounts: chosen } : {}),
      signal: stop.signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (!progress.waitingUntil && now - (said.get(progress.accountId) ?? 0) < progressEveryMs) return;
        said.set(progress.accountId, now);
        const subject = handleOf(byId, progress.accountId);
        const message = progress.waitingUntil
          ? words('cli.archive.waiting', { time: new Date(progress.waitingUntil).toLocaleTimeString() })
          : words('cli.archive.progress', { archived: progress.archived, added: progress.added, pages: progress.pages });
        say(words('cli.about', { subject, message }));
      },
    });
  } finally {
    process.off('SIGINT', interrupt);
  }
  const status = session.core.archive.status();
  if (options.json) {
    print(JSON.stringify(results.map((result) => (result.ok ? { account: result.accountId, ok: true, ...result.value } : { account: result.accountId, ok: false, error: result.error }))));
  } else {
    for (const result of results) {
      const subject = handleOf(byId, result.accountId);
      const archived = status.accounts.find((account) => account.accountId === result.accountId)?.posts ?? 0;
      if (!result.ok) say(words('cli.about', { subject, message: oneLine(coreWords(result.error)) }));
      else print(words('cli.about', { subject, message: words(result.value.outcome === 'done' ? 'cli.archive.synced' : 'cli.archive.paused', { archived, added: result.value.added }) }));
    }
    if (status.mediaMissing > 0) say(words('cli.archive.mediaMissing', { count: status.mediaMissing }));
  }
  if (results.length === 0) {
    say(words('cli.accounts.noneYet'));
    return exitCodes.setup;
  }
  return results.every((result) => result.ok) ? exitCodes.ok : exitCodes.failed;
}

export async function importArchiveFile(session: Session, file: string, options: { json?: boolean }): Promise<ExitCode> {
  let said = 0;
  const result = await refusedAs(() =>
    session.core.archive.importFile(file, (progress) => {
      if (Date.now() - said < progressEveryMs) return;
      said = Date.now();
      say(words('cli.archive.importing', { added: progress.added }));
    }),
  );
  if (options.json) print(JSON.stringify(result));
  else {
    print(words('cli.archive.imported', { added: result.added, posts: result.posts, label: oneLine(result.label) }));
    if (result.unreadable > 0) say(words('cli.archive.unreadable', { count: result.unreadable }));
  }
  return exitCodes.ok;
}

export interface SearchOptions {
  json?: boolean;
  limit: number;
  account?: string[];
  network?: string[];
  since?: string;
  until?: string;
  media?: boolean;
  replies?: boolean;
  best?: boolean;
}

const hitJson = (hit: ArchiveHit) => ({
  account: hit.accountId,
  network: hit.network,
  time: hit.createdAt,
  url: hit.url,
  uri: hit.uri,
  deleted: hit.deleted,
  snippet: hit.snippet.map((part) => part.text).join(''),
  matches: hit.snippet.filter((part) => part.mark).map((part) => part.text),
});

export async function searchArchive(session: Session, query: string, options: SearchOptions): Promise<ExitCode> {
  const status = await session.call('archive.status');
  const labels = new Map(status.accounts.map((account) => [account.accountId, account.label]));
  const hits: ArchiveHit[] = [];
  let cursor: string | null = null;
  do {
    const page: ArchiveResults = await session.call('archive.search', {
      query,
      order: options.best ? 'best' : 'newest',
      limit: Math.min(200, options.limit - hits.length),
      cursor,
      ...(options.account?.length ? { accounts: resolveArchived(status.accounts, options.account) } : {}),
      ...(options.network?.length ? { networks: options.network } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
      ...(options.media !== undefined ? { hasMedia: options.media } : {}),
      ...(options.replies !== undefined ? { replies: options.replies } : {}),
    });
    hits.push(...page.hits);
    cursor = page.cursor;
  } while (cursor && hits.length < options.limit);
  if (options.json) print(JSON.stringify(hits.map(hitJson)));
  else {
    for (const hit of hits) {
      const time = hit.createdAt.slice(0, 16).replace('T', ' ');
      print(`${time}  ${hit.network}  ${oneLine(labels.get(hit.accountId) ?? hit.accountId)}${hit.deleted ? `  ${words('cli.archive.deleted')}` : ''}`);
      // The matches in brackets: a terminal shows no highlight that survives a pipe.
      print(`  ${oneLine(hit.snippet.map((part) => (part.mark ? `[${part.text}]` : part.text)).join(''))}`);
      if (hit.url) print(`  ${oneLine(hit.url)}`);
      print();
    }
    if (hits.length === 0) say(words('cli.archive.noMatch'));
  }
  return exitCodes.ok;
}

/** Archived accounts by handle or id (signed in or not). */
function resolveArchived(accounts: readonly ArchiveAccount[], names: readonly string[]): string[] {
  return names.map((name) => {
    const bare = name.replace(/^@/, '').toLowerCase();
    const found = accounts.find((account) => account.accountId === name || account.label.replace(/^@/, '').toLowerCase() === bare);
    return found?.accountId ?? name;
  });
}

export async function exportArchive(session: Session, dir: string, options: { json?: boolean }): Promise<ExitCode> {
  let said = 0;
  const result = await refusedAs(() =>
    session.core.archive.exportTo(dir, (progress) => {
      if (Date.now() - said < progressEveryMs && progress.done < progress.total) return;
      said = Date.now();
      say(words(progress.phase === 'posts' ? 'cli.archive.exporting' : 'cli.archive.checking', { done: progress.done, total: progress.total }));
    }),
  );
  if (options.json) print(JSON.stringify(result));
  else {
    print(words('cli.archive.exported', { posts: result.posts, media: result.mediaFiles, dir: result.dir }));
    print(words(result.checked ? 'cli.archive.checked' : 'cli.archive.checkFailed'));
    for (const problem of result.problems) say(`  ${oneLine(problem)}`);
  }
  return result.checked ? exitCodes.ok : exitCodes.failed;
}

export async function showArchiveStatus(session: Session, options: { json?: boolean }): Promise<ExitCode> {
  const status = await session.call('archive.status');
  if (options.json) print(JSON.stringify(status));
  else {
    for (const account of status.accounts) {
      const span = account.oldest && account.newest ? `${account.oldest.slice(0, 10)} – ${account.newest.slice(0, 10)}` : '';
      print(`${oneLine(account.label)} (${account.network})  ${words('cli.archive.count', { posts: account.posts, deleted: account.deleted })}  ${span}`);
      const state = account.state === 'paused' ? words('cli.archive.stateStopped') : account.complete ? null : words('cli.archive.stateNotComplete');
      if (state) print(`  ${state}`);
      if (account.error) print(`  ${oneLine(coreWords(account.error))}`);
    }
    if (status.accounts.length === 0) say(words('cli.archive.empty'));
    if (status.mediaMissing > 0) say(words('cli.archive.mediaMissing', { count: status.mediaMissing }));
  }
  return exitCodes.ok;
}
