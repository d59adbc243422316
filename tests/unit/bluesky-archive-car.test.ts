/**
 * A Bluesky repository, built here with @atproto/repo as a PDS builds it and written out as the
 * CAR file com.atproto.sync.getRepo answers, read into the archive's shape: every post record
 * (text, facets, image alts, replies, quotes, langs, self-labels), newest first; invalid ones
 * counted, other collections left out.
 */
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../shared/domain/post.ts';
import { blobUrlFor, decodeRepoCar } from '../../electron/core/networks/bluesky/archive-car.ts';
import { archivePageSize, createBlueskyArchive } from '../../electron/core/networks/bluesky/archive.ts';
import { repoCar, type RepoRecord } from '../support/export-files.ts';

const did = 'did:plc:amyamyamyamyamyamyamyamy';
const other = 'did:plc:zedzedzedzedzedzedzedzed';
const accountId = `bluesky:${did}`;
const pdsUrl = 'https://pds.example';
const imageCid = 'bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy';
const avatarCid = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';
const postCid = 'bafyreiaqxtjf4yygchi3ilrcjuinhkd3b4zxc6k3muda5nid7yq7jq5bly';
const blob = (cid: string) => ({ $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size: 1234 });
const uriOf = (rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

// "Read café notes at example.com @zed.test #birds": byte offsets of UTF-8 ('é' is two bytes).
const text = 'Read café notes at example.com @zed.test #birds';
const bytes = (part: string) => {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)));
  return { byteStart: start, byteEnd: start + Buffer.byteLength(part) };
};

const records: Record<string, Record<string, unknown>> = {
  '3kfacets00001': {
    $type: 'app.bsky.feed.post',
    text,
    createdAt: '2024-03-01T10:00:00.000Z',
    langs: ['en', 'fr'],
    labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'graphic-media' }] },
    facets: [
      { index: bytes('example.com'), features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/' }] },
      { index: bytes('@zed.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: other }] },
      { index: bytes('#birds'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'birds' }] },
    ],
  },
  '3kimage000001': {
    $type: 'app.bsky.feed.post',
    text: 'A heron',
    createdAt: '2024-03-02T10:00:00.000Z',
    embed: {
      $type: 'app.bsky.embed.images',
      images: [
        { image: blob(imageCid), alt: 'a grey heron on one leg', aspectRatio: { width: 800, height: 600 } },
        { image: blob(avatarCid), alt: 'the pond' },
      ],
    },
  },
  '3kreply000001': {
    $type: 'app.bsky.feed.post',
    text: 'Agreed!',
    createdAt: '2024-03-03T10:00:00.000Z',
    reply: { root: { uri: `at://${other}/app.bsky.feed.post/3kroot0000001`, cid: postCid }, parent: { uri: `at://${other}/app.bsky.feed.post/3kroot0000001`, cid: postCid } },
  },
  '3kquote000001': {
    $type: 'app.bsky.feed.post',
    text: 'Look at this',
    createdAt: '2024-03-04T10:00:00.000Z',
    embed: { $type: 'app.bsky.embed.record', record: { uri: `at://${other}/app.bsky.feed.post/3kquoted00001`, cid: postCid } },
  },
  '3kquotemedia1': {
    $type: 'app.bsky.feed.post',
    text: 'Quote with a picture',
    createdAt: '2024-03-04T10:00:00.000Z', // the same time as the quote above: the record key orders them
    embed: {
      $type: 'app.bsky.embed.recordWithMedia',
      record: { $type: 'app.bsky.embed.record', record: { uri: `at://${other}/app.bsky.feed.post/3kquoted00002`, cid: postCid } },
      media: { $type: 'app.bsky.embed.images', images: [{ image: blob(imageCid), alt: 'a picture' }] },
    },
  },
  '3kfeedquote01': {
    $type: 'app.bsky.feed.post',
    text: 'A feed worth following',
    createdAt: '2024-02-01T10:00:00.000Z',
    embed: { $type: 'app.bsky.embed.record', record: { uri: `at://${other}/app.bsky.feed.generator/birds`, cid: postCid } },
  },
  '3klink0000001': {
    $type: 'app.bsky.feed.post',
    text: 'Read this',
    createdAt: '2024-01-01T10:00:00.000Z',
    embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com/a', title: 'A', description: 'About A', thumb: blob(imageCid) } },
  },
  // Not app.bsky.feed.post: no text, and a time that is none.
  '3kinvalid0001': { $type: 'app.bsky.feed.post', createdAt: '2024-03-05T10:00:00.000Z' },
  '3kinvalid0002': { $type: 'app.bsky.feed.post', text: 'when?', createdAt: 'yesterday' },
};

