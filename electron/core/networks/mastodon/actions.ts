/**
 * Acting on a Mastodon status from one account: favourite and reblog, and first finding a
 * status on the account's own server when that account did not see it (search with resolve:
 * status ids belong to one server). Every answer is checked at the edge: nonsense from a server
 * is a ServerError('server'), never a crash.
 */
import { z } from 'zod';
import type { Poll, Post, Sighting } from '../../../../shared/domain/post.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { pollFromEntity, postFromStatus } from './post-mapping.ts';

/** What an action leaves behind: the acting account's sighting and the counts its server reports. */
export interface MastodonOutcome {
  sighting: Sighting;
  counts: Post['counts'];
  poll?: Poll;
}

const searchAnswer = z.looseObject({ statuses: z.array(z.unknown()) });



const selectStatus = (client: ReturnType<typeof mastoClient>, id: string) => client.v1.statuses.$select(id);

export function createMastodonActions(sessionFor: (accountId: string) => Promise<MastodonSession>) {
  async function connect(accountId: string) {
    const { origin, accessToken } = await sessionFor(accountId);
    return { origin, host: new URL(origin).host, client: mastoClient(origin, accessToken) };
  }

  /** A call on one status: its 404 means the status is gone or hidden from this account. */
  async function onStatus<T extends z.ZodType>(origin: string, what: What, schema: T, run: () => PromiseLike<unknown>): Promise<z.output<T>> {
    try {
      return await mastoCall(origin, what, schema, run);
    } catch (error) {
      if (error instanceof ServerError && error.status === 404) {
        throw new ServerError('not_found', phrase('error.post.gone', { host: new URL(origin).host }), { status: 404, cause: error });
      }
      throw error;
    }
  }

  /** The status as the acting account now sees it: its sighting and the counts. */
  function outcomeOf(answer: unknown, accountId: string, host: string, what: What): MastodonOutcome {
    let post: Post;
    try {
      post = postFromStatus(answer, accountId, host);
    } catch {
      throw new ServerError('server', phrase('error.badShape', { host, what }));
    }
    return { sighting: post.seenBy[0]!, counts: post.counts };
  }

  async function toggle(accountId: string, sighting: Sighting, what: What, call: (status: ReturnType<typeof selectStatus>) => PromiseLike<unknown>) {
    const { origin, host, client } = await connect(accountId);
    const answer = await onStatus(origin, what, z.unknown(), () => call(selectStatus(client, sighting.nativeId)));
    return outcomeOf(answer, accountId, host, what);
  }

  return {
    /** Finds a post of any server on the account's own server (which fetches it if it must). */
    async sightingOn(accountId: string, post: Post): Promise<Sighting> {
      const { origin, host, client } = await connect(accountId);
      const queries = [...new Set([post.uri, post.url].filter((q): q is string => Boolean(q)))];
      for (const q of queries) {
        const found = await mastoCall(origin, phrase('error.what.searchForPost'), searchAnswer, () => client.v2.search.list({ q, type: 'statuses', resolve: true, limit: 5 }));
        for (const entry of found.statuses) {
          try {
            const seen = postFromStatus(entry, accountId, host);
            if (seen.uri === post.uri) return seen.seenBy[0]!; // the same post, not a look-alike
          } catch {
            // a result Braid cannot read is not the post
          }
        }
      }
      throw new ServerError('not_found', phrase('error.post.notFound', { host }));
    },

    like: (accountId: string, _post: Post, sighting: Sighting, on: boolean) =>
      toggle(accountId, sighting, on ? phrase('error.what.like') : phrase('error.what.undoLike'), (status) => (on ? status.favourite() : status.unfavourite())),

    /** The answer to a reblog is the reblog itself, wrapping the original: the mapping reads the original. */
    boost: (accountId: string, _post: Post, sighting: Sighting, on: boolean) =>
      toggle(accountId, sighting, on ? phrase('error.what.boost') : phrase('error.what.undoBoost'), (status) => (on ? status.reblog() : status.unreblog())),

    /** POST /api/v1/polls/:id/votes; the answer is the poll as counted with this vote. */
    async vote(accountId: string, post: Post, sighting: Sighting, choices: number[]): Promise<MastodonOutcome> {
      const { origin, host, client } = await connect(accountId);
      if (!sighting.poll) throw new ServerError('not_found', phrase('error.post.noPoll', { host }));
      const pollId = sighting.poll.id;
      const answer = await onStatus(origin, phrase('error.what.vote'), z.unknown(), () => client.v1.polls.$select(pollId).votes.create({ choices }));
      try {
        const { poll, own } = pollFromEntity(answer);
        return { sighting: { ...sighting, poll: own }, counts: post.counts, poll };
      } catch {
        throw new ServerError('server', phrase('error.badShape', { host, what: phrase('error.what.vote') }));
      }
    },
  };
}

export type MastodonActions = ReturnType<typeof createMastodonActions>;
