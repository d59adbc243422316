import type { Agent } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { postSchema, type Author, type IdentityClaim, type Post } from '../../shared/domain/post.ts';
import { collapseCrossPosts } from '../../shared/timeline/cross-posts.ts';
import { getProfiles } from '../../electron/core/networks/bluesky/profiles.ts';
import { postFromStatus } from '../../electron/core/networks/mastodon/post-mapping.ts';
import { claimsInBlueskyDescription, claimsInMastodonProfile, type MastodonProfileField } from '../../shared/timeline/identity-claims.ts';
import { createIdentityLinks, linkIdentities } from '../../electron/core/timeline/identity-links.ts';
import type { BlueskyProfile } from '../../electron/core/networks/bluesky/profiles.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';

/** A link as Mastodon renders one in a profile field of its own account. */
const link = (url: string) => {
  const [, prefix = '', rest = ''] = /^(https?:\/\/)(.*)$/.exec(url) ?? [];
  return `<a href="${url}" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">${prefix}</span><span class="">${rest}</span><span class="invisible"></span></a>`;
};
const field = (name: string, value: string, verifiedAt: string | null = null): MastodonProfileField => ({ name, value, verifiedAt });
const verified = '2026-11-20T08:00:00.000Z';
const fromFields = (...fields: MastodonProfileField[]) => claimsInMastodonProfile({ note: '', fields });
const fromNote = (note: string) => claimsInMastodonProfile({ note, fields: [] });
const onBluesky = (account: string, isVerified = false): IdentityClaim => ({ network: 'bluesky', account, verified: isVerified });
const onMastodon = (account: string): IdentityClaim => ({ network: 'mastodon', account, verified: false });

describe('Bluesky accounts claimed in a Mastodon profile', () => {
  it('reads a field linking a bsky.app profile, verified only when Mastodon verified it', () => {
    expect(fromFields(field('Bluesky', link('https://bsky.app/profile/Ann.bsky.social')))).toEqual([onBluesky('ann.bsky.social')]);
    expect(fromFields(field('Elsewhere', link('https://bsky.app/profile/ann.bsky.social'), verified))).toEqual([onBluesky('ann.bsky.social', true)]);
    expect(fromFields(field('Bluesky', link('https://bsky.app/profile/did:plc:ewvi7nxzyoun6zhxrhs64oiz/'), verified))).toEqual([onBluesky('did:plc:ewvi7nxzyoun6zhxrhs64oiz', true)]);
  });

  it('reads a verified link to a site\'s root as a domain handle to look up, and nothing from an unverified or deeper link', () => {
    expect(fromFields(field('Website', link('https://ann.example/'), verified))).toEqual([onBluesky('ann.example', true)]);
    expect(fromFields(field('Website', link('https://ann.example/')))).toEqual([]);
    expect(fromFields(field('Blog', link('https://ann.example/blog'), verified))).toEqual([]);
  });

  it('reads the note: bsky.app links and at:// DIDs', () => {
    expect(fromNote(`<p>Writes code. Also ${link('https://bsky.app/profile/ann.bsky.social')}</p>`)).toEqual([onBluesky('ann.bsky.social')]);
    expect(fromNote('<p>Bluesky: at://did:plc:ewvi7nxzyoun6zhxrhs64oiz.</p>')).toEqual([onBluesky('did:plc:ewvi7nxzyoun6zhxrhs64oiz')]);
    expect(fromNote('<p>Find me at bsky.app/profile/ann.bsky.social</p>')).toEqual([onBluesky('ann.bsky.social')]);
  });

  it('reads plain @handle text only in a field whose name says Bluesky or bsky', () => {
    expect(fromFields(field('🦋 Bluesky', '@ann.bsky.social'))).toEqual([onBluesky('ann.bsky.social')]);
    expect(fromFields(field('bsky', 'ann.bsky.social'))).toEqual([onBluesky('ann.bsky.social')]);
    expect(fromFields(field('Bluesky', 'I am @ann.bsky.social there.'))).toEqual([onBluesky('ann.bsky.social')]);
    expect(fromFields(field('Website', '@ann.bsky.social'))).toEqual([]);
    expect(fromNote('<p>Also @ann.bsky.social on the other side</p>')).toEqual([]);
  });

  it('claims nothing from near misses', () => {
    // A post, not a profile; another site's profile path; a Mastodon handle in a Bluesky field; an e-mail address.
    expect(fromFields(field('Bluesky', link('https://bsky.app/profile/ann.bsky.social/post/3kabc')))).toEqual([]);
    expect(fromNote('<p>Quoting at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kabc</p>')).toEqual([]);
    expect(fromFields(field('Bluesky', link('https://example.com/profile/ann.bsky.social')))).toEqual([]);
    expect(fromFields(field('Bluesky', '@ann@social.example'), field('Bluesky', 'ann@bsky.social'), field('bsky', 'not a handle'))).toEqual([]);
    expect(fromFields(field('Bluesky', link('https://bsky.app/profile/%E0%A4%A')))).toEqual([]);
    // A sentence in a Bluesky field is not a handle, and a word of it only when written @handle.
    expect(fromFields(field('Bluesky', 'see my site.example'))).toEqual([]);
  });

  it('verifies only the one link of a verified field', () => {
    const twoLinks = `${link('https://bsky.app/profile/ann.bsky.social')} ${link('https://bsky.app/profile/bob.bsky.social')}`;
    expect(fromFields(field('Bluesky', twoLinks, verified))).toEqual([onBluesky('ann.bsky.social'), onBluesky('bob.bsky.social')]);
  });

  it('names each account once, verified if any mention of it was', () => {
    expect(
      claimsInMastodonProfile({
        note: `<p>${link('https://bsky.app/profile/ann.bsky.social')}</p>`,
        fields: [field('Bluesky', '@ann.bsky.social'), field('Verified', link('https://bsky.app/profile/ann.bsky.social'), verified)],
      }),
    ).toEqual([onBluesky('ann.bsky.social', true)]);
  });
});

