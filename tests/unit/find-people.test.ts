import { describe, expect, it } from 'vitest';
import { accountSummary } from '../support/account-factory.ts';
import type { Author } from '../../shared/domain/post.ts';
import type { Profile } from '../../shared/domain/profile.ts';
import { ServerError } from '../../electron/core/base/errors.ts';
import { createPeopleFinder } from '../../electron/core/people/find-people.ts';
import type { NetworkPeople } from '../../electron/core/networks/network.ts';


const mastodonAuthor = (handle: string, displayName: string, claims: Author['claims'] = undefined, websites: string[] = []): Author => ({
  network: 'mastodon',
  id: `https://${handle.split('@')[1]}/users/${handle.split('@')[0]}`,
  handle,
  displayName,
  avatarUrl: null,
  profileUrl: `https://${handle.split('@')[1]}/@${handle.split('@')[0]}`,
  ...(claims ? { claims } : {}),
  ...(websites.length > 0 ? { websites } : {}),
});

const blueskyProfile = (handle: string, displayName: string, description = '', following = false): Profile => ({
  network: 'bluesky',
  author: { network: 'bluesky', id: `did:plc:${handle.replace(/\W/g, '')}`, handle, displayName, avatarUrl: null, profileUrl: null },
  accountId: 'bluesky:me',
  headerUrl: null,
  bio: { kind: 'facets', text: description, facets: [] },
  fields: [],
  counts: { followers: 0, following: 0, posts: 0 },
  url: null,
  locked: false,
  bot: false,
  relationship: { id: handle, following, followedBy: false, muting: false, blocking: false, blockedBy: false, requested: false },
});

/** `sites`: each website's rel="me" links, or an error to throw; a site not listed is not asked (siteLinks absent when `sites` is). */
function setUp(followed: Author[], profiles: Profile[], options: { failing?: string[]; sites?: Record<string, string[] | Error> } = {}) {
  const asked: string[] = [];
  const read: string[] = [];
  const searched: string[] = [];
  const mastodon: NetworkPeople = {
    profile: () => Promise.reject(new Error('unused')),
    posts: () => Promise.reject(new Error('unused')),
    relate: () => Promise.reject(new Error('unused')),
    async following(_accountId, cursor) {
      // Two pages, to be read to the end.
      const half = Math.ceil(followed.length / 2);
      return cursor === null ? { people: followed.slice(0, half), cursor: 'next' } : { people: followed.slice(half), cursor: null };
    },
  };
  const bluesky: NetworkPeople = {
    async profile(_accountId, who) {
      const address = typeof who === 'string' ? who : who.handle;
      asked.push(address);
      if (options.failing?.includes(address)) throw new ServerError('network', 'unreachable');
      const profile = profiles.find((candidate) => candidate.author.handle === address);
      if (!profile) throw new ServerError('not_found', 'no such account');
      return profile;
    },
    posts: () => Promise.reject(new Error('unused')),
    relate: () => Promise.reject(new Error('unused')),
    async search(_accountId, query) {
      searched.push(query);
      return { people: profiles.filter((profile) => profile.author.displayName === query).map((profile) => profile.author), posts: [] };
    },
  };
  const finder = createPeopleFinder({
    accounts: () => [accountSummary('mastodon:me', 'mastodon'), accountSummary('bluesky:me', 'bluesky')],
    peopleOf: (network) => (network === 'mastodon' ? mastodon : bluesky),
    ...(options.sites
      ? {
          siteLinks: async (url: string) => {
            read.push(url);
            const links = options.sites?.[url];
            if (links === undefined) throw new Error(`unexpected site ${url}`);
            if (links instanceof Error) throw links;
            return links;
          },
        }
      : {}),
  });
  return { finder, asked, searched, read };
}

