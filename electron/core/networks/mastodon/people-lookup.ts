/**
 * Finding a person on an account's own Mastodon server: account ids belong to one server, so an
 * author (by their ActivityPub URI) or an address (@user@server) is looked up there by search with
 * resolve, which also fetches a person the server did not know yet. Only an exact match counts
 * (search also answers people whose names merely start alike). What was found is remembered per
 * account, so paging a profile or changing a relationship asks once.
 */
import { z } from 'zod';
import type { Who } from '../../../../shared/domain/profile.ts';
import { phrase, ServerError } from '../../base/errors.ts';
import { mastoCall, type mastoClient } from './account-api.ts';
import { authorFromAccount } from './post-mapping.ts';
import { mastodonAccountSchema, type MastodonAccount } from './profile-mapping.ts';

export interface FoundPerson {
  /** The person's id on the account's server. */
  localId: string;
  /** Their network-wide id (ActivityPub URI), as Author.id. */
  personId: string;
}

const searchAnswer = z.looseObject({ accounts: z.array(z.unknown()) });

/** What to search for, and how to recognise the answer. */
function queryOf(who: Who, serverHost: string): { q: string; matches: (account: MastodonAccount) => boolean; shown: string } {
  const sameAddress = (wanted: string) => (account: MastodonAccount) => {
    const acct = account.acct.includes('@') ? account.acct : `${account.acct}@${hostOf(account.url) ?? serverHost}`;
    return acct.toLowerCase() === wanted.toLowerCase();
  };
  if (typeof who !== 'string') {
    if (/^https?:\/\//.test(who.id)) return { q: who.id, matches: (account) => account.uri === who.id || account.url === who.id || sameAddress(who.handle)(account), shown: `@${who.handle}` };
    return { q: `@${who.handle}`, matches: sameAddress(who.handle), shown: `@${who.handle}` };
  }
  const address = who.trim();
  if (/^https?:\/\//.test(address)) return { q: address, matches: (account) => account.uri === address || account.url === address, shown: address };
  const bare = address.replace(/^@/, '');
  const wanted = bare.includes('@') ? bare : `${bare}@${serverHost}`;
  return { q: `@${wanted}`, matches: sameAddress(wanted), shown: `@${wanted}` };
}

function hostOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

const keyOf = (who: Who) => (typeof who === 'string' ? who.trim().replace(/^@/, '').toLowerCase() : who.id);

/** Remembered people per account; a few hundred each is plenty for what one session looks at. */
const remembered = 500;

export function createPeopleLookup() {
  const known = new Map<string, Map<string, FoundPerson>>();

  function remember(accountId: string, who: Who, person: FoundPerson): void {
    const people = known.get(accountId) ?? new Map<string, FoundPerson>();
    known.set(accountId, people);
    if (people.size >= remembered) people.delete(people.keys().next().value!);
    people.set(keyOf(who), person);
  }

  /** The person as the account's server has them: their account entity (as masto gives it) and ids. */
  async function find(client: ReturnType<typeof mastoClient>, origin: string, accountId: string, who: Who): Promise<FoundPerson & { account: unknown }> {
    const host = new URL(origin).host;
    const cached = known.get(accountId)?.get(keyOf(who));
    if (cached) {
      try {
        const account = await mastoCall(origin, phrase('error.what.profile'), z.unknown(), () => client.v1.accounts.$select(cached.localId).fetch());
        return { ...cached, account };
      } catch (error) {
        // Gone from the server since (its id answers 404): look for the person again.
        if (!(error instanceof ServerError && error.status === 404)) throw error;
        known.get(accountId)?.delete(keyOf(who));
      }
    }
    const { q, matches, shown } = queryOf(who, host);
    const answer = await mastoCall(origin, phrase('error.what.search'), searchAnswer, () => client.v2.search.list({ q, resolve: true, type: 'accounts', limit: 5 }));
    for (const raw of answer.accounts) {
      const account = mastodonAccountSchema.safeParse(raw);
      if (!account.success || !matches(account.data)) continue;
      const person = { localId: account.data.id, personId: authorFromAccount(raw, host).id };
      remember(accountId, who, person);
      return { ...person, account: raw };
    }
    throw new ServerError('not_found', phrase('error.people.notFound', { host, who: shown }));
  }

  return {
    find,
    /** The person's ids, without asking the server again when they were found before. */
    async ids(client: ReturnType<typeof mastoClient>, origin: string, accountId: string, who: Who): Promise<FoundPerson> {
      return known.get(accountId)?.get(keyOf(who)) ?? (await find(client, origin, accountId, who));
    },
  };
}

export type PeopleLookup = ReturnType<typeof createPeopleLookup>;
