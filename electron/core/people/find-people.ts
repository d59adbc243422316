/**
 * Finding the people an account follows on the other network, with the evidence for each match:
 * Bridgy Fed bridges in either direction, profiles that name each other (a verified link counts
 * most), the person's own website linking to the account (rel="me"), and, where nothing else was
 * found, the same display name (a "maybe", never followed in bulk). People of a list (a Twitter/X
 * export's, findListed) have only a name and a username to go on: both are searched for, every
 * match a maybe. Every lookup goes through the network modules as the account the user looks
 * from, a few at a time, each answer (and each website read) kept for the run (the same address
 * is asked once).
 */
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { confidenceOrder, type Candidate, type Confidence, type Evidence, type FindListedResult, type FindPeopleResult, type PersonMatch } from '../../../shared/domain/find-people.ts';

export type { FindListedResult };
import type { Author } from '../../../shared/domain/post.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import { bridgedAddress } from '../../../shared/timeline/cross-posts.ts';
import { accountAtPage, isClaimOf } from '../../../shared/timeline/identity-claims.ts';
import { claimsOfProfile } from '../../../shared/people/elsewhere.ts';
import { maxWebsites } from '../../../shared/people/websites.ts';
import { phrase, ServerError } from '../base/errors.ts';
import type { NetworkPeople } from '../networks/network.ts';

export interface FindPeopleDeps {
  accounts: () => AccountSummary[];
  peopleOf: (network: Network) => NetworkPeople | undefined;
  /** Lookups at once (default 12). */
  concurrency?: number;
  /** The rel="me" links of the page at `url` (website-links.ts); throws when it cannot be read. Without it, no website is read. */
  siteLinks?: (url: string, signal?: AbortSignal) => Promise<string[]>;
}