describe('finding the people you follow on the other network', () => {
  const bridged = mastodonAuthor('ann@social.example', 'Ann');
  const claiming = mastodonAuthor('bob@social.example', 'Bob', [{ network: 'bluesky', account: 'bob.example', verified: false }]);
  const mutual = mastodonAuthor('cat@social.example', 'Cat', [{ network: 'bluesky', account: 'cat.example', verified: false }]);
  const verified = mastodonAuthor('dan@social.example', 'Dan', [{ network: 'bluesky', account: 'dan.example', verified: true }]);
  const namesake = mastodonAuthor('eve@social.example', 'Eve Namesake');
  const nobody = mastodonAuthor('fay@social.example', 'Fay');
  const profiles = [
    blueskyProfile('ann.social.example.ap.brid.gy', 'Ann (bridged)'),
    blueskyProfile('bob.example', 'Bob', '', true),
    blueskyProfile('cat.example', 'Cat', 'Also @cat@social.example'),
    blueskyProfile('dan.example', 'Dan'),
    blueskyProfile('eve.example', 'Eve Namesake'),
  ];

  it('finds bridges, profiles that name each other, and names only as a maybe, strongest first', async () => {
    const { finder } = setUp([nobody, namesake, claiming, bridged, mutual, verified], profiles);
    const result = await finder.find('mastodon:me', 'bluesky:me');
    const summary = result.matches.map((match) => [match.person.handle, match.candidates.map((candidate) => [candidate.author.handle, candidate.confidence, candidate.evidence.map((item) => item.kind + ('by' in item ? `:${item.by}` : '')).join(' ')])]);
    expect(summary).toEqual([
      ['ann@social.example', [['ann.social.example.ap.brid.gy', 'sure', 'bridged']]],
      ['cat@social.example', [['cat.example', 'sure', 'names:followed names:found']]],
      ['dan@social.example', [['dan.example', 'sure', 'names:followed']]],
      ['bob@social.example', [['bob.example', 'likely', 'names:followed']]],
      ['eve@social.example', [['eve.example', 'maybe', 'name']]],
      ['fay@social.example', []],
    ]);
    expect(result.matches.find((match) => match.person.handle === 'bob@social.example')?.candidates[0]?.following).toBe(true);
    expect(result.unfinished).toBe(0);
  });

  it('asks each address once, searches names only where nothing else was found, and counts what failed as unfinished', async () => {
    const twin = mastodonAuthor('bob@other.example', 'Bob Twin', [{ network: 'bluesky', account: 'bob.example', verified: false }]);
    const { finder, asked, searched } = setUp([claiming, twin, nobody, mutual], profiles, { failing: ['cat.example'] });
    const result = await finder.find('mastodon:me', 'bluesky:me');
    expect(asked.filter((address) => address === 'bob.example')).toHaveLength(1);
    expect(searched.sort()).toEqual(['Fay']);
    expect(result.unfinished).toBe(1);
  });

  it('can leave names out, and refuses two accounts of one network', async () => {
    const { finder, searched } = setUp([namesake], profiles);
    expect((await finder.find('mastodon:me', 'bluesky:me', { byName: false })).matches[0]?.candidates).toEqual([]);
    expect(searched).toEqual([]);
    await expect(finder.find('mastodon:me', 'mastodon:me')).rejects.toMatchObject({ code: 'not_supported' });
  });

  describe('with the websites their profiles link', () => {
    const kinds = (result: Awaited<ReturnType<ReturnType<typeof setUp>['finder']['find']>>) =>
      result.matches.map((match) => [match.person.handle, match.candidates.map((candidate) => [candidate.author.handle, candidate.confidence, candidate.evidence.map((item) => item.kind + ('by' in item ? `:${item.by}` : '') + ('site' in item ? `:${item.site}` : '')).join(' ')])]);
    const sites = {
      'https://gil.example/': ['https://gil.example/blog', 'https://bsky.app/profile/gil.example', 'https://social.example/@gil'],
      'https://hal.example/about': ['https://bsky.app/profile/hal.example'],
      'https://down.example/': new ServerError('network', 'unreachable'),
      'https://broken.example/': new Error('not a page'),
      'https://family.example/': ['https://bsky.app/profile/jo.example'],
    };
    const gil = mastodonAuthor('gil@social.example', 'Gil', undefined, ['https://gil.example/']);
    const hal = mastodonAuthor('hal@social.example', 'Hal', undefined, ['https://hal.example/about']);
    const profilesToo = [...profiles, blueskyProfile('gil.example', 'Gilbert'), blueskyProfile('hal.example', 'Hal', 'Also https://social.example/@hal'), blueskyProfile('jo.example', 'Jo')];

    it('finds the account a website links to (likely), sure when that account names the person back', async () => {
      const { finder } = setUp([gil, hal], profilesToo, { sites });
      const result = await finder.find('mastodon:me', 'bluesky:me');
      expect(kinds(result)).toEqual([
        ['hal@social.example', [['hal.example', 'sure', 'website:https://hal.example/about names:found']]],
        ['gil@social.example', [['gil.example', 'likely', 'website:https://gil.example/']]],
      ]);
      expect(result.unfinished).toBe(0);
    });

    it('takes a site that cannot be read as no evidence, never as unfinished', async () => {
      const ivy = mastodonAuthor('ivy@social.example', 'Ivy', undefined, ['https://down.example/', 'https://broken.example/']);
      const { finder, read } = setUp([ivy], profilesToo, { sites });
      const result = await finder.find('mastodon:me', 'bluesky:me');
      expect(kinds(result)).toEqual([['ivy@social.example', []]]);
      expect(read.sort()).toEqual(['https://broken.example/', 'https://down.example/']);
      expect(result.unfinished).toBe(0);
    });

    it('reads a site once for everyone who links it, at most two a person, and none where a match is sure or reading is off', async () => {
      const jo = mastodonAuthor('jo@social.example', 'Jo', undefined, ['https://family.example/']);
      const kit = mastodonAuthor('kit@social.example', 'Kit', undefined, ['https://family.example/', 'https://down.example/', 'https://never.example/']);
      const sureAlready = mastodonAuthor('dan@social.example', 'Dan', [{ network: 'bluesky', account: 'dan.example', verified: true }], ['https://never.example/']);
      const { finder, read } = setUp([jo, kit, sureAlready], profilesToo, { sites });
      const result = await finder.find('mastodon:me', 'bluesky:me');
      expect(read.sort()).toEqual(['https://down.example/', 'https://family.example/']);
      expect(kinds(result).slice(0, 2)).toEqual([
        ['dan@social.example', [['dan.example', 'sure', 'names:followed']]],
        ['jo@social.example', [['jo.example', 'likely', 'website:https://family.example/']]],
      ]);
      expect(result.matches[2]?.candidates.map((candidate) => candidate.author.handle)).toEqual(['jo.example']);

      const quiet = setUp([jo], profilesToo, { sites });
      expect((await quiet.finder.find('mastodon:me', 'bluesky:me', { readWebsites: false, byName: false })).matches[0]?.candidates).toEqual([]);
      expect(quiet.read).toEqual([]);
    });
  });
});
