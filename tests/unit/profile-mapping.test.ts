import { describe, expect, it } from 'vitest';
import { profileOf as blueskyProfile } from '../../electron/core/networks/bluesky/profile-mapping.ts';
import { mastodonRelationshipSchema, profileOf as mastodonProfile } from '../../electron/core/networks/mastodon/profile-mapping.ts';

// As masto hands an Account entity over: camelCase keys.
const account = {
  id: '42',
  username: 'bob',
  acct: 'bob@birds.example',
  url: 'https://birds.example/@bob',
  uri: 'https://birds.example/users/bob',
  displayName: 'Bob :heron:',
  note: '<p>Birds <script>x</script></p>',
  avatar: 'https://cdn.example/a.png',
  header: 'https://home.example/headers/original/missing.png',
  locked: true,
  bot: null,
  followersCount: 3,
  followingCount: -1,
  statusesCount: 'many',
  emojis: [{ shortcode: 'heron', url: 'https://cdn.example/heron.png' }],
  fields: [
    { name: 'Site', value: '<a href="https://bob.example" rel="me">bob.example</a>', verifiedAt: '2026-11-20T08:00:00+01:00' },
    { name: 'Odd', value: 'x', verifiedAt: 'not a date' },
  ],
};
const relationship = mastodonRelationshipSchema.parse({ id: '42', following: true, followedBy: false, muting: null, blocking: false, requested: true });

describe('profiles at the edge', () => {
  it('maps a Mastodon account: HTML kept for the renderer to sanitise, counts it cannot read as unknown, the placeholder header as none', () => {
    const profile = mastodonProfile(account, relationship, 'mastodon:home.example:1', 'home.example');
    expect(profile).toMatchObject({
      author: { id: 'https://birds.example/users/bob', handle: 'bob@birds.example', displayName: 'Bob :heron:' },
      headerUrl: null,
      bio: { kind: 'html', html: '<p>Birds <script>x</script></p>', emojis: [{ shortcode: 'heron', url: 'https://cdn.example/heron.png' }] },
      counts: { followers: 3, following: null, posts: null },
      locked: true,
      bot: false,
      relationship: { id: 'https://birds.example/users/bob', following: true, followedBy: false, muting: false, blocking: false, blockedBy: false, requested: true },
    });
    expect(profile.fields.map((field) => field.verifiedAt)).toEqual(['2026-11-20T07:00:00.000Z', null]);
  });

  it('refuses a Mastodon account without an id or address', () => {
    expect(() => mastodonProfile({ ...account, acct: undefined }, relationship, 'a', 'home.example')).toThrow();
  });

  it('maps a Bluesky profile: links and hashtags of the bio as facets, a mention only with a DID', () => {
    const profile = blueskyProfile(
      {
        did: 'did:plc:bird',
        handle: 'bird.test',
        description: 'Hi @wren.test, see https://birds.example #birding',
        followersCount: 2,
        viewer: { following: 'at://did:plc:me/app.bsky.graph.follow/1', muted: true, blockedBy: false },
      },
      'bluesky:did:plc:me',
    );
    expect(profile).toMatchObject({
      author: { id: 'did:plc:bird', handle: 'bird.test', displayName: '' },
      counts: { followers: 2, following: null, posts: null },
      relationship: { id: 'did:plc:bird', following: true, followedBy: false, muting: true, blocking: false, requested: false },
      url: 'https://bsky.app/profile/bird.test',
    });
    expect(profile.bio.kind === 'facets' ? profile.bio.facets.map((facet) => facet.feature) : null).toEqual([
      { kind: 'link', uri: 'https://birds.example' },
      { kind: 'tag', tag: 'birding' },
    ]);
  });
});
