/**
 * Acting on a Bluesky post from one account: like and repost records created in (or deleted
 * from) the account's repository; and reading a post as one account sees it (replies use its
 * thread refs). A post's at:// URI
 * and CID are the same for every account, so nothing needs resolving: only the account's own
 * view of the post is read where its like or repost state is not known.
 */
import { AtUri, type Agent } from '@atproto/api';
import { z } from 'zod';
import type { Post, Sighting } from '../../../../shared/domain/post.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { fromXrpcError } from './xrpc-errors.ts';

export interface BlueskyOutcome {
  sighting: Sighting;
  counts: Post['counts'];
}

const strongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1) });
const count = z.number().int().nonnegative().optional().catch(undefined);
const postView = z.looseObject({
  uri: z.string(),
  cid: z.string().min(1),
  record: z.looseObject({ reply: z.looseObject({ root: strongRef, parent: strongRef }).optional().catch(undefined) }),
  replyCount: count,
  repostCount: count,
  likeCount: count,
  viewer: z.looseObject({ like: z.string().optional(), repost: z.string().optional() }).optional().catch(undefined),
});
type PostView = z.infer<typeof postView>;
const createdRecord = z.looseObject({ uri: z.string().startsWith('at://') });


export async function xrpc<T>(host: string, what: What, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw fromXrpcError(error, host, what);
  }
}

export function checked<T extends z.ZodType>(schema: T, answer: unknown, host: string, what: What): z.output<T> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ServerError('server', phrase('error.badShape', { host, what }));
  return parsed.data;
}

const countsOf = (view: PostView): Post['counts'] => ({ replies: view.replyCount ?? 0, boosts: view.repostCount ?? 0, likes: view.likeCount ?? 0 });

const sightingOf = (accountId: string, view: PostView): Sighting => ({
  accountId,
  nativeId: view.uri,
  cid: view.cid,
  liked: Boolean(view.viewer?.like),
  boosted: Boolean(view.viewer?.repost),
  likeUri: view.viewer?.like ?? null,
  boostUri: view.viewer?.repost ?? null,
});

type Kind = 'like' | 'repost';
const state = {
  like: { flag: 'liked', uri: 'likeUri', count: 'likes' },
  repost: { flag: 'boosted', uri: 'boostUri', count: 'boosts' },
} as const;

/** The post as this account sees it (its like and repost, the record's thread). */
export async function viewOf(agent: Agent, host: string, uri: string): Promise<PostView> {
  const { data } = await xrpc(host, phrase('error.what.thisPost'), () => agent.getPosts({ uris: [uri] }));
  const found = data.posts.find((post) => post.uri === uri);
  if (!found) throw new ServerError('not_found', phrase('error.post.goneFromBluesky'));
  return checked(postView, found, host, phrase('error.what.thisPost'));
}

/** A reply's root and parent: the root is the parent's own root when the parent is itself a reply. */
export function replyRefsOf(view: PostView) {
  const parent = { uri: view.uri, cid: view.cid };
  const root = view.record.reply?.root ?? parent;
  return { root: { uri: root.uri, cid: root.cid }, parent };
}

export const hostOf = (agent: Agent) => (agent as { pdsUrl?: URL }).pdsUrl?.host ?? 'the Bluesky server';

export function createBlueskyActions(agentFor: (accountId: string) => Promise<Agent>) {
  async function connect(accountId: string) {
    const agent = await agentFor(accountId);
    const did = agent.did;
    if (!did) throw new ServerError('auth_expired', phrase('error.signIn.blueskySessionEnded'));
    return { agent, did, host: hostOf(agent) };
  }

  async function toggle(kind: Kind, accountId: string, post: Post, sighting: Sighting, on: boolean): Promise<BlueskyOutcome> {
    const { agent, did, host } = await connect(accountId);
    const { flag, uri: uriField, count: countField } = state[kind];
    const counts = { ...post.counts };
    if (on) {
      if (sighting[flag]) return { sighting, counts };
      const cid = sighting.cid ?? (await viewOf(agent, host, sighting.nativeId)).cid;
      const made = await xrpc(host, phrase(kind === 'like' ? 'error.what.like' : 'error.what.repost'), () => (kind === 'like' ? agent.like(sighting.nativeId, cid) : agent.repost(sighting.nativeId, cid)));
      const { uri } = checked(createdRecord, made, host, phrase(kind === 'like' ? 'error.what.like' : 'error.what.repost'));
      counts[countField] += 1;
      return { sighting: { ...sighting, cid, [flag]: true, [uriField]: uri }, counts };
    }
    // Braid knows the record it made; one made elsewhere is found in the account's view of the post.
    let recordUri = sighting[uriField] ?? null;
    if (!recordUri) {
      const view = await viewOf(agent, host, sighting.nativeId);
      recordUri = (kind === 'like' ? view.viewer?.like : view.viewer?.repost) ?? null;
      Object.assign(counts, countsOf(view));
    }
    const undone = { ...sighting, [flag]: false, [uriField]: null };
    if (!recordUri) return { sighting: undone, counts }; // nothing to undo
    if (new AtUri(recordUri).host !== did) throw new ServerError('internal', phrase('error.post.mixedUp', { kind }));
    await xrpc(host, phrase(kind === 'like' ? 'error.what.undoLike' : 'error.what.undoRepost'), () => (kind === 'like' ? agent.deleteLike(recordUri) : agent.deleteRepost(recordUri)));
    counts[countField] = Math.max(0, counts[countField] - 1);
    return { sighting: undone, counts };
  }

  return {
    /** The account's own view of a post another account saw: its like and repost state. */
    async sightingOn(accountId: string, post: Post): Promise<Sighting> {
      const { agent, host } = await connect(accountId);
      return sightingOf(accountId, await viewOf(agent, host, post.uri));
    },

    like: (accountId: string, post: Post, sighting: Sighting, on: boolean) => toggle('like', accountId, post, sighting, on),
    boost: (accountId: string, post: Post, sighting: Sighting, on: boolean) => toggle('repost', accountId, post, sighting, on),
  };
}

export type BlueskyActions = ReturnType<typeof createBlueskyActions>;
