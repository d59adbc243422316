/**
 * People on Mastodon through the contract: a profile as each of the user's accounts sees it
 * (counts, a verified field, "follows you"), the person's posts by tab page after page, follow
 * from a second account and from another server (found there by the person's URI), and mute and
 * block taking the person's posts out of the merged timeline at once, as their servers do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineChanges } from '../../shared/contract.ts';
import type { Author, Post } from '../../shared/domain/post.ts';
import type { ProfileTab } from '../../shared/domain/profile.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

let home: MastodonTestServer;
let other: MastodonTestServer;
let braid: CoreHarness;
let amy: string;
let cat: string;
let dan: string;
let bobAddress: string;
const changes: TimelineChanges[] = [];

const verifiedAt = new Date('2026-11-20T08:00:00.000Z');
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const text = (html: string) => html.replace(/<[^>]+>/g, '');

beforeAll(async () => {
  [home, other] = await Promise.all([startMastodonServer(), startMastodonServer()]);
  for (const username of ['amy', 'bob', 'cat']) home.addUser({ username, password: `${username}-password-1`, displayName: username.toUpperCase() });
  other.addUser({ username: 'dan', password: 'dan-password-1' });
  for (const server of [home, other]) server.addRemoteAccount('zoe@social.example', { displayName: 'Zoe' });
  home.setProfile('bob', {
    note: 'Bob writes about birds.',
    fields: [
      { name: 'Bluesky', value: 'https://bsky.app/profile/bob.test', verifiedAt },
      { name: 'Pronouns', value: 'he/him' },
    ],
  });
  const amysPost = home.post('amy', { text: 'Anyone seen a heron?', createdAt: ago(100) });
  // Bob's history: plain posts, replies to Amy, posts with a picture (oldest first).
  for (let i = 1; i <= 5; i++) home.post('bob', { text: `bob post ${i}`, createdAt: ago(90 - i) });
  for (let i = 1; i <= 3; i++) home.post('bob', { text: `@amy bob reply ${i}`, inReplyToId: amysPost.id, createdAt: ago(80 - i) });
  for (let i = 1; i <= 2; i++) home.post('bob', { text: `bob picture ${i}`, media: [{ description: `a bird ${i}`, width: 640, height: 480 }], createdAt: ago(70 - i) });
  home.post('zoe@social.example', { text: 'zoe says hi', createdAt: ago(60) });
  home.follow('bob', 'amy');
  home.follow('amy', 'bob');
  home.follow('amy', 'zoe@social.example');
  bobAddress = `@bob@${new URL(home.url).host}`;

  braid = startCore({ liveUpdates: false });
  braid.core.events.subscribe((event, payload) => {
    if (event === 'timeline.changed') changes.push(payload as TimelineChanges);
  });
  amy = await signInMastodon(braid, home, 'amy', 'amy-password-1');
  cat = await signInMastodon(braid, home, 'cat', 'cat-password-1');
  dan = await signInMastodon(braid, other, 'dan', 'dan-password-1');
}, 60_000);

afterAll(async () => {
  braid?.close();
  await Promise.all([home, other].map((server) => server?.close()));
});

/** Every page of a tab, `limit` posts a page: the texts, and how many pages it took. */
async function allPosts(accountId: string, who: string | Author, tab: ProfileTab, limit: number) {
  const texts: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await braid.value('people.posts', { accountId, who, tab, limit, ...(cursor ? { cursor } : {}) });
    texts.push(...page.posts.map((post) => (post.content.kind === 'html' ? text(post.content.html) : '')));
    cursor = page.cursor ?? undefined;
    pages++;
  } while (cursor && pages < 20);
  return { texts, pages };
}

const byBobOrZoe = (t: string) => t.startsWith('bob') || t.includes('bob reply') || t.startsWith('zoe');
const timelineTexts = async () =>
  (await braid.value('timeline.view')).items.flatMap((item) => item.posts.filter((post) => post.seenBy.some((s) => s.accountId === amy)).map((post) => (post.content.kind === 'html' ? text(post.content.html) : '')));