function carOf(withProfile: boolean, posts = records): Promise<Uint8Array> {
  const write = (collection: string, rkey: string, record: Record<string, unknown>): RepoRecord => ({ collection, rkey, record });
  return repoCar(did, [
    ...Object.entries(posts).map(([rkey, record]) => write('app.bsky.feed.post', rkey, record)),
    write('app.bsky.feed.like', '3klike0000001', { $type: 'app.bsky.feed.like', subject: { uri: `at://${other}/app.bsky.feed.post/3kroot0000001`, cid: postCid }, createdAt: '2024-03-06T10:00:00.000Z' }),
    write('app.bsky.feed.repost', '3krepost00001', { $type: 'app.bsky.feed.repost', subject: { uri: `at://${other}/app.bsky.feed.post/3kroot0000001`, cid: postCid }, createdAt: '2024-03-06T10:00:00.000Z' }),
    ...(withProfile ? [write('app.bsky.actor.profile', 'self', { $type: 'app.bsky.actor.profile', displayName: 'Amy Pond', avatar: blob(avatarCid) })] : []),
  ]);
}

describe('reading a Bluesky repository (CAR) for the archive', () => {
  it('gives every post record, newest first, in the archive\'s shape; counts the invalid ones; leaves other records out', async () => {
    const logged: string[] = [];
    const decoded = await decodeRepoCar(await carOf(true), { accountId, pdsUrl, author: { handle: 'amy.test', displayName: 'Amy', avatarUrl: null }, log: (message) => logged.push(message) });
    expect(decoded.did).toBe(did);
    expect(decoded.unreadable).toBe(2);
    expect(logged).toEqual([`${uriOf('3kinvalid0001')} could not be read for the archive`, `${uriOf('3kinvalid0002')} could not be read for the archive`]);
    expect(decoded.posts.map((post) => post.key)).toEqual(
      ['3kquotemedia1', '3kquote000001', '3kreply000001', '3kimage000001', '3kfacets00001', '3kfeedquote01', '3klink0000001'].map(uriOf),
    );
    for (const post of decoded.posts) {
      expect(postSchema.parse(post.post)).toEqual(post.post);
      expect(post.uri).toBe(post.key);
      expect(post.post.uri).toBe(post.key);
      expect(post.url).toBe(`https://bsky.app/profile/${did}/post/${post.key.split('/').pop()}`);
      expect(post.post.author).toEqual({ network: 'bluesky', id: did, handle: 'amy.test', displayName: 'Amy', avatarUrl: null, profileUrl: 'https://bsky.app/profile/amy.test' });
      expect(post.post.seenBy).toEqual([{ accountId, nativeId: post.key, cid: expect.stringMatching(/^bafyrei/) as unknown, liked: false, boosted: false }]);
      expect(JSON.stringify(post)).not.toContain('at://' + did + '/app.bsky.feed.post/3kinvalid');
    }
    const byKey = (rkey: string) => decoded.posts.find((post) => post.key === uriOf(rkey))!;

    const facets = byKey('3kfacets00001');
    expect(facets).toMatchObject({ createdAt: '2024-03-01T10:00:00.000Z', text, altText: '', langs: ['en', 'fr'], hasMedia: false, isReply: false, isQuote: false });
    expect(facets.content).toEqual({
      kind: 'facets',
      text,
      facets: [
        { ...bytes('example.com'), feature: { kind: 'link', uri: 'https://example.com/' } },
        { ...bytes('@zed.test'), feature: { kind: 'mention', did: other } },
        { ...bytes('#birds'), feature: { kind: 'tag', tag: 'birds' } },
      ],
    });
    expect(facets.post).toMatchObject({ language: 'en', labels: ['graphic-media'], replyTo: null, quote: null, counts: { replies: 0, boosts: 0, likes: 0 } });
    // The record itself, as lex-json, for exports.
    expect(facets.source).toEqual(records['3kfacets00001']);

    const image = byKey('3kimage000001');
    expect(image).toMatchObject({ hasMedia: true, altText: 'a grey heron on one leg\nthe pond' });
    const getBlob = (cid: string) => `${pdsUrl}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(did)}&cid=${cid}`;
    expect(image.post.media).toEqual([
      { kind: 'image', url: getBlob(imageCid), previewUrl: getBlob(imageCid), alt: 'a grey heron on one leg', width: 800, height: 600 },
      { kind: 'image', url: getBlob(avatarCid), previewUrl: getBlob(avatarCid), alt: 'the pond', width: null, height: null },
    ]);
    expect((image.source as { embed: { images: { image: unknown }[] } }).embed.images[0]?.image).toEqual(blob(imageCid));

    expect(byKey('3kreply000001')).toMatchObject({ isReply: true, isQuote: false, post: { replyTo: { handle: null } } });
    expect(byKey('3kquote000001')).toMatchObject({ isQuote: true, hasMedia: false, isReply: false });
    expect(byKey('3kquotemedia1')).toMatchObject({ isQuote: true, hasMedia: true, altText: 'a picture' });
    // A quoted feed is not a quoted post (as on the timeline).
    expect(byKey('3kfeedquote01')).toMatchObject({ isQuote: false });
    expect(byKey('3klink0000001').post.card).toEqual({ url: 'https://example.com/a', title: 'A', description: 'About A', imageUrl: getBlob(imageCid) });
  });

  it('takes the name and avatar from the repository\'s profile when not given; without a PDS, media point at Bluesky\'s CDN', async () => {
    const decoded = await decodeRepoCar(await carOf(true), { accountId, author: { handle: 'amy.test' } });
    const cdn = blobUrlFor(did, null);
    expect(decoded.posts[0]?.post.author).toMatchObject({ displayName: 'Amy Pond', avatarUrl: cdn(avatarCid, 'thumbnail') });
    const image = decoded.posts.find((post) => post.key === uriOf('3kimage000001'))!;
    expect(image.post.media[0]).toMatchObject({
      url: `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${imageCid}@jpeg`,
      previewUrl: `https://cdn.bsky.app/img/feed_thumbnail/plain/${did}/${imageCid}@jpeg`,
    });
    expect(cdn(imageCid, 'video')).toBe(`https://video.bsky.app/watch/${did}/${imageCid}/playlist.m3u8`);

    const bare = await decodeRepoCar(await carOf(false), { accountId, author: { handle: 'amy.test' } });
    expect(bare.posts[0]?.post.author).toMatchObject({ displayName: '', avatarUrl: null });
  });

  it('reads a CAR file on its own (an export): the DID stands for the handle, the account is the repository\'s', async () => {
    const decoded = await decodeRepoCar(await carOf(true));
    expect(decoded.author).toEqual({ network: 'bluesky', id: did, handle: did, displayName: 'Amy Pond', avatarUrl: blobUrlFor(did)(avatarCid, 'thumbnail'), profileUrl: `https://bsky.app/profile/${did}` });
    expect(decoded.posts).toHaveLength(7);
    expect(decoded.posts[0]?.post.seenBy[0]?.accountId).toBe(accountId);
  });

  it('refuses a repository that is not the account\'s, and bytes that are no CAR', async () => {
    const car = await carOf(false);
    await expect(decodeRepoCar(car, { accountId, did: other, author: { handle: 'zed.test' } })).rejects.toThrow(/not did:plc:zed/);
    await expect(decodeRepoCar(new Uint8Array([1, 2, 3, 4]), { accountId, author: { handle: 'amy.test' } })).rejects.toThrow();
  });
});

