/**
 * An account's whole repository (a CAR file, as com.atproto.sync.getRepo answers) read into the
 * archive's shape: every app.bsky.feed.post record, newest first. The CAR is decoded and its MST
 * walked with @atproto/repo (each block checked against its CID, the commit checked to be the
 * account's); each record is validated against the app.bsky.feed.post lexicon, and one that fails
 * is counted as unreadable, never silently dropped.
 *
 * Media point at the blobs themselves: com.atproto.sync.getBlob on the account's PDS when its URL
 * is known. Without one (a CAR read offline, say), they point at Bluesky's CDN
 * (cdn.bsky.app/img/…/plain/<did>/<cid>, video.bsky.app/watch/<did>/<cid>/playlist.m3u8), which
 * serves the blobs of every account the bsky.app network has seen: an https URL either way, never
 * an at:// address or an empty one.
 */
import { AppBskyFeedPost, jsonToLex } from '@atproto/api';
import { lexToJson } from '@atproto/lex-json';
import { MemoryBlockstore, readCarWithRoot, Repo } from '@atproto/repo';
import type { Author } from '../../../../shared/domain/post.ts';
import { didPattern } from '../../../../shared/text/atproto-names.ts';
import type { ArchivedPost } from '../archive.ts';
import { blobCid, postFromRecord, type BlobUrl } from './post-mapping.ts';
import { blueskyAccountId } from './sessions.ts';

const postCollection = 'app.bsky.feed.post';

/** The account, as its posts name their author. A display name or avatar not given is taken
 *  from the repository's own profile record (app.bsky.actor.profile/self); without a handle (a
 *  CAR read offline: the repository does not hold its handle), the DID stands for it. */
export interface RepoAuthor {
  handle?: string;
  displayName?: string;
  avatarUrl?: string | null;
}

export interface DecodeOptions {
  author?: RepoAuthor;
  /** The account's id in Braid (for the posts' sighting); bluesky:<the repository's DID> when absent. */
  accountId?: string;
  /** The account's PDS (https://…), where its blobs are fetched from. */
  pdsUrl?: string | null;
  /** The repository must be this account's (its commit names this DID); the CAR's own when absent. */
  did?: string;
  /** Told of each record that could not be read. */
  log?: (message: string, error?: unknown) => void;
}

export interface DecodedRepo {
  did: string;
  /** The account, as its posts name it. */
  author: Author;
  /** Newest first by createdAt (then by record key, newest first). */
  posts: ArchivedPost[];
  /** Post records that failed app.bsky.feed.post validation or could not be mapped. */
  unreadable: number;
}

/** Where the repository's blobs are fetched from (see the top of this file). */
export function blobUrlFor(did: string, pdsUrl?: string | null): BlobUrl {
  if (pdsUrl) {
    const base = new URL('/xrpc/com.atproto.sync.getBlob', pdsUrl);
    return (cid) => {
      const url = new URL(base);
      url.searchParams.set('did', did);
      url.searchParams.set('cid', cid);
      return url.href;
    };
  }
  return (cid, use) =>
    use === 'video'
      ? `https://video.bsky.app/watch/${did}/${cid}/playlist.m3u8`
      : `https://cdn.bsky.app/img/${use === 'thumbnail' ? 'feed_thumbnail' : 'feed_fullsize'}/plain/${did}/${cid}@jpeg`;
}

/** The order the archive hands posts out in: newest first, ties by record key, newest first. */
export function newestFirst(a: { createdAt: string; rkey: string }, b: { createdAt: string; rkey: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.rkey < b.rkey ? 1 : a.rkey > b.rkey ? -1 : 0;
}

/** The repository's profile record, where it has a readable one. */
async function profileOf(repo: Repo): Promise<{ displayName?: string; avatar?: unknown } | null> {
  try {
    const record = await repo.getRecord('app.bsky.actor.profile', 'self');
    if (!record) return null;
    const json = lexToJson(record) as { displayName?: unknown; avatar?: unknown };
    return { ...(typeof json.displayName === 'string' ? { displayName: json.displayName } : {}), avatar: json.avatar };
  } catch {
    return null; // a profile Braid cannot read: the handle alone names the author
  }
}

export const rkeyOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

/** Every post record of the repository in `car`, in the archive's shape, newest first. Throws when the CAR cannot be read. */
export async function decodeRepoCar(car: Uint8Array, options: DecodeOptions = {}): Promise<DecodedRepo> {
  const { root, blocks } = await readCarWithRoot(car);
  const repo = await Repo.load(new MemoryBlockstore(blocks), root);
  const did = repo.did;
  if (!didPattern.test(did)) throw new Error('the repository names no DID');
  if (options.did && options.did !== did) throw new Error(`the repository is ${did}'s, not ${options.did}'s`);
  const blobUrl = blobUrlFor(did, options.pdsUrl);
  const given = options.author ?? {};
  const accountId = options.accountId ?? blueskyAccountId(did);
  const profile = given.displayName === undefined || given.avatarUrl === undefined ? await profileOf(repo) : null;
  const avatar = profile?.avatar ? blobCid(profile.avatar) : null;
  const handle = given.handle ?? did;
  const author: Author = {
    network: 'bluesky',
    id: did,
    handle,
    displayName: given.displayName ?? profile?.displayName ?? '',
    avatarUrl: given.avatarUrl !== undefined ? given.avatarUrl : avatar ? blobUrl(avatar, 'thumbnail') : null,
    profileUrl: `https://bsky.app/profile/${handle}`,
  };
  const posts: ArchivedPost[] = [];
  let unreadable = 0;
  // The MST is ordered by "collection/rkey": the walk starts at the posts and ends after them.
  for await (const entry of repo.walkRecords(`${postCollection}/`)) {
    if (entry.collection !== postCollection) {
      if (entry.collection > postCollection) break;
      continue;
    }
    const uri = `at://${did}/${postCollection}/${entry.rkey}`;
    try {
      const source = lexToJson(entry.record);
      const valid = AppBskyFeedPost.validateRecord(jsonToLex(source));
      if (!valid.success) throw valid.error;
      const { post, quotedUri } = postFromRecord({ uri, cid: entry.cid.toString(), record: source }, author, accountId, blobUrl);
      const body = post.content.kind === 'facets' ? post.content.text : '';
      posts.push({
        key: uri,
        uri,
        url: post.url,
        createdAt: post.createdAt,
        text: body,
        altText: post.media.map((item) => item.alt).filter(Boolean).join('\n'),
        content: post.content,
        langs: (source as { langs?: string[] }).langs ?? [],
        hasMedia: post.media.length > 0,
        isReply: post.replyTo !== null,
        isQuote: quotedUri !== null,
        post,
        source,
      });
    } catch (error) {
      unreadable += 1;
      options.log?.(`${uri} could not be read for the archive`, error);
    }
  }
  posts.sort((a, b) => newestFirst({ createdAt: a.createdAt, rkey: rkeyOf(a.key) }, { createdAt: b.createdAt, rkey: rkeyOf(b.key) }));
  return { did, author, posts, unreadable };
}