describe('Mastodon accounts claimed in a Bluesky description', () => {
  it('reads profile addresses and @user@server', () => {
    expect(claimsInBlueskyDescription('Writes code.\nAlso https://Social.Example/@Ann')).toEqual([onMastodon('ann@social.example')]);
    expect(claimsInBlueskyDescription('mastodon: @ann@social.example!')).toEqual([onMastodon('ann@social.example')]);
    expect(claimsInBlueskyDescription('(social.example/@ann/)')).toEqual([onMastodon('ann@social.example')]);
    expect(claimsInBlueskyDescription('https://mastodon.example/@ann@social.example')).toEqual([onMastodon('ann@social.example')]);
  });

  it('claims nothing from near misses', () => {
    expect(claimsInBlueskyDescription('my post https://social.example/@ann/109999 and mail ann@social.example')).toEqual([]);
    expect(claimsInBlueskyDescription('@ann.bsky.social, https://social.example/@ann?x=1, https://localhost/@ann, @a$b@social.example')).toEqual([]);
    expect(claimsInBlueskyDescription('')).toEqual([]);
  });
});

const annMastodon = (claims: IdentityClaim[]): Author => ({ ...mastodonAuthor('ann@social.example'), profileUrl: 'https://social.example/@ann', claims });
const annBluesky = blueskyAuthor('ann.bsky.social', 'did:plc:ann');
const at = (hhmm: string) => `2026-11-25T${hhmm}:00.000Z`;
const words = 'Braid 1.0 is out: one timeline for Mastodon and Bluesky.';
const pairOf = (mastodon: Author, bluesky = annBluesky): Post[] => [
  makePost({ author: mastodon, at: at('10:00'), html: `<p>${words}</p>`, seenBy: 'mastodon:me' }),
  makePost({ author: bluesky, at: at('10:02'), text: words, seenBy: 'bluesky:me' }),
];
const linked = (posts: Post[], blueskyClaims: Map<string, IdentityClaim[]>) => collapseCrossPosts(posts, linkIdentities(posts, blueskyClaims)).length === 1;

