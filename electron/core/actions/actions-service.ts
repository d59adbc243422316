/**
 * Acting on a timeline post (like, boost, vote) from any of the user's accounts, and following
 * someone (follow back). An account that
 * saw the post acts on its own copy; another account of the same network first finds the post
 * (its own Mastodon server resolves it; on Bluesky the at:// URI is global); across networks the
 * answer is a plain `not_supported`. The result is recorded in the timeline and answered.
 */
import { ok, type Result } from '../../../shared/contract.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { NetworkInfo } from '../../../shared/domain/network.ts';
import { pollClosed, type Author, type Post, type Sighting } from '../../../shared/domain/post.ts';
import { phrase, refuse, ServerError } from '../base/errors.ts';
import { withOutcome, type ActionOutcome, type NetworkActions } from '../networks/post-actions.ts';
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

const done = (action: Action, network: NetworkInfo) => (action === 'like' ? 'liked' : action === 'vote' ? 'voted' : network.shareWords.done);

export function createActionsService({ accounts, timeline, networks, onAuthExpired }: ActionsDeps) {
  /** The post with the acting account's new sighting and counts, as the timeline now holds it. */
  function updated(key: string, post: Post, outcome: ActionOutcome): Post {
    return timeline.findPost(key) ?? withOutcome(post, outcome);
  }

  async function act<T extends ActionOutcome>(
    action: Action,
    key: string,
    accountId: string,
    run: (network: NetworkActions, post: Post, sighting: Sighting) => Promise<T>,
  ): Promise<Result<{ post: Post; outcome: T }>> {
    const post = timeline.findPost(key);
    if (!post) return refuse('not_found', phrase('error.act.postGone'));
    const account = accounts().find((candidate) => candidate.id === accountId);
    if (!account) return refuse('auth_expired', phrase('error.act.accountGone'), accountId);
    if (account.status === 'auth_expired') return refuse('auth_expired', phrase('error.act.signIn', { handle: account.handle }), accountId);
    if (account.network !== post.network) {
      const [ofPost, ofAccount] = [networks.get(post.network).info, networks.get(account.network).info];
      return refuse('not_supported', phrase('error.act.otherNetwork', { postNetwork: ofPost.name, done: done(action, ofPost), accountNetwork: ofAccount.name }), accountId);
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
      return refuse(error, accountId);
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
        if (!network.vote || !post.poll) throw new ServerError('not_supported', phrase('error.poll.none'));
        if (pollClosed(post.poll)) throw new ServerError('invalid_input', phrase('error.poll.closed'));
        if (choices.some((choice) => choice >= post.poll!.options.length) || (!post.poll.multiple && choices.length > 1)) {
          throw new ServerError('invalid_input', phrase('error.poll.choose', { multiple: post.poll.multiple ? 'yes' : 'no' }));
        }
        return network.vote(accountId, post, sighting, choices);
      });
      return result.ok ? ok(result.value.post) : result;
    },
    /** Follows someone as one of the accounts (follow back from the inbox): a person of its own network. */
    async follow(accountId: string, author: Author): Promise<Result<null>> {
      const account = accounts().find((candidate) => candidate.id === accountId);
      if (!account) return refuse('auth_expired', phrase('error.act.accountGone'), accountId);
      if (account.status === 'auth_expired') return refuse('auth_expired', phrase('error.act.signIn', { handle: account.handle }), accountId);
      const people = account.network === author.network ? networks.get(account.network).people : undefined;
      if (!people) return refuse('not_supported', phrase('error.act.cannotFollow', { handle: account.handle, author: author.handle }), accountId);
      try {
        await people.relate('follow', accountId, author);
        return ok(null);
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        if (error.code === 'auth_expired') onAuthExpired(accountId);
        return refuse(error, accountId);
      }
    },
  };
}

export type ActionsService = ReturnType<typeof createActionsService>;