describe('the Bluesky archive, page by page', () => {
  /** 250 posts, many at the same time (so that pages end inside a run of equal times), one invalid. */
  async function setUp() {
    const posts: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 250; i++) {
      const rkey = `3kpost${String(i).padStart(7, '0')}`;
      posts[rkey] = { $type: 'app.bsky.feed.post', text: `post ${i}`, createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 7) * 60_000).toISOString() };
    }
    posts['3kbroken00001'] = { $type: 'app.bsky.feed.post', createdAt: '2024-01-01T00:00:00.000Z' };
    const car = await carOf(true, posts);
    const fetched: string[] = [];
    const agent = {
      did,
      pdsUrl: new URL(pdsUrl),
      com: {
        atproto: {
          repo: {
            describeRepo: async () => ({ data: { handle: 'amy.test', didDoc: { id: did, service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: pdsUrl }] } } }),
          },
        },
      },
    };
    // getRepo, from the PDS the DID document names (plain fetch: it needs no session).
    const fetchRepo: typeof fetch = async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      expect(`${url.origin}${url.pathname}`).toBe(`${pdsUrl}/xrpc/com.atproto.sync.getRepo`);
      fetched.push(url.searchParams.get('did') ?? '');
      return new Response(car, { headers: { 'content-type': 'application/vnd.ipld.car', 'ratelimit-remaining': '2999', 'ratelimit-reset': '1900000000' } });
    };
    const archive = () => createBlueskyArchive(async () => agent as never, undefined, undefined, { fetch: fetchRepo });
    return { archive, fetched };
  }

  it('hands out the repository 100 posts a page, newest first, each once; a new run goes on strictly after the cursor', async () => {
    const { archive, fetched } = await setUp();
    const first = archive();
    const page1 = await first.ownPostsPage(accountId, null);
    expect(page1).toMatchObject({ unreadable: 1, budget: { remaining: 2999, resetAt: 1_900_000_000_000 } });
    expect(page1.posts).toHaveLength(archivePageSize);
    expect(page1.posts[0]?.text).toBe('post 249');
    const page2 = await first.ownPostsPage(accountId, page1.next);
    expect(page2).toMatchObject({ unreadable: 0, budget: null });
    expect(fetched).toHaveLength(1); // the second page came from the repository already read

    // As after a restart: another module instance, which fetches the repository again.
    const page3 = await archive().ownPostsPage(accountId, page2.next);
    expect(fetched).toHaveLength(2);
    expect(page3).toMatchObject({ next: null, unreadable: 0 });
    const texts = [...page1.posts, ...page2.posts, ...page3.posts].map((post) => post.text);
    expect(texts).toHaveLength(250);
    expect(new Set(texts).size).toBe(250);
    const times = [...page1.posts, ...page2.posts, ...page3.posts].map((post) => post.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(await first.total?.(accountId)).toBe(250); // the walk is still read in `first`
  });

  it('starts again from the newest post on a cursor it did not write', async () => {
    const { archive } = await setUp();
    const page = await archive().ownPostsPage(accountId, 'not a cursor of ours');
    expect(page.posts[0]?.text).toBe('post 249');
    expect(page.unreadable).toBe(1);
  });
});