describe('the rule: which claims link two accounts', () => {
  const namesAnn = new Map([[annBluesky.id, [onMastodon('ann@social.example')]]]);

  it('links when both profiles name each other', () => {
    expect(linked(pairOf(annMastodon([onBluesky('ann.bsky.social')])), namesAnn)).toBe(true);
    expect(linked(pairOf(annMastodon([onBluesky('did:plc:ann')])), namesAnn)).toBe(true);
  });

  it('does not link a claim in one direction only, unless Mastodon verified it', () => {
    expect(linked(pairOf(annMastodon([onBluesky('ann.bsky.social')])), new Map())).toBe(false);
    expect(linked(pairOf(annMastodon([onBluesky('ann.bsky.social', true)])), new Map())).toBe(true);
    // The Bluesky profile names Ann, but Ann's Mastodon profile names nobody.
    expect(linked(pairOf(annMastodon([])), namesAnn)).toBe(false);
  });

  it('does not link a claim of someone else’s account, nor a different handle', () => {
    const impostor: Author = { ...mastodonAuthor('imp@fake.example'), claims: [onBluesky('ann.bsky.social')] };
    expect(linked(pairOf(impostor), namesAnn)).toBe(false);
    expect(linked(pairOf(annMastodon([onBluesky('ann2.bsky.social')])), namesAnn)).toBe(false);
    expect(linked(pairOf(annMastodon([onBluesky('ann.bsky.social')])), new Map([[annBluesky.id, [onMastodon('ann@other.example')]]]))).toBe(false);
  });

  it('reads each author’s profile as their newest post shows it', () => {
    const claimedThen = pairOf(annMastodon([onBluesky('ann.bsky.social', true)]));
    const newer = makePost({ author: annMastodon([]), at: at('10:30'), html: '<p>Profile edited since.</p>' });
    expect(linkIdentities([newer, ...claimedThen], new Map()).size).toBe(0);
    expect(linkIdentities(claimedThen, new Map()).size).toBe(2);
  });

  it('knows a Mastodon account by its profile page when its handle has another domain', () => {
    const webDomain: Author = { ...mastodonAuthor('ann@ann.example'), profileUrl: 'https://social.example/@ann', claims: [onBluesky('ann.bsky.social')] };
    expect(linked(pairOf(webDomain), namesAnn)).toBe(true);
  });
});

describe('Mastodon statuses carry their author’s claims', () => {
  const account = { id: '7', username: 'ann', acct: 'ann@social.example', url: 'https://social.example/@ann', uri: 'https://social.example/users/ann', displayName: 'Ann', avatar: null };
  const status = (extra: object) => ({ id: '1', uri: 'https://social.example/users/ann/statuses/1', createdAt: at('10:00'), content: '<p>hi</p>', account: { ...account, ...extra } });

  it('as author.claims, only when there are any', () => {
    const post = postFromStatus(status({ note: '', fields: [{ name: 'Bluesky', value: link('https://bsky.app/profile/ann.bsky.social'), verifiedAt: verified }] }), 'mastodon:me', 'home.example');
    expect(postSchema.parse(post).author.claims).toEqual([onBluesky('ann.bsky.social', true)]);
    expect(postFromStatus(status({ note: '<p>hello</p>', fields: [] }), 'mastodon:me', 'home.example').author).not.toHaveProperty('claims');
    // A profile Braid cannot read names nobody; the post still shows.
    expect(postFromStatus(status({ note: 42, fields: 'nonsense' }), 'mastodon:me', 'home.example').author).not.toHaveProperty('claims');
  });
});

