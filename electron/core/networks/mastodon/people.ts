/**
 * People as a Mastodon account sees them: profiles, their posts by tab, and follow, mute and
 * block, each on the account's own server (people-lookup.ts finds the person there). Every
 * relation change answers the Relationship the server answers after it: Mastodon's own services
 * make each one idempotent (following someone followed, unblocking someone not blocked … change
 * nothing and answer the same).
 */
import { SerializerNativeImpl } from 'masto/adapters/serializers/serializer-native-impl.js';
import { z } from 'zod';
import type { Author } from '../../../../shared/domain/post.ts';
import { maxPinnedPosts, type ProfileTab, type RelationAction, type Relationship, type Who } from '../../../../shared/domain/profile.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { Logger } from '../../base/logger.ts';
import type { NetworkPeople } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { errorFor, parseAnswer, sendJson } from '../../http/http-json.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import { serverAccountIdOf } from './accounts.ts';
import type { MastodonSession } from './adapter.ts';
import { linkOf } from './archive.ts';
import { createPeopleLookup } from './people-lookup.ts';
import { mastodonRelationshipSchema, profileOf, relationshipOf } from './profile-mapping.ts';
import { pageOfStatuses } from './status-page.ts';
import { claimingAuthorFromAccount, followedAuthorFromAccount } from './post-mapping.ts';

/** Api::V1::Accounts::StatusesController's largest page. */
const maxPage = 40;

/** Api::V1::Accounts::FollowingAccountsController's largest page (twice its default of 40). */
const followingPage = 80;

const serializer = new SerializerNativeImpl();
const rawAccount = z.looseObject({ id: z.string().min(1) });

/** AccountStatusesFilter's parameters for each tab. */
const tabFilters: Record<ProfileTab, { excludeReplies?: boolean; onlyMedia?: boolean }> = {
  posts: { excludeReplies: true },
  replies: {},
  media: { onlyMedia: true },
};

const scopeOf: Record<RelationAction, string> = {
  follow: 'write:follows',
  unfollow: 'write:follows',
  mute: 'write:mutes',
  unmute: 'write:mutes',
  block: 'write:blocks',
  unblock: 'write:blocks',
};

const relationships = z.array(mastodonRelationshipSchema);
const searchAnswer = z.looseObject({ accounts: z.array(z.unknown()), statuses: z.array(z.unknown()) });