export interface FindOptions {
  /** Also search the other network by display name for people nothing else found (a "maybe" each). Default true. */
  byName?: boolean;
  /** Read the websites people's profiles link for rel="me" links to their account on the other network, where nothing sure was found. Default true. */
  readWebsites?: boolean;
  onProgress?: (progress: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface FindListedOptions extends Omit<FindOptions, 'byName'> {
  /** Where the people come from, as the result's `from` (default: the first person's network). */
  from?: string;
}

function confidenceOf(evidence: readonly Evidence[]): Confidence {
  const names = evidence.filter((item) => item.kind === 'names');
  if (evidence.some((item) => item.kind === 'bridged')) return 'sure';
  if (names.some((item) => item.verified) || new Set(names.map((item) => item.by)).size === 2) return 'sure';
  // Their site says the account is theirs; the account's profile saying the person is its owner's makes it two-sided.
  const website = evidence.some((item) => item.kind === 'website');
  if (website && names.some((item) => item.by === 'found')) return 'sure';
  return names.length > 0 || website ? 'likely' : 'maybe';
}

/** The user part of a handle, to compare across networks: `name` of name.bsky.social, name@server, @name; underscores and hyphens left out (Bluesky handles have no underscore). */
function usernameOf(handle: string): string {
  return (handle.replace(/^@/, '').split(/[@.]/)[0] ?? '').toLowerCase().replace(/[_-]/g, '');
}

const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return plain(a) !== '' && plain(a) === plain(b);
};

/** Runs `work` on every item, `limit` at a time, in order of the answers. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Addresses asked at once where the network can (Bluesky's getProfiles takes 25). */
const profileBatch = 25;

export function createPeopleFinder({ accounts, peopleOf, concurrency = 12, siteLinks }: FindPeopleDeps) {
  function accountOf(id: string): AccountSummary {
    const account = accounts().find((candidate) => candidate.id === id);
    if (!account) throw new ServerError('auth_expired', phrase('error.act.accountGone'));
    return account;
  }

  /**
   * Looks for each of `people` on `to`'s network. `byHandle`: people of a list (an export), whose
   * only evidence can be their name and username: the target is searched by both.
   */
  async function matchAll(people: readonly Author[], to: AccountSummary, target: NetworkPeople, options: FindOptions, byHandle: boolean): Promise<{ matches: PersonMatch[]; unfinished: number }> {
    // Each address once per run: many people name the same few (and a miss is remembered too).
    const looked = new Map<string, Promise<Profile | null>>();
    const lookup = (address: string): Promise<Profile | null> => {
      const key = address.toLowerCase();
      let answer = looked.get(key);
      if (!answer) {
        answer = target.profile(to.id, address).catch((error: unknown) => {
          if (error instanceof ServerError && (error.code === 'not_found' || error.code === 'invalid_input')) return null;
          looked.delete(key);
          throw error;
        });
        looked.set(key, answer);
      }
      return answer;
    };

    // Each site read once per run too; one that cannot be read (gone, slow, not a page) says nothing.
    const read = new Map<string, Promise<string[]>>();
    const linksOfSite = (site: string): Promise<string[]> => {
      let links = read.get(site);
      if (!links) {
        links = siteLinks ? siteLinks(site, options.signal).catch(() => []) : Promise.resolve([]);
        read.set(site, links);
      }
      return links;
    };

    // Where the network looks up many at once (Bluesky: 25 a request), every address the people
    // name is asked in batches first: a few dozen requests for thousands of people, not thousands.
    if (target.profiles) {
      const addresses = [
        ...new Set(
          people.flatMap((person) => {
            const bridged = bridgedAddress(person);
            const claimed = (person.claims ?? []).filter((claim) => claim.network === to.network).map((claim) => claim.account);
            return [...(bridged?.network === to.network ? [bridged.handle] : []), ...claimed].map((address) => address.toLowerCase());
          }),
        ),
      ];
      const batches = Array.from({ length: Math.ceil(addresses.length / profileBatch) }, (_, index) => addresses.slice(index * profileBatch, (index + 1) * profileBatch));
      await eachLimited(
        batches,
        concurrency,
        async (batch) => {
          try {
            const found = await target.profiles!(to.id, batch);
            for (const address of batch) looked.set(address, Promise.resolve(found.get(address) ?? null));
          } catch (error) {
            if (!(error instanceof ServerError)) throw error; // the batch's people are looked up one by one
          }
        },
        options.signal,
      );
    }

    let done = 0;
    let unfinished = 0;
    const matchOne = async (person: Author): Promise<PersonMatch> => {
      const found = new Map<string, { profile: Profile | null; author: Author; evidence: Evidence[] }>();
      const add = (profile: Profile | null, author: Author, evidence: Evidence) => {
        const known = found.get(author.id);
        if (known) known.evidence.push(evidence);
        else found.set(author.id, { profile, author, evidence: [evidence] });
      };
      // Whether each account found names the person back, read once per account.
      const readBack = new Set<string>();
      const namesBack = () => {
        for (const [id, candidate] of found) {
          if (readBack.has(id)) continue;
          readBack.add(id);
          const naming = candidate.profile ? claimsOfProfile(candidate.profile).filter((claim) => isClaimOf(claim, person)) : [];
          if (naming.length > 0) candidate.evidence.push({ kind: 'names', by: 'found', verified: naming.some((claim) => claim.verified) });
        }
      };
      try {
        const bridged = bridgedAddress(person);
        if (bridged?.network === to.network) {
          const profile = await lookup(bridged.handle);
          if (profile) add(profile, profile.author, { kind: 'bridged' });
        }
        for (const claim of person.claims ?? []) {
          if (claim.network !== to.network) continue;
          const profile = await lookup(claim.account);
          if (profile) add(profile, profile.author, { kind: 'names', by: 'followed', verified: claim.verified });
        }
        namesBack();
        const sure = [...found.values()].some((candidate) => confidenceOf(candidate.evidence) === 'sure');
        if (!sure && siteLinks && options.readWebsites !== false) {
          for (const site of (person.websites ?? []).slice(0, maxWebsites)) {
            for (const link of await linksOfSite(site)) {
              const account = accountAtPage(link, to.network);
              const profile = account ? await lookup(account) : null;
              const known = profile ? found.get(profile.author.id) : undefined;
              if (profile && !known?.evidence.some((item) => item.kind === 'website' && item.site === site)) add(profile, profile.author, { kind: 'website', site });
            }
          }
          namesBack();
        }
        if (found.size === 0 && options.byName !== false && target.search) {
          const name = person.displayName.trim();
          const handle = byHandle ? person.handle.replace(/^@/, '').trim() : '';
          const user = usernameOf(handle);
          const queries = [...new Set([name, handle].filter(Boolean))];
          const seen = new Map<string, Author>();
          for (const query of queries) {
            const { people: answered } = await target.search(to.id, query, 5, 'people');
            for (const author of answered) if (author.network === to.network && !seen.has(author.id)) seen.set(author.id, author);
          }
          for (const author of seen.values()) {
            if (name && sameName(author.displayName, name)) add(null, author, { kind: 'name' });
            if (user && usernameOf(author.handle) === user) add(null, author, { kind: 'handle' });
          }
        }
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        unfinished += 1;
      }
      done += 1;
      options.onProgress?.({ done, total: people.length });
      const candidates: Candidate[] = [...found.values()].map(({ profile, author, evidence }) => ({
        author,
        evidence,
        confidence: confidenceOf(evidence),
        following: profile ? profile.relationship.following || profile.relationship.requested : false,
      }));
      candidates.sort((a, b) => confidenceOrder[a.confidence] - confidenceOrder[b.confidence]);
      return { person, candidates };
    };

    const matches = await eachLimited(people, concurrency, matchOne, options.signal);
    const strongest = (match: PersonMatch) => (match.candidates[0] ? confidenceOrder[match.candidates[0].confidence] : 3);
    matches.sort((a, b) => strongest(a) - strongest(b));
    return { matches: matches.filter(Boolean), unfinished };
  }

  return {
    async find(fromId: string, toId: string, options: FindOptions = {}): Promise<FindPeopleResult> {
      const from = accountOf(fromId);
      const to = accountOf(toId);
      const source = peopleOf(from.network);
      const target = peopleOf(to.network);
      if (from.network === to.network || !source?.following || !target) {
        throw new ServerError('not_supported', phrase('error.findPeople.networks', { from: from.network, to: to.network }));
      }
      const people: Author[] = [];
      let cursor: string | null = null;
      do {
        const page = await source.following(from.id, cursor);
        people.push(...page.people);
        cursor = page.cursor;
      } while (cursor && !options.signal?.aborted);
      return { from: from.id, to: to.id, ...(await matchAll(people, to, target, options, false)) };
    },

    /**
     * Looks for people of a list (a platform's data export: twitter:<id> authors with their
     * handle and name) on `toId`'s network. Their names and usernames are all there is to go
     * on, so every match is a maybe. People with neither are counted in `unnamed`, not looked up.
     */
    async findListed(people: readonly Author[], toId: string, options: FindListedOptions = {}): Promise<FindListedResult> {
      const to = accountOf(toId);
      const target = peopleOf(to.network);
      const network = options.from ?? people[0]?.network ?? 'list';
      if (!target || people.some((person) => person.network === to.network)) {
        throw new ServerError('not_supported', phrase('error.findPeople.networks', { from: network, to: to.network }));
      }
      const named = people.filter((person) => person.handle.trim() || person.displayName.trim());
      const found = await matchAll(named, to, target, { ...options, byName: true }, true);
      // Whatever a list's person shares with someone, it is a name: never more than a maybe.
      for (const match of found.matches) for (const candidate of match.candidates) candidate.confidence = 'maybe';
      return { from: network, to: to.id, ...found, unnamed: people.length - named.length };
    },
  };
}

export type PeopleFinder = ReturnType<typeof createPeopleFinder>;
