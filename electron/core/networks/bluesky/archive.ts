/**
 * The account's own posts for the archive, from its whole repository: one
 * com.atproto.sync.getRepo (a CAR file, from the account's PDS) when a walk starts, decoded
 * (archive-car.ts) and handed out 100 posts a page, newest first. The cursor names the last post
 * given (its createdAt and record key), so a walk resumed later, even by another run of Braid
 * that has to fetch the repository again, goes on strictly after it: posts made since are left to
 * the next walk, and none is given twice.
 *
 * getRepo needs no authentication, and a repository can be hundreds of MB: it is fetched with plain
 * fetch from the account's PDS, not through the agent (whose requests end after 15 s, however
 * fast the bytes come), with an idle timeout (no byte for 30 s), a size cap of its own (2 GiB) and
 * the walk's signal (http/download.ts). Its HTTP errors are read as @atproto/api's would be.
 *
 * The decoded repository is kept in memory for the walk (per account) and dropped with its last
 * page, or when it has lain unused for a while (a walk stopped part-way).
 */
import { readFile } from 'node:fs/promises';
import { XRPCError, type Agent } from '@atproto/api';
import { isValidDidDoc, getPdsEndpoint } from '@atproto/common-web';
import { phrase, ServerError } from '../../base/errors.ts';
import type { Logger } from '../../base/logger.ts';
import { uncappedFetch } from '../../http/answer-cap.ts';
import { download } from '../../http/download.ts';
import type { ArchivedPost, ArchivePage, NetworkArchive } from '../archive.ts';
import { hostOf } from './actions.ts';
import { decodeRepoCar, newestFirst, rkeyOf } from './archive-car.ts';
import { blueskyAccountId } from './sessions.ts';
import { fromXrpcError } from './xrpc-errors.ts';

/** Posts a page: as many as listRecords gives at once. */
export const archivePageSize = 100;

/** No byte of the repository for this long: its download is given up. */
export const repoIdleMs = 30_000;
/** The largest repository Braid reads (it is held in memory while decoded). */
export const maxRepoBytes = 2 * 1024 * 1024 * 1024;

export interface BlueskyArchiveOptions {
  /** For tests: the fetch the repository is downloaded with (default: the process's, without the answer cap). */
  fetch?: typeof fetch;
  idleMs?: number;
  maxBytes?: number;
}

/** A decoded repository unused for this long is dropped (a walk that stopped part-way). */
const keepUnusedMs = 10 * 60_000;

interface Walk {
  posts: ArchivedPost[];
  unreadable: number;
  usedAt: number;
}

interface Position {
  createdAt: string;
  rkey: string;
}

/** The cursor: the last post given, as "<createdAt> <rkey>" (neither holds a space). */
export const cursorOf = (post: ArchivedPost) => `${post.createdAt} ${rkeyOf(post.key)}`;

function positionOf(cursor: string): Position | null {
  const [createdAt, rkey, ...rest] = cursor.split(' ');
  if (!createdAt || !rkey || rest.length > 0 || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, rkey };
}