export function createMastodonPeople(sessionFor: (accountId: string) => Promise<MastodonSession>, log: Logger = () => undefined): NetworkPeople {
  const lookup = createPeopleLookup();
  const quarantine = createQuarantine(log);

  async function connect(accountId: string) {
    const { origin, accessToken } = await sessionFor(accountId);
    return { origin, host: new URL(origin).host, client: mastoClient(origin, accessToken) };
  }

  async function relate(action: RelationAction, accountId: string, who: Who): Promise<Relationship> {
    const { origin, host, client } = await connect(accountId);
    const person = await lookup.ids(client, origin, accountId, who);
    const target = client.v1.accounts.$select(person.localId);
    try {
      const answer = await mastoCall(origin, phrase('error.what.relation', { action }), mastodonRelationshipSchema, () => target[action]());
      return relationshipOf(answer, person.personId);
    } catch (error) {
      // Accounts signed in before Braid asked for this scope: the server says it is out of scope.
      if (error instanceof ServerError && error.status === 403 && /scope/i.test(error.message)) {
        throw new ServerError('server', phrase('error.people.scope', { host, action, scope: scopeOf[action] }), { status: 403 });
      }
      throw error;
    }
  }

  return {
    async profile(accountId, who) {
      const { origin, host, client } = await connect(accountId);
      const person = await lookup.find(client, origin, accountId, who);
      const [relationship] = await mastoCall(origin, phrase('error.what.relationship'), relationships, () => client.v1.accounts.relationships.fetch({ id: [person.localId] }));
      if (!relationship) throw new ServerError('server', phrase('error.people.noRelationship', { host, who: person.personId }));
      try {
        return profileOf(person.account, relationship, accountId, host);
      } catch (error) {
        throw new ServerError('server', phrase('error.badShape', { host, what: phrase('error.what.profile') }), { cause: error });
      }
    },

    async posts(accountId, who, tab, cursor, limit) {
      const { origin, host, client } = await connect(accountId);
      const person = await lookup.ids(client, origin, accountId, who);
      const entries = await mastoCall(origin, phrase('error.what.postsOfPerson'), z.array(z.unknown()), () =>
        client.v1.accounts.$select(person.localId).statuses.list({ limit: Math.min(limit, maxPage), ...tabFilters[tab], ...(cursor ? { maxId: cursor } : {}) }),
      );
      return pageOfStatuses(entries, accountId, host, quarantine);
    },

    /** AccountStatusesFilter's `pinned`. A server that fails it (an old or other server, a proxy's error page) shows the
     *  profile without pinned posts. */
    async pinned(accountId, who) {
      const { origin, host, client } = await connect(accountId);
      try {
        const person = await lookup.ids(client, origin, accountId, who);
        const entries = await mastoCall(origin, phrase('error.what.postsOfPerson'), z.array(z.unknown()), () =>
          client.v1.accounts.$select(person.localId).statuses.list({ pinned: true, limit: maxPinnedPosts }),
        );
        // A full page is a server that ignored the parameter and answered the latest posts (Mastodon allows 5 pins).
        if (entries.length >= maxPinnedPosts) return [];
        return pageOfStatuses(entries, accountId, host, quarantine).posts.filter((post) => !post.unreadable);
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        log(`${host}: the pinned posts of ${typeof who === 'string' ? who : who.handle} could not be read`, error);
        return [];
      }
    },

    relate,

    /** v2 search with resolve: an address or a post's URL on another server is fetched by the account's server. */
    async search(accountId, query, limit, only) {
      const { origin, host, client } = await connect(accountId);
      const found = await mastoCall(origin, phrase('error.what.search'), searchAnswer, () =>
        client.v2.search.list({ q: query, resolve: true, limit: Math.min(limit, maxPage), ...(only === 'people' ? { type: 'accounts' as const } : {}) }),
      );
      const people = found.accounts.flatMap((raw) => {
        try {
          return [claimingAuthorFromAccount(raw, host)];
        } catch (error) {
          log(`${host}: an account found by the search could not be read`, error);
          return [];
        }
      });
      return { people, posts: pageOfStatuses(found.statuses, accountId, host, quarantine).posts.filter((post) => !post.unreadable) };
    },

    /**
     * GET /api/v1/accounts/:id/following, 80 a page, older pages by the max_id of the Link header's
     * "next" (it pages over the follow records, whose ids the accounts do not carry); a server
     * sending no Link header is paged by the last account's id until a page comes back empty.
     * Plain HTTP (http-json.ts) as in archive.ts: masto hides the Link header. Each person with
     * the Bluesky accounts and the websites their profile names.
     */
    async following(accountId, cursor) {
      const { origin, accessToken } = await sessionFor(accountId);
      const host = new URL(origin).host;
      const url = new URL(`/api/v1/accounts/${encodeURIComponent(serverAccountIdOf(accountId))}/following`, origin);
      url.searchParams.set('limit', String(followingPage));
      if (cursor) url.searchParams.set('max_id', cursor);
      const what = phrase('error.what.profiles');
      const response = await sendJson({ url, bearer: accessToken });
      if (response.status < 200 || response.status >= 300) throw errorFor(response, url, what);
      const entries = parseAnswer(response, z.array(z.unknown()), url, what);
      const people: Author[] = [];
      for (const entry of entries) {
        try {
          people.push(followedAuthorFromAccount(serializer.deserialize('json', JSON.stringify(entry)), host));
        } catch (error) {
          log(`${host}: an account ${accountId} follows could not be read`, error);
        }
      }
      const link = response.headers.get('link');
      const last = rawAccount.safeParse(entries.at(-1));
      let next: string | null;
      if (entries.length === 0) next = null;
      else if (link !== null) {
        const nextUrl = linkOf(link, 'next');
        next = nextUrl ? new URL(nextUrl, origin).searchParams.get('max_id') : null;
      } else next = last.success ? last.data.id : null;
      if (next !== null && next === cursor) throw new ServerError('server', phrase('error.samePage', { host, what }));
      return { people, cursor: next };
    },

    async tagged(accountId, tag, cursor, limit) {
      const { origin, host, client } = await connect(accountId);
      const entries = await mastoCall(origin, phrase('error.what.tagged'), z.array(z.unknown()), () =>
        client.v1.timelines.tag.$select(tag).list({ limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) }),
      );
      return pageOfStatuses(entries, accountId, host, quarantine);
    },
  };
}