describe('a Mastodon profile', () => {
  it('shows the person as each account sees them: counts, bio, a verified field, follows you', async () => {
    const profile = await braid.value('people.profile', { accountId: amy, who: bobAddress });
    expect(profile).toMatchObject({
      network: 'mastodon',
      accountId: amy,
      author: { handle: `bob@${new URL(home.url).host}`, displayName: 'BOB', id: `${home.url}/users/bob` },
      bio: { kind: 'html', html: '<p>Bob writes about birds.</p>' },
      counts: { followers: 1, following: 1, posts: 10 },
      url: `${home.url}/@bob`,
      locked: false,
      relationship: { id: `${home.url}/users/bob`, following: true, followedBy: true, muting: false, blocking: false, requested: false },
    });
    expect(profile.fields.map((field) => [field.name, field.value.kind === 'html' ? text(field.value.html) : '', field.verifiedAt])).toEqual([
      ['Bluesky', 'https://bsky.app/profile/bob.test', verifiedAt.toISOString()],
      ['Pronouns', 'he/him', null],
    ]);
    // Cat neither follows Bob nor is followed by him.
    expect((await braid.value('people.profile', { accountId: cat, who: profile.author })).relationship).toMatchObject({ following: false, followedBy: false });
  });

  it('pages through the person’s posts by tab: posts, posts and replies, media', async () => {
    const posts = await allPosts(amy, bobAddress, 'posts', 3);
    expect(posts.texts).toEqual(['bob picture 2', 'bob picture 1', 'bob post 5', 'bob post 4', 'bob post 3', 'bob post 2', 'bob post 1']);
    expect(posts.pages).toBeGreaterThanOrEqual(3);
    const replies = await allPosts(amy, bobAddress, 'replies', 4);
    expect(replies.texts).toHaveLength(10);
    expect(replies.texts.filter((t) => t.includes('reply'))).toEqual(['@amy bob reply 3', '@amy bob reply 2', '@amy bob reply 1']);
    expect((await allPosts(cat, bobAddress, 'media', 40)).texts).toEqual(['bob picture 2', 'bob picture 1']);
  });

  it('has the pinned posts on the posts tab’s first page only, and none when the server cannot say', async () => {
    const pinnedPost = home.statusesOf('bob').find((status) => text(status.content) === 'bob post 2')!;
    home.pin('bob', pinnedPost.id);
    const texts = (posts: Post[] | undefined) => posts?.map((post) => (post.content.kind === 'html' ? text(post.content.html) : ''));
    const first = await braid.value('people.posts', { accountId: amy, who: bobAddress, tab: 'posts', limit: 3 });
    expect(texts(first.pinned)).toEqual(['bob post 2']);
    expect(texts(first.posts)).toEqual(['bob picture 2', 'bob picture 1', 'bob post 5']);
    expect((await braid.value('people.posts', { accountId: amy, who: bobAddress, tab: 'posts', limit: 3, cursor: first.cursor! })).pinned).toBeUndefined();
    for (const tab of ['replies', 'media'] as const) expect((await braid.value('people.posts', { accountId: amy, who: bobAddress, tab })).pinned).toBeUndefined();
    // The list itself is as the server has it: the pinned post in its place too.
    expect((await allPosts(amy, bobAddress, 'posts', 3)).texts).toContain('bob post 2');

    const asksPinned = ({ path, query }: { path: string; query: URLSearchParams }) => path.endsWith('/statuses') && query.get('pinned') === 'true';
    try {
      for (const answer of [{ status: 404 }, { status: 500 }, { status: 502, html: true }, { status: 200, html: true }]) {
        home.failRequests(asksPinned, answer);
        const page = await braid.value('people.posts', { accountId: amy, who: bobAddress, tab: 'posts', limit: 3 });
        expect(page.pinned).toEqual([]);
        expect(texts(page.posts)).toEqual(['bob picture 2', 'bob picture 1', 'bob post 5']);
        expect(home.requests.filter(asksPinned).at(-1)?.status).toBe(answer.status);
      }
    } finally {
      home.failRequests(null);
    }
    // A server that does not know the parameter answers the latest posts: not pins.
    try {
      home.ignoreParams(['pinned']);
      const page = await braid.value('people.posts', { accountId: amy, who: bobAddress, tab: 'posts', limit: 3 });
      expect(page.pinned).toEqual([]);
      expect(texts(page.posts)).toEqual(['bob picture 2', 'bob picture 1', 'bob post 5']);
    } finally {
      home.ignoreParams([]);
    }
  });

  it('says plainly what it cannot find, and a person of another network', async () => {
    expect(await braid.call('people.profile', { accountId: amy, who: `@nobody@${new URL(home.url).host}` })).toMatchObject({ ok: false, error: { code: 'not_found', account: amy } });
    const someoneOnBluesky: Author = { network: 'bluesky', id: 'did:plc:abc', handle: 'abc.test', displayName: '', avatarUrl: null, profileUrl: null };
    expect(await braid.call('people.relate', { accountId: amy, who: someoneOnBluesky, action: 'follow' })).toMatchObject({ ok: false, error: { code: 'not_supported' } });
  });
});

