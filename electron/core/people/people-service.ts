/**
 * People from any of the user's accounts: a profile, the person's posts by tab, and follow, mute
 * and block, each acting as the account chosen through its network's module (never by the
 * network's name). A person of another network is a plain `not_supported`. After a mute or a
 * block, the person's posts leave that account's part of the timeline at once, as they leave its
 * home timeline on the server; after a follow, unmute or unblock, that part is read again, for
 * the person's posts to come (back) in.
 */
import { ok, type Result } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { postKey } from '../../../shared/domain/post-key.ts';
import { maxPinnedPosts, type Profile, type ProfileTab, type RelationAction, type Relationship, type Who } from '../../../shared/domain/profile.ts';
import { phrase, refuse, ServerError } from '../base/errors.ts';
import { createKeptPosts } from '../lists/kept-posts.ts';
import type { NetworkPeople } from '../networks/network.ts';
import { withOutcome, type ActionOutcome } from '../networks/post-actions.ts';

export interface PeopleDeps {
  accounts: () => AccountSummary[];
  peopleOf: (network: Network) => NetworkPeople | undefined;
  timeline: {
    removeAuthor(accountId: string, personId: string): boolean;
    refreshAccount(accountId: string): Promise<{ changed: boolean }>;
  };
  /** The timeline of these accounts changed: the windows hear it. */
  timelineChanged: (accountIds: string[]) => void;
  /** A server refused the account's credentials. */
  onAuthExpired: (accountId: string) => void;
}

/** What takes the person's posts out of the timeline, once the relationship has it. */
const hides: Partial<Record<RelationAction, (relationship: Relationship) => boolean>> = {
  mute: (relationship) => relationship.muting,
  block: (relationship) => relationship.blocking,
};

/** What brings the person's posts into the home timeline, once the relationship has it. */
const shows: Partial<Record<RelationAction, (relationship: Relationship) => boolean>> = {
  follow: (relationship) => relationship.following,
  unmute: (relationship) => !relationship.muting && relationship.following,
  unblock: (relationship) => !relationship.blocking && relationship.following,
};

/**
 * Whether "pinned" posts are only the latest posts again: a server that does not know the question
 * answers the account's newest statuses, replies and boosts included, so the list's own first two
 * posts are among them. (Someone who pinned exactly their two newest posts loses the label only:
 * those posts begin the list anyway.) One pinned post alone tells nothing: it may be the newest.
 */
function answeredLatest(pinned: readonly Post[], latest: readonly Post[]): boolean {
  const keys = new Set(pinned.map(postKey));
  return pinned.length >= 2 && latest.length >= 2 && latest.slice(0, 2).every((post) => keys.has(postKey(post)));
}

/** Posts of a profile: at most this many a page unless asked. */
const defaultPageSize = 40;

const nameOf = (who: Who) => (typeof who === 'string' ? who : `@${who.handle}`);

export function createPeopleService({ accounts, peopleOf, timeline, timelineChanged, onAuthExpired }: PeopleDeps) {
  // Posts shown on profiles: the actions (like, boost, reply) find them here.
  const shown = createKeptPosts();

  /** `act` as the account, its refusals and the network's failures thrown as ServerErrors (which keep a server's retry time). */
  async function actAs<T>(accountId: string, who: Who, act: (people: NetworkPeople) => Promise<T>): Promise<T> {
    const account = accounts().find((candidate) => candidate.id === accountId);
    if (!account) throw new ServerError('auth_expired', phrase('error.act.accountGone'));
    if (account.status === 'auth_expired') throw new ServerError('auth_expired', phrase('error.act.signIn', { handle: account.handle }));
    const people = typeof who === 'string' || who.network === account.network ? peopleOf(account.network) : undefined;
    if (!people) throw new ServerError('not_supported', phrase('error.act.cannotSee', { handle: account.handle, who: nameOf(who) }));
    try {
      return await act(people);
    } catch (error) {
      if (error instanceof ServerError && error.code === 'auth_expired') onAuthExpired(accountId);
      throw error;
    }
  }

  /** actAs, its failures as a failed Result. */
  async function asAccount<T>(accountId: string, who: Who, act: (people: NetworkPeople) => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await actAs(accountId, who, act));
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      return refuse(error, accountId);
    }
  }

  return {
    profile: (accountId: string, who: Who): Promise<Result<Profile>> => asAccount(accountId, who, (people) => people.profile(accountId, who)),

    /** A page of the person's posts; the posts tab's first page with the pinned posts too, where the network has them. */
    posts: (accountId: string, who: Who, tab: ProfileTab, cursor: string | null, limit = defaultPageSize): Promise<Result<{ posts: Post[]; pinned?: Post[]; cursor: string | null }>> =>
      asAccount(accountId, who, async (people) => {
        const [page, pinned] = await Promise.all([
          people.posts(accountId, who, tab, cursor, limit),
          tab === 'posts' && cursor === null ? people.pinned?.(accountId, who) : undefined,
        ]);
        shown.keep(page.posts);
        if (!pinned) return page;
        if (answeredLatest(pinned, page.posts)) return { ...page, pinned: [] };
        const kept = pinned.slice(0, maxPinnedPosts);
        shown.keep(kept);
        return { ...page, pinned: kept };
      }),

    /** A post shown on a profile lately, by postKey. */
    findPost: shown.find,
    recordAction: (key: string, outcome: ActionOutcome) => shown.update(key, (post) => withOutcome(post, outcome)),

    /** A follow for the bulk follow jobs: its failure thrown (keeping a server's retry time), and no timeline read after each one. */
    follow: (accountId: string, who: Who): Promise<Relationship> => actAs(accountId, who, (people) => people.relate('follow', accountId, who)),

    async relate(accountId: string, who: Who, action: RelationAction): Promise<Result<Relationship>> {
      const result = await asAccount(accountId, who, (people) => people.relate(action, accountId, who));
      if (!result.ok) return result;
      if (hides[action]?.(result.value) && timeline.removeAuthor(accountId, result.value.id)) timelineChanged([accountId]);
      if (shows[action]?.(result.value)) {
        // In the background: the answer is the relationship, and a failed read shows in the timeline as any poll's would.
        void timeline.refreshAccount(accountId).then(
          ({ changed }) => changed && timelineChanged([accountId]),
          () => undefined,
        );
      }
      return result;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
