/**
 * People as a Mastodon account sees them: profiles, their posts by tab, and follow, mute and
 * block, each on the account's own server (people-lookup.ts finds the person there). Every
 * relation change answers the Relationship the server answers after it: Mastodon's own services
 * make each one idempotent (following someone followed, unblocking someone not blocked … change
 * nothing and answer the same).
 */
import { z } from 'zod';
import type { ProfileTab, RelationAction, Relationship, Who } from '../../../../shared/domain/profile.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import type { Logger } from '../../base/logger.ts';
import type { NetworkPeople } from '../network.ts';
import { createQuarantine } from '../unreadable-post.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';
import { createPeopleLookup } from './people-lookup.ts';
import { mastodonRelationshipSchema, profileOf, relationshipOf } from './profile-mapping.ts';
import { pageOfStatuses } from './status-page.ts';
import { claimingAuthorFromAccount } from './post-mapping.ts';

/** Api::V1::Accounts::StatusesController's largest page. */
const maxPage = 40;

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

    relate,

    /** v2 search with resolve: an address or a post's URL on another server is fetched by the account's server. */
    async search(accountId, query, limit) {
      const { origin, host, client } = await connect(accountId);
      const found = await mastoCall(origin, phrase('error.what.search'), searchAnswer, () => client.v2.search.list({ q: query, resolve: true, limit: Math.min(limit, maxPage) }));
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

    async tagged(accountId, tag, cursor, limit) {
      const { origin, host, client } = await connect(accountId);
      const entries = await mastoCall(origin, phrase('error.what.tagged'), z.array(z.unknown()), () =>
        client.v1.timelines.tag.$select(tag).list({ limit: Math.min(limit, maxPage), ...(cursor ? { maxId: cursor } : {}) }),
      );
      return pageOfStatuses(entries, accountId, host, quarantine);
    },
  };
}