/** Index of the first post (newest first) strictly after `position`. */
function firstAfter(posts: readonly ArchivedPost[], position: Position): number {
  let low = 0;
  let high = posts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const post = posts[middle]!;
    if (newestFirst({ createdAt: post.createdAt, rkey: rkeyOf(post.key) }, position) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Bluesky's RateLimit-Remaining and RateLimit-Reset (unix seconds), where the PDS sends them. */
function budgetOf(headers: Record<string, string | undefined>, now = Date.now()): ArchivePage['budget'] {
  const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const remaining = Number(header('ratelimit-remaining') ?? Number.NaN);
  const reset = Number(header('ratelimit-reset') ?? Number.NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return null;
  return { remaining, resetAt: Math.max(reset * 1000, now) };
}

const didOfAccount = (accountId: string) => accountId.replace(/^bluesky:/, '');

/** A CAR v1 starts with its header's length (a varint), then a CBOR map holding "roots" and "version". */
const isCar = (head: Uint8Array) => {
  const text = Buffer.from(head).toString('latin1');
  return text.includes('roots') && text.includes('version');
};

/** A repository read from a file, handed out as pages (the cursor: a position in it). */
async function* inPages(posts: ArchivedPost[], unreadable: number): AsyncGenerator<ArchivePage> {
  for (let start = 0; ; start += archivePageSize) {
    const end = start + archivePageSize;
    yield { posts: posts.slice(start, end), next: end < posts.length ? String(end) : null, unreadable: start === 0 ? unreadable : 0, budget: null };
    if (end >= posts.length) return;
  }
}

/** An answer of the PDS that is not 2xx, as the XRPCError @atproto/api would have thrown. */
function xrpcErrorOf(status: number, headers: Headers, text: string): XRPCError {
  let body: { error?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: the status says it all
  }
  const error = typeof body.error === 'string' ? body.error : undefined;
  const message = typeof body.message === 'string' ? body.message : undefined;
  return new XRPCError(status, error, message, Object.fromEntries(headers));
}

export function createBlueskyArchive(
  agentFor: (accountId: string) => Promise<Agent>,
  log: Logger = () => undefined,
  now: () => number = Date.now,
  options: BlueskyArchiveOptions = {},
): NetworkArchive {
  const walks = new Map<string, Walk>();

  /** The whole repository, fetched and decoded. */
  async function fetchRepo(accountId: string, signal?: AbortSignal): Promise<{ walk: Walk; budget: ArchivePage['budget'] }> {
    const agent = await agentFor(accountId);
    const did = agent.did ?? didOfAccount(accountId);
    const host = hostOf(agent);
    const what = phrase('error.what.yourPosts');
    let described;
    try {
      described = (await agent.com.atproto.repo.describeRepo({ repo: did }, signal ? { signal } : {})).data;
    } catch (error) {
      throw fromXrpcError(error, host, what);
    }
    const doc: unknown = described.didDoc;
    const pdsUrl = isValidDidDoc(doc) ? (getPdsEndpoint(doc) ?? null) : null;
    const from = pdsUrl ?? (agent as { pdsUrl?: URL }).pdsUrl?.href ?? null;
    if (!from) throw new ServerError('server', phrase('error.badShape', { host, what }));
    const url = new URL('/xrpc/com.atproto.sync.getRepo', from);
    url.searchParams.set('did', did);
    const answer = await download(url, {
      fetch: options.fetch ?? uncappedFetch,
      idleMs: options.idleMs ?? repoIdleMs,
      maxBytes: options.maxBytes ?? maxRepoBytes,
      headers: { accept: 'application/vnd.ipld.car' },
      what,
      ...(signal ? { signal } : {}),
    });
    if (!answer.ok) throw fromXrpcError(xrpcErrorOf(answer.status, answer.headers, answer.text), url.host, what);
    try {
      const decoded = await decodeRepoCar(answer.bytes, { did, accountId, pdsUrl, author: { handle: described.handle }, log: (message, error) => log(`${host}: ${message}`, error) });
      return { walk: { posts: decoded.posts, unreadable: decoded.unreadable, usedAt: now() }, budget: budgetOf(Object.fromEntries(answer.headers), now()) };
    } catch (error) {
      throw new ServerError('server', phrase('error.badShape', { host, what }), { cause: error });
    }
  }

  return {
    async ownPostsPage(accountId, cursor, signal) {
      for (const [id, walk] of walks) if (now() - walk.usedAt > keepUnusedMs) walks.delete(id);
      let position = cursor === null ? null : positionOf(cursor);
      if (cursor !== null && position === null) {
        // Not a cursor this module wrote: the walk starts again from the newest post (posts given
        // again replace themselves in the archive, by their at:// URI).
        log(`the archive cursor of ${accountId} could not be read; its walk starts again`);
        cursor = null;
        position = null;
      }
      let walk = cursor === null ? undefined : walks.get(accountId);
      let budget: ArchivePage['budget'] = null;
      let unreadable = 0;
      if (!walk) {
        const fetched = await fetchRepo(accountId, signal);
        walk = fetched.walk;
        budget = fetched.budget;
        // Records that cannot be read are counted once a walk: with its first page.
        if (cursor === null) unreadable = walk.unreadable;
        walks.set(accountId, walk);
      }
      walk.usedAt = now();
      const start = position ? firstAfter(walk.posts, position) : 0;
      const posts = walk.posts.slice(start, start + archivePageSize);
      const last = posts.at(-1);
      const next = last && start + posts.length < walk.posts.length ? cursorOf(last) : null;
      if (next === null) walks.delete(accountId);
      return { posts, next, unreadable, budget };
    },

    async readFile(path, head, fileLog) {
      if (!isCar(head)) return null;
      const bytes = await readFile(path);
      const repo = await decodeRepoCar(bytes, fileLog ? { log: fileLog } : {});
      return { account: { accountId: blueskyAccountId(repo.did), network: 'bluesky', handle: repo.author.handle }, pages: inPages(repo.posts, repo.unreadable) };
    },

    async total(accountId) {
      const walk = walks.get(accountId);
      if (walk) return walk.posts.length;
      // Before the repository is read: the AppView's count (posts it has indexed).
      const agent = await agentFor(accountId);
      try {
        const { data } = await agent.getProfile({ actor: agent.did ?? didOfAccount(accountId) });
        return data.postsCount ?? null;
      } catch (error) {
        throw fromXrpcError(error, hostOf(agent), phrase('error.what.profile'));
      }
    },
  };
}