describe('relationships from any account', () => {
  it('follows from a second account, once however often asked, and the follow is on its server', async () => {
    const bob = (await braid.value('people.profile', { accountId: amy, who: bobAddress })).author;
    expect(await braid.value('people.relate', { accountId: cat, who: bob, action: 'follow' })).toMatchObject({ following: true, followedBy: false });
    expect(await braid.value('people.relate', { accountId: cat, who: bob, action: 'follow' })).toMatchObject({ following: true });
    expect(home.isFollowing('cat', 'bob')).toBe(true);
    expect(home.isFollowing('amy', 'bob')).toBe(true);
  });

  it('follows someone of a third server from an account on another server, found there by their address', async () => {
    const zoe = (await braid.value('people.profile', { accountId: amy, who: '@zoe@social.example' })).author;
    expect(zoe.id).toBe('https://social.example/users/zoe');
    const relationship = await braid.value('people.relate', { accountId: dan, who: zoe, action: 'follow' });
    expect(relationship).toMatchObject({ id: 'https://social.example/users/zoe', following: true });
    expect(other.isFollowing('dan', 'zoe@social.example')).toBe(true);
  });

  it('mute and block: the person’s posts leave the merged timeline at once, and stay out after a refresh', async () => {
    await braid.value('timeline.refresh');
    expect(await timelineTexts()).toEqual(expect.arrayContaining(['zoe says hi', 'bob post 5', 'bob picture 2']));
    changes.length = 0;

    expect(await braid.value('people.relate', { accountId: amy, who: bobAddress, action: 'mute' })).toMatchObject({ muting: true, following: true });
    expect(home.isMuting('amy', 'bob')).toBe(true);
    expect((await timelineTexts()).filter(byBobOrZoe)).toEqual(['zoe says hi']);
    expect(changes.some((change) => change.changes.some((op) => op.op === 'remove'))).toBe(true);

    expect(await braid.value('people.relate', { accountId: amy, who: '@zoe@social.example', action: 'block' })).toMatchObject({ blocking: true, following: false });
    expect(home.isBlocking('amy', 'zoe@social.example')).toBe(true);
    expect(await timelineTexts()).not.toContain('zoe says hi');
    // The cached timeline forgot them too: a new run paints without them before asking any server.
    braid = braid.restart();
    expect((await timelineTexts()).filter(byBobOrZoe)).toEqual([]);

    await braid.value('timeline.refresh');
    expect((await timelineTexts()).filter(byBobOrZoe)).toEqual([]);
    // Cat's part of the timeline keeps Bob: the mute is Amy's.
    expect((await braid.value('timeline.view')).items.some((item) => item.posts.some((post) => post.author.displayName === 'BOB' && post.seenBy.some((s) => s.accountId === cat)))).toBe(true);
  });

  it('unfollow, unmute and unblock are idempotent too, and read back what the server has', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await braid.value('people.relate', { accountId: amy, who: '@zoe@social.example', action: 'unblock' })).toMatchObject({ blocking: false, following: false });
      expect(await braid.value('people.relate', { accountId: cat, who: bobAddress, action: 'unfollow' })).toMatchObject({ following: false });
      expect(await braid.value('people.relate', { accountId: amy, who: bobAddress, action: 'unmute' })).toMatchObject({ muting: false, following: true });
    }
    expect(home.isBlocking('amy', 'zoe@social.example')).toBe(false);
    expect(home.isFollowing('cat', 'bob')).toBe(false);
    expect(home.isMuting('amy', 'bob')).toBe(false);
  });
});