describe('Bluesky profiles looked up lazily', () => {
  const claimingPosts = pairOf(annMastodon([onBluesky('ann.bsky.social')]));

  function setUp(answer: (dids: string[]) => Promise<BlueskyProfile[]>) {
    let clock = Date.parse(at('12:00'));
    const asked: { accountId: string; dids: string[] }[] = [];
    const changes: string[][] = [];
    const links = createIdentityLinks({
      identityOf: () => ({
        claimsOf: async (accountId, dids) => {
          asked.push({ accountId, dids });
          return new Map((await answer(dids)).map((profile) => [profile.did, claimsInBlueskyDescription(profile.description)]));
        },
      }),
      changed: (accounts) => changes.push(accounts),
      now: () => clock,
    });
    return { links, asked, changes, advance: (ms: number) => (clock += ms) };
  }
  const annProfile = async () => [{ did: annBluesky.id, handle: annBluesky.handle, description: 'Also @ann@social.example' }];

  it('asks once for a claimed Bluesky author, links after the answer and says so, and keeps the answer for hours', async () => {
    const { links, asked, changes, advance } = setUp(annProfile);
    expect(links.linksAmong(claimingPosts).size).toBe(0);
    expect(links.linksAmong(claimingPosts).size).toBe(0); // a second view while asking asks nothing more
    await links.settled();
    expect(asked).toEqual([{ accountId: 'bluesky:me', dids: [annBluesky.id] }]);
    expect(changes).toEqual([['mastodon:me', 'bluesky:me']]);
    expect(collapseCrossPosts(claimingPosts, links.linksAmong(claimingPosts))).toHaveLength(1);

    advance(5 * 3_600_000);
    links.linksAmong(claimingPosts);
    await links.settled();
    expect(asked).toHaveLength(1);
    advance(2 * 3_600_000); // past 6 hours: asked again, the link kept meanwhile
    expect(links.linksAmong(claimingPosts).size).toBe(2);
    await links.settled();
    expect(asked).toHaveLength(2);
    expect(changes).toHaveLength(1); // nothing changed
  });

  it('asks nothing when no Mastodon author claims anyone, or the claim is verified', async () => {
    const { links, asked } = setUp(annProfile);
    links.linksAmong(pairOf(annMastodon([])));
    const verifiedPosts = pairOf(annMastodon([onBluesky('ann.bsky.social', true)]));
    expect(collapseCrossPosts(verifiedPosts, links.linksAmong(verifiedPosts))).toHaveLength(1);
    await links.settled();
    expect(asked).toEqual([]);
  });

  it('does not link when the profile names someone else, is gone, or cannot be read, and tries a failed lookup again later', async () => {
    const someoneElse = setUp(async () => [{ did: annBluesky.id, handle: annBluesky.handle, description: 'https://social.example/@other' }]);
    someoneElse.links.linksAmong(claimingPosts);
    await someoneElse.links.settled();
    expect(someoneElse.links.linksAmong(claimingPosts).size).toBe(0);
    expect(someoneElse.changes).toEqual([]);

    const gone = setUp(async () => []);
    gone.links.linksAmong(claimingPosts);
    await gone.links.settled();
    expect(gone.links.linksAmong(claimingPosts).size).toBe(0);

    let failing = true;
    const flaky = setUp(async () => {
      if (failing) throw new Error('down');
      return annProfile();
    });
    flaky.links.linksAmong(claimingPosts);
    await flaky.links.settled();
    expect(flaky.links.linksAmong(claimingPosts).size).toBe(0);
    await flaky.links.settled();
    expect(flaky.asked).toHaveLength(1); // not again at once
    failing = false;
    flaky.advance(16 * 60_000);
    flaky.links.linksAmong(claimingPosts);
    await flaky.links.settled();
    expect(flaky.asked).toHaveLength(2);
    expect(flaky.links.linksAmong(claimingPosts).size).toBe(2);
    expect(flaky.changes).toHaveLength(1);
  });
});

describe('getProfiles', () => {
  it('asks for at most 25 actors a call', async () => {
    const calls: string[][] = [];
    const agent = {
      getProfiles: async ({ actors }: { actors: string[] }) => {
        calls.push(actors);
        return { data: { profiles: actors.map((did) => ({ did, handle: `${did.slice(8)}.test`, description: did === 'did:plc:p3' ? 'hi' : undefined })) } };
      },
    } as unknown as Agent;
    const dids = Array.from({ length: 30 }, (_, i) => `did:plc:p${i}`);
    const profiles = await getProfiles(agent, dids);
    expect(calls.map((actors) => actors.length)).toEqual([25, 5]);
    expect(profiles).toHaveLength(30);
    expect(profiles[3]).toEqual({ did: 'did:plc:p3', handle: 'p3.test', description: 'hi' });
    expect(profiles[4]?.description).toBe('');
  });
});
