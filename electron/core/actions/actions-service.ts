/**
 * Acting on a timeline post (like, boost, vote) from any of the user's accounts, and following
 * someone (follow back). An account that
 * saw the post acts on its own copy; another account of the same network first finds the post
 * (its own Mastodon server resolves it; on Bluesky the at:// URI is global); across networks the
 * answer is a plain `not_supported`. The result is recorded in the timeline and answered.
 */
import { fail, ok, type Result } from '../../../shared/contract.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { NetworkInfo } from '../../../shared/domain/network.ts';
import { pollClosed, type Author, type Post, type Sighting } from '../../../shared/domain/post.ts';
import { ServerError } from '../base/errors.ts';
import type { ActionOutcome, NetworkActions } from '../networks/post-actions.ts';
import type { NetworkRegistry } from '../networks/registry.ts';
import type { TimelineService } from '../timeline/timeline-service.ts';

export interface ActionsDeps {
  accounts: () => AccountSummary[];
  timeline: Pick<TimelineService, 'findPost' | 'recordAction'>;
  networks: Pick<NetworkRegistry, 'get'>;
  /** A server refused the account's credentials while acting. */
  onAuthExpired: (accountId: string) => void;
}

type Action = 'like' | 'boost' | 'vote';

const done = (action: Action, network: NetworkInfo) => (action === 'like' ? 'liked' : action === 'vote' ? 'voted in' : network.shareWords.done);

export function createActionsService({ accounts, timeline, networks, onAuthExpired }: ActionsDeps) {
  /** The post with the acting account's new sighting and counts, as the timeline now holds it. */
  function updated(key: string, post: Post, outcome: ActionOutcome): Post {
    const recorded = timeline.findPost(key);
    if (recorded) return recorded;
    const others = post.seenBy.filter((s) => s.accountId !== outcome.sighting.accountId);
    return { ...post, counts: outcome.counts, seenBy: [...others, outcome.sighting], ...(outcome.poll ? { poll: outcome.poll } : {}) };
  }

  async function act<T extends ActionOutcome>(
    action: Action,
    key: string,
    accountId: string,
    run: (network: NetworkActions, post: Post, sighting: Sighting) => Promise<T>,
  ): Promise<Result<{ post: Post; outcome: T }>> {
    const post = timeline.findPost(key);
    if (!post) return fail('not_found', 'This post is no longer loaded. Refresh the timeline and try again.');
    const account = accounts().find((candidate) => candidate.id === accountId);
    if (!account) return fail('auth_expired', 'This account is not in Braid any more: add it again to act from it.', accountId);
    if (account.status === 'auth_expired') return fail('auth_expired', `${account.handle} needs to sign in again before it can act.`, accountId);
    if (account.network !== post.network) {
      const [ofPost, ofAccount] = [networks.get(post.network).info, networks.get(account.network).info];
      return fail('not_supported', `A ${ofPost.name} post can't be ${done(action, ofPost)} from a ${ofAccount.name} account.`, accountId);
    }
    try {
      const network = networks.get(account.network).actions;
      const sighting = post.seenBy.find((s) => s.accountId === accountId) ?? (await network.sightingOn(accountId, post));
      const outcome = await run(network, post, sighting);
      timeline.recordAction(key, outcome);
      return ok({ post: updated(key, post, outcome), outcome });
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      if (error.code === 'auth_expired') onAuthExpired(accountId);
      return fail(error.code, error.message, accountId);
    }
  }

  const toggle = (action: 'like' | 'boost') => async (key: string, accountId: string, on: boolean): Promise<Result<Post>> => {
    const result = await act(action, key, accountId, (network, post, sighting) => network[action](accountId, post, sighting, on));
    return result.ok ? ok(result.value.post) : result;
  };

  return {
    like: toggle('like'),
    boost: toggle('boost'),
    async vote(key: string, accountId: string, choices: number[]): Promise<Result<Post>> {
      const result = await act('vote', key, accountId, (network, post, sighting) => {
        if (!network.vote || !post.poll) throw new ServerError('not_supported', 'This post has no poll to vote in.');
        if (pollClosed(post.poll)) throw new ServerError('invalid_input', 'This poll has closed.');
        if (choices.some((choice) => choice >= post.poll!.options.length) || (!post.poll.multiple && choices.length > 1)) {
          throw new ServerError('invalid_input', post.poll.multiple ? 'Choose among the poll\u2019s options.' : 'This poll takes one choice.');
        }
        return network.vote(accountId, post, sighting, choices);
      });
      return result.ok ? ok(result.value.post) : result;
    },
    /** Follows someone as one of the accounts (follow back from the inbox): a person of its own network. */
    async follow(accountId: string, author: Author): Promise<Result<null>> {
      const account = accounts().find((candidate) => candidate.id === accountId);
      if (!account) return fail('auth_expired', 'This account is not in Braid any more: add it again to act from it.', accountId);
      if (account.status === 'auth_expired') return fail('auth_expired', `${account.handle} needs to sign in again before it can act.`, accountId);
      const people = account.network === author.network ? networks.get(account.network).people : undefined;
      if (!people) return fail('not_supported', `@${account.handle} cannot follow @${author.handle}.`, accountId);
      try {
        await people.follow(accountId, author);
        return ok(null);
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        if (error.code === 'auth_expired') onAuthExpired(accountId);
        return fail(error.code, error.message, accountId);
      }
    },
  };
}

export type ActionsService = ReturnType<typeof createActionsService>;
