import { describe, expect, it } from 'vitest';
import { accountSummary } from '../support/account-factory.ts';
import { findPeopleResultSchema } from '../../shared/domain/find-people.ts';
import type { Author } from '../../shared/domain/post.ts';
import { ServerError } from '../../electron/core/base/errors.ts';
import { twitterAuthor } from '../../electron/core/archive/files/twitter-follows.ts';
import { createPeopleFinder } from '../../electron/core/people/find-people.ts';
import type { NetworkPeople } from '../../electron/core/networks/network.ts';


const blueskyAuthor = (handle: string, displayName: string): Author => ({ network: 'bluesky', id: `did:plc:${handle.replace(/\W/g, '')}`, handle, displayName, avatarUrl: null, profileUrl: null });
const mastodonAuthor = (handle: string, displayName: string): Author => ({ network: 'mastodon', id: `https://${handle.split('@')[1]}/users/${handle.split('@')[0]}`, handle, displayName, avatarUrl: null, profileUrl: null });

/** A network whose search finds people whose display name is the query, or whose handle starts with it (underscores and hyphens aside). */
function fakeNetwork(people: Author[], options: { failing?: string[] } = {}) {
  const searched: string[] = [];
  const asked: string[] = [];
  const network: NetworkPeople = {
    async profile(_accountId, who) {
      asked.push(typeof who === 'string' ? who : who.handle);
      throw new ServerError('not_found', 'no such account');
    },
    posts: () => Promise.reject(new Error('unused')),
    relate: () => Promise.reject(new Error('unused')),
    async search(_accountId, query) {
      searched.push(query);
      if (options.failing?.includes(query)) throw new ServerError('network', 'unreachable');
      const plain = (text: string) => text.toLowerCase().replace(/[_-]/g, '');
      return { people: people.filter((author) => author.displayName === query || plain(author.handle).startsWith(plain(query))), posts: [] };
    },
  };
  return { network, searched, asked };
}

function setUp(bluesky: Author[], mastodon: Author[] = [], options: { failing?: string[] } = {}) {
  const onBluesky = fakeNetwork(bluesky, options);
  const onMastodon = fakeNetwork(mastodon, options);
  const finder = createPeopleFinder({
    accounts: () => [accountSummary('mastodon:me', 'mastodon'), accountSummary('bluesky:me', 'bluesky')],
    peopleOf: (network) => (network === 'mastodon' ? onMastodon.network : network === 'bluesky' ? onBluesky.network : undefined),
  });
  return { finder, onBluesky, onMastodon };
}

const bob = twitterAuthor({ id: '1001', handle: 'bob_smith', name: 'Bob Smith' });
const chloe = twitterAuthor({ id: '1002', handle: 'chloe_u', name: 'Chloé Ünal 🌸' });
const dave = twitterAuthor({ id: '1003', handle: 'dave_x', name: null });
const nameless = twitterAuthor({ id: '1004', handle: null, name: null });
const alsoNameless = twitterAuthor({ id: '1005', handle: null, name: null });
const fay = twitterAuthor({ id: '1006', handle: 'fay', name: 'Fay' });

describe('finding the people of a list (a Twitter/X export) on another network', () => {
  it('searches by name and username, every match a maybe, and counts the unnamed without looking them up', async () => {
    const { finder, onBluesky } = setUp([
      // Bob: the same name and the same username (Bluesky handles have no underscore).
      blueskyAuthor('bobsmith.bsky.social', 'Bob Smith'),
      // Chloé: the same name only, under another handle.
      blueskyAuthor('chloe-unal.example', 'Chloé Ünal 🌸'),
      // Dave: the same username only.
      blueskyAuthor('davex.bsky.social', 'David'),
    ]);
    const result = await finder.findListed([bob, chloe, dave, nameless, fay, alsoNameless], 'bluesky:me', { from: 'twitter' });
    expect(findPeopleResultSchema.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ from: 'twitter', to: 'bluesky:me', unnamed: 2, unfinished: 0 });
    const summary = result.matches.map((match) => [match.person.id, match.candidates.map((candidate) => [candidate.author.handle, candidate.confidence, candidate.evidence.map((item) => item.kind).join(' ')])]);
    expect(summary).toEqual([
      ['twitter:1001', [['bobsmith.bsky.social', 'maybe', 'name handle']]],
      ['twitter:1002', [['chloe-unal.example', 'maybe', 'name']]],
      ['twitter:1003', [['davex.bsky.social', 'maybe', 'handle']]],
      ['twitter:1006', []],
    ]);
    expect(result.matches.flatMap((match) => match.candidates).every((candidate) => candidate.confidence === 'maybe' && !candidate.following)).toBe(true);
    // The unnamed were never looked up: only names and usernames were searched for, each of the named people's.
    expect(onBluesky.searched.sort()).toEqual(['Bob Smith', 'Chloé Ünal 🌸', 'Fay', 'bob_smith', 'chloe_u', 'dave_x', 'fay'].sort());
    expect(onBluesky.asked).toEqual([]);
  });

  it('finds a same username on Mastodon as user@server', async () => {
    const { finder } = setUp([], [mastodonAuthor('bob_smith@social.example', 'B.'), mastodonAuthor('bobby@social.example', 'Bob Smith II')]);
    const result = await finder.findListed([bob], 'mastodon:me');
    expect(result.from).toBe('twitter');
    expect(result.matches[0]?.candidates.map((candidate) => [candidate.author.handle, candidate.confidence, candidate.evidence.map((item) => item.kind)])).toEqual([['bob_smith@social.example', 'maybe', ['handle']]]);
  });

  it('counts a person whose search failed as unfinished, and refuses a list of the target network itself', async () => {
    const { finder } = setUp([blueskyAuthor('fay.bsky.social', 'Fay')], [], { failing: ['Bob Smith'] });
    const result = await finder.findListed([bob, fay], 'bluesky:me');
    expect(result.unfinished).toBe(1);
    expect(result.matches.find((match) => match.person.id === 'twitter:1006')?.candidates[0]?.author.handle).toBe('fay.bsky.social');
    await expect(finder.findListed([blueskyAuthor('x.bsky.social', 'X')], 'bluesky:me')).rejects.toMatchObject({ code: 'not_supported' });
  });
});
