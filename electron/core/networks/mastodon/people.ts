/**
 * People as a Mastodon account sees them. An author is found on the account's own server by
 * their profile's address (search with resolve: account ids belong to one server), then followed.
 */
import { z } from 'zod';
import type { Author } from '../../../../shared/domain/post.ts';
import { ServerError } from '../../base/errors.ts';
import type { NetworkPeople } from '../network.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import type { MastodonSession } from './adapter.ts';

const found = z.looseObject({ accounts: z.array(z.looseObject({ id: z.union([z.string(), z.number().transform(String)]) })) });

export function createMastodonPeople(sessionFor: (accountId: string) => Promise<MastodonSession>): NetworkPeople {
  return {
    async follow(accountId, author: Author) {
      const { origin, accessToken } = await sessionFor(accountId);
      const client = mastoClient(origin, accessToken);
      const query = author.id.startsWith('http') ? author.id : `@${author.handle}`;
      const answer = await mastoCall(origin, 'the search', found, () => client.v2.search.list({ q: query, resolve: true, type: 'accounts', limit: 1 }));
      const target = answer.accounts[0];
      if (!target) throw new ServerError('not_found', `${new URL(origin).host} cannot find @${author.handle}.`);
      try {
        await mastoCall(origin, 'the follow', z.unknown(), () => client.v1.accounts.$select(target.id).follow());
      } catch (error) {
        // Accounts signed in before Braid asked for write:follows: the server says it is out of scope.
        if (error instanceof ServerError && error.status === 403) {
          throw new ServerError('server', `${new URL(origin).host} does not let Braid follow people for this account yet: remove it and add it again (Accounts) to allow it.`, { status: 403 });
        }
        throw error;
      }
    },
  };
}
