/**
 * Export files as the platforms write them, for the offline readers
 * (electron/core/archive/files/): a Mastodon account export (actor.json, outbox.json of Create
 * and Announce activities, media under media_attachments/) and a Twitter/X data export
 * (data/account.js, data/tweets.js as `window.YTD.tweets.part0 = [...]`, data/tweets_media/).
 * Each has `count` numbered posts plus the hard ones: accents, CJK, hostile markup, an image with
 * alt text, a reply, a boost or retweet, and one broken entry. Written with yazl. And a Bluesky
 * repository as com.atproto.sync.getRepo answers it (a CAR file), built with @atproto/repo as a
 * PDS builds it.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { jsonToLex } from '@atproto/lex-json';
import { blocksToCarFile, MemoryBlockstore, Repo, WriteOpAction, type RecordCreateOp } from '@atproto/repo';
import yazl from 'yazl';

export type ZipFiles = ReadonlyArray<readonly [name: string, content: string | Uint8Array]>;

/** Writes a zip of `files` at `path`. */
export async function writeZip(path: string, files: ZipFiles): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content), name, { compress: typeof content === 'string' });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/** Bytes that start like a PNG, a JPEG, an MP4: the readers hand bytes over, they do not decode them. */
export const fakePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('red square pixels')]);
export const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('blue circle pixels')]);
export const fakeMp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42 video frames')]);

export const hostileHtml = '<p>safe words</p><script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">click</a><style>body{display:none}</style>&lt;b&gt;not bold&lt;/b&gt;';

const minute = 60_000;
const base = Date.UTC(2023, 0, 1);

// ---------------------------------------------------------------------------------------------
// Mastodon

export interface MastodonExportFacts {
  actorId: string;
  host: string;
  username: string;
  /** Entries of outbox.json, boosts and the broken one included. */
  entries: number;
  /** Posts a reader should give. */
  posts: number;
  boosts: number;
  broken: number;
  ids: { accents: string; cjk: string; hostile: string; warned: string; image: string; reply: string; quote: string; poll: string };
  image: { path: string; alt: string; mimeType: string; bytes: Buffer };
}

export interface MastodonExportOptions {
  count: number;
  /** The hard posts, the boost and the broken entry (default true). */
  extras?: boolean;
  /** outbox.json lists Notes directly, not Create activities (as other servers' exports may). */
  bareNotes?: boolean;
  /** Everything inside one folder of the zip (a zip made again from the unpacked export). */
  folder?: string;
}

export async function writeMastodonExport(path: string, options: MastodonExportOptions): Promise<MastodonExportFacts> {
  const host = 'gone.example';
  const username = 'elodie';
  const actorId = `https://${host}/users/elodie`;
  const extras = options.extras ?? true;
  const number = (n: number) => `1100000000${String(n).padStart(8, '0')}`;
  const statusId = (n: number) => `${actorId}/statuses/${number(n)}`;
  const note = (n: number, fields: Record<string, unknown>) => ({
    id: statusId(n),
    type: 'Note',
    summary: null,
    inReplyTo: null,
    published: new Date(base + n * minute).toISOString().replace('.000Z', 'Z'),
    url: `https://${host}/@elodie/${number(n)}`,
    attributedTo: actorId,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [`${actorId}/followers`],
    sensitive: false,
    atomUri: statusId(n),
    conversation: `tag:${host},2023-01-01:objectId=${n}:objectType=Conversation`,
    content: `<p>Post number ${n}</p>`,
    contentMap: { en: `<p>Post number ${n}</p>` },
    attachment: [],
    tag: [],
    replies: { id: `${statusId(n)}/replies`, type: 'Collection', first: { type: 'CollectionPage', next: `${statusId(n)}/replies?page=true`, partOf: `${statusId(n)}/replies`, items: [] } },
    ...fields,
  });
  const create = (object: Record<string, unknown>) =>
    options.bareNotes ? object : { id: `${String(object.id)}/activity`, type: 'Create', actor: actorId, published: object.published, to: object.to, cc: object.cc, object };

  const items: unknown[] = [];
  for (let n = 0; n < options.count; n++) items.push(create(note(n, {})));
  const image = { path: 'media_attachments/files/110/000/001/original/4a5b6c7d8e9f.png', alt: 'A red square, centré — 赤い四角', mimeType: 'image/png', bytes: fakePng };
  const missingMedia = 'media_attachments/files/110/000/002/original/missing.mp4';
  const ids = { accents: statusId(900_001), cjk: statusId(900_002), hostile: statusId(900_003), warned: statusId(900_004), image: statusId(900_005), reply: statusId(900_006), quote: statusId(900_007), poll: statusId(900_008) };
  let boosts = 0;
  let broken = 0;
  if (extras) {
    const accents = '<p>Café crème à l’été — naïveté, Œuvre, Ångström</p>';
    items.push(create(note(900_001, { content: accents, contentMap: { fr: accents } })));
    const cjk = '<p>東京の桜が満開です 🌸 서울 你好</p>';
    items.push(create(note(900_002, { content: cjk, contentMap: { ja: cjk } })));
    items.push(create(note(900_003, { content: hostileHtml, contentMap: { en: hostileHtml } })));
    items.push(create(note(900_004, { summary: 'Spoilers: the ending', sensitive: true, published: '2023-06-01T12:00:00+02:00', content: '<p>The butler did it.</p>', contentMap: { en: '<p>The butler did it.</p>' } })));
    items.push(
      create(
        note(900_005, {
          content: '<p>A picture</p>',
          attachment: [
            { type: 'Document', mediaType: image.mimeType, url: `/${image.path}`, name: image.alt, blurhash: 'U00000fQfQfQfQfQfQfQfQfQfQfQ', focalPoint: [0, 0], width: 4, height: 4 },
            // Listed, but its file is not in the zip (the server could not copy it when it made the export).
            { type: 'Document', mediaType: 'video/mp4', url: `/${missingMedia}`, name: null },
          ],
        }),
      ),
    );
    items.push(create(note(900_006, { inReplyTo: 'https://elsewhere.example/users/bob/statuses/42', content: '<p><span class="h-card"><a href="https://elsewhere.example/@bob" class="u-url mention">@<span>bob</span></a></span> I agree</p>' })));
    items.push(create(note(900_007, { quoteUri: 'https://elsewhere.example/users/bob/statuses/43', _misskey_quote: 'https://elsewhere.example/users/bob/statuses/43', content: '<p>Quoting this</p>' })));
    items.push(
      create(
        note(900_008, {
          type: 'Question',
          content: '<p>Tea or coffee?</p>',
          endTime: '2023-01-02T00:00:00Z',
          closed: '2023-01-02T00:00:00Z',
          votersCount: 5,
          oneOf: [
            { type: 'Note', name: 'Tea', replies: { type: 'Collection', totalItems: 3 } },
            { type: 'Note', name: 'Coffee', replies: { type: 'Collection', totalItems: 2 } },
          ],
        }),
      ),
    );
    // A boost of someone else's post: its object is only the post's address.
    items.push({ id: `${statusId(900_009)}/activity`, type: 'Announce', actor: actorId, published: new Date(base).toISOString(), to: [], cc: [], object: 'https://elsewhere.example/users/bob/statuses/44' });
    boosts = 1;
    // A broken entry: a Create whose note has no date and no id URL.
    items.push({ id: 'broken/activity', type: 'Create', actor: actorId, object: { id: 'not a url', type: 'Note', content: '<p>lost</p>' } });
    broken = 1;
  }
  const outbox = { '@context': 'https://www.w3.org/ns/activitystreams', id: 'outbox.json', type: 'OrderedCollection', totalItems: items.length, orderedItems: items };
  const actor = {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: actorId,
    type: 'Person',
    following: `${actorId}/following`,
    followers: `${actorId}/followers`,
    inbox: `${actorId}/inbox`,
    outbox: 'outbox.json',
    preferredUsername: username,
    name: 'Élodie Ünal 🌸',
    summary: '<p>Gone but archived.</p>',
    url: `https://${host}/@elodie`,
    manuallyApprovesFollowers: false,
    published: '2022-11-01T00:00:00Z',
    publicKey: { id: `${actorId}#main-key`, owner: actorId, publicKeyPem: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n' },
    icon: { type: 'Image', mediaType: 'image/png', url: 'avatar.png' },
    likes: 'likes.json',
    bookmarks: 'bookmarks.json',
  };
  const folder = options.folder ? `${options.folder}/` : '';
  const files: [string, string | Uint8Array][] = [
    [`${folder}actor.json`, JSON.stringify(actor)],
    [`${folder}outbox.json`, JSON.stringify(outbox)],
    [`${folder}likes.json`, JSON.stringify({ id: 'likes.json', type: 'OrderedCollection', totalItems: 0, orderedItems: [] })],
    [`${folder}bookmarks.json`, JSON.stringify({ id: 'bookmarks.json', type: 'OrderedCollection', totalItems: 0, orderedItems: [] })],
    [`${folder}avatar.png`, fakePng],
  ];
  if (extras) files.push([`${folder}${image.path}`, image.bytes]);
  await writeZip(path, files);
  const specials = extras ? Object.keys(ids).length : 0;
  return { actorId, host, username, entries: items.length, posts: options.count + specials, boosts, broken, ids, image };
}

// ---------------------------------------------------------------------------------------------
// Twitter / X

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A time as Twitter writes it: "Wed Oct 10 20:19:24 +0000 2018". */
export function twitterTime(time: number): string {
  const d = new Date(time);
  return `${days[d.getUTCDay()]} ${monthNames[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

export interface TwitterExportFacts {
  accountId: string;
  username: string;
  entries: number;
  posts: number;
  broken: number;
  ids: { accents: string; cjk: string; hostile: string; link: string; image: string; video: string; reply: string; retweet: string };
  link: { short: string; expanded: string };
  image: { alt: string; mimeType: string; bytes: Buffer };
  video: { mimeType: string; bytes: Buffer };
  /** With the `follows` option: the people of data/following.js and data/follower.js as a reader should recover them. */
  follows?: TwitterFollowsFacts;
}

/** A person of data/following.js or data/follower.js, with what the export's tweets say of them. */
export interface TwitterFollowFact {
  id: string;
  handle: string | null;
  name: string | null;
}

export interface TwitterFollowsFacts {
  following: TwitterFollowFact[];
  followers: TwitterFollowFact[];
  /** People of both lists (each once) no tweet names. */
  unnamed: number;
}

export interface TwitterExportOptions {
  count: number;
  extras?: boolean;
  /** data/tweet.js and window.YTD.tweet.part0, as exports before 2020 named them. */
  older?: boolean;
  /** The tweets spread over tweets.js, tweets-part1.js, … */
  parts?: number;
  /**
   * data/following.js and data/follower.js (ids only, as Twitter writes them), data/direct-messages.js
   * (ids only too), and tweets that mention or reply to some of those people (counted in posts):
   * their handles and names are known from the tweets, the others' never.
   */
  follows?: boolean;
}

export async function writeTwitterExport(path: string, options: TwitterExportOptions): Promise<TwitterExportFacts> {
  const accountId = '1234567890';
  const username = 'leaving_user';
  const extras = options.extras ?? true;
  const tweetId = (n: number) => String(1_500_000_000_000_000_000n + BigInt(n));
  const tweet = (n: number, fields: Record<string, unknown>) => ({
    tweet: {
      edit_info: { initial: { editTweetIds: [tweetId(n)], editableUntil: '2023-01-01T01:00:00.000Z', editsRemaining: '5', isEditEligible: true } },
      retweeted: false,
      source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
      entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
      display_text_range: ['0', '20'],
      favorite_count: String(n % 7),
      id_str: tweetId(n),
      truncated: false,
      retweet_count: String(n % 3),
      id: tweetId(n),
      created_at: twitterTime(base + n * minute),
      favorited: false,
      full_text: `Tweet number ${n}`,
      lang: 'en',
      ...fields,
    },
  });
  const items: unknown[] = [];
  for (let n = 0; n < options.count; n++) items.push(tweet(n, {}));
  const ids = { accents: tweetId(900_001), cjk: tweetId(900_002), hostile: tweetId(900_003), link: tweetId(900_004), image: tweetId(900_005), video: tweetId(900_006), reply: tweetId(900_007), retweet: tweetId(900_008) };
  const link = { short: 'https://t.co/AbCdEf1234', expanded: 'https://example.com/a-long/article?id=1&ref=tw' };
  const image = { alt: 'A blue circle, bleu — 青い丸', mimeType: 'image/jpeg', bytes: fakeJpeg };
  const video = { mimeType: 'video/mp4', bytes: fakeMp4 };
  const media: [string, Uint8Array][] = [];
  let broken = 0;
  if (extras) {
    items.push(tweet(900_001, { full_text: 'Café crème à l’été — naïveté #ÉtéIndien', lang: 'fr', entities: { hashtags: [{ text: 'ÉtéIndien', indices: ['33', '43'] }], symbols: [], user_mentions: [], urls: [] } }));
    items.push(tweet(900_002, { full_text: '東京の桜が満開です 🌸 서울 你好', lang: 'ja' }));
    // As Twitter stores it: its own text escaped (&lt; &gt; &amp;), never markup.
    items.push(tweet(900_003, { full_text: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;friends&lt;/b&gt;', lang: 'en' }));
    items.push(
      tweet(900_004, {
        full_text: `Worth reading 📖 ${link.short} — really`,
        entities: { hashtags: [], symbols: [], user_mentions: [], urls: [{ url: link.short, expanded_url: link.expanded, display_url: 'example.com/a-long/artic…', indices: ['16', '39'] }] },
      }),
    );
    const photo = {
      expanded_url: `https://x.com/${username}/status/${ids.image}/photo/1`,
      indices: ['13', '36'],
      url: 'https://t.co/PhOtO12345',
      media_url: 'http://pbs.twimg.com/media/FqXyZ123abc.jpg',
      id_str: '1600000000000000001',
      id: '1600000000000000001',
      media_url_https: 'https://pbs.twimg.com/media/FqXyZ123abc.jpg',
      sizes: { large: { w: '2048', h: '1536', resize: 'fit' }, thumb: { w: '150', h: '150', resize: 'crop' } },
      type: 'photo',
      display_url: 'pic.x.com/PhOtO12345',
    };
    items.push(
      tweet(900_005, {
        full_text: 'Look at this https://t.co/PhOtO12345',
        entities: { hashtags: [], symbols: [], user_mentions: [], urls: [], media: [photo] },
        extended_entities: { media: [{ ...photo, ext_alt_text: image.alt }] },
      }),
    );
    media.push([`data/tweets_media/${ids.image}-FqXyZ123abc.jpg`, image.bytes]);
    const clip = {
      ...photo,
      url: 'https://t.co/ViDeO12345',
      media_url_https: 'https://pbs.twimg.com/ext_tw_video_thumb/1600000000000000002/pu/img/thumbXYZ.jpg',
      type: 'video',
      video_info: {
        aspect_ratio: ['16', '9'],
        duration_millis: '4000',
        variants: [
          { bitrate: '256000', content_type: 'video/mp4', url: 'https://video.twimg.com/ext_tw_video/1600000000000000002/pu/vid/480x270/lowRes.mp4?tag=12' },
          { content_type: 'application/x-mpegURL', url: 'https://video.twimg.com/ext_tw_video/1600000000000000002/pu/pl/playlist.m3u8?tag=12' },
          { bitrate: '2176000', content_type: 'video/mp4', url: 'https://video.twimg.com/ext_tw_video/1600000000000000002/pu/vid/1280x720/highRes.mp4?tag=12' },
        ],
      },
    };
    items.push(tweet(900_006, { full_text: 'A clip https://t.co/ViDeO12345', entities: { hashtags: [], symbols: [], user_mentions: [], urls: [], media: [clip] }, extended_entities: { media: [clip] } }));
    media.push([`data/tweets_media/${ids.video}-highRes.mp4`, video.bytes]);
    items.push(
      tweet(900_007, {
        full_text: '@alice I agree',
        in_reply_to_status_id_str: '1400000000000000000',
        in_reply_to_status_id: '1400000000000000000',
        in_reply_to_user_id_str: '42',
        in_reply_to_screen_name: 'alice',
        entities: { hashtags: [], symbols: [], user_mentions: [{ name: 'Alice', screen_name: 'alice', indices: ['0', '6'], id_str: '42', id: '42' }], urls: [] },
      }),
    );
    // A retweet, as the export keeps it: the user's own tweet whose text starts "RT @".
    items.push(tweet(900_008, { full_text: 'RT @carol: something worth sharing', retweet_count: '0' }));
    // A broken entry: no date, and an id that is not one.
    items.push({ tweet: { id_str: 'not-an-id', full_text: 'lost' } });
    broken = 1;
  }
  const follows = options.follows ? twitterFollows(tweet) : null;
  if (follows) items.push(...follows.tweets);
  const name = options.older ? 'tweet' : 'tweets';
  const parts = Math.max(1, options.parts ?? 1);
  const size = Math.ceil(items.length / parts);
  const files: [string, string | Uint8Array][] = [
    ['data/account.js', `window.YTD.account.part0 = ${JSON.stringify([{ account: { email: 'user@example.com', createdVia: 'web', username, accountId, createdAt: '2010-01-01T00:00:00.000Z', accountDisplayName: 'Leaving Ünal 🌸' } }], null, 2)}`],
    ['data/profile.js', `window.YTD.profile.part0 = ${JSON.stringify([{ profile: { description: { bio: 'bye' } } }])}`],
    ['Your archive.html', '<!doctype html><title>Your archive</title>'],
  ];
  for (let part = 0; part < parts; part++) {
    const chunk = items.slice(part * size, (part + 1) * size);
    files.push([`data/${name}${part === 0 ? '' : `-part${part}`}.js`, `window.YTD.${name}.part${part} = ${JSON.stringify(chunk, null, 2)}`]);
  }
  files.push(...media);
  if (follows) files.push(...follows.files);
  await writeZip(path, files);
  const specials = (extras ? Object.keys(ids).length : 0) + (follows?.tweets.length ?? 0);
  return { accountId, username, entries: items.length, posts: options.count + specials, broken, ids, link, image, video, ...(follows ? { follows: follows.facts } : {}) };
}

/** The follows files of a Twitter export, and the tweets that name some of those people. */
function twitterFollows(tweet: (n: number, fields: Record<string, unknown>) => unknown): { tweets: unknown[]; files: [string, string][]; facts: TwitterFollowsFacts } {
  const mention = (id: string, screenName: string, name: string, at: number) => ({ name, screen_name: screenName, indices: [String(at), String(at + screenName.length + 1)], id_str: id, id });
  const entities = (mentions: unknown[]) => ({ hashtags: [], symbols: [], user_mentions: mentions, urls: [] });
  const tweets = [
    tweet(900_101, { full_text: '@bob_smith @chloe_u see you there', entities: entities([mention('1001', 'bob_smith', 'Bob Smith', 0), mention('1002', 'chloe_u', 'Chloé Ünal 🌸', 11), mention('1006', 'erin', 'Erin', 0)]) }),
    // An older tweet with Bob's name as it was then: the newer one wins.
    tweet(900_102, { full_text: '@bob_smith hi', created_at: twitterTime(base - 365 * 24 * 60 * minute), entities: entities([mention('1001', 'bob_smith', 'Bobby', 0)]) }),
    // A reply that names Dave only by his handle (no mention entity): a handle, no name.
    tweet(900_103, { full_text: 'Thanks!', in_reply_to_status_id_str: '1400000000000000001', in_reply_to_user_id_str: '1003', in_reply_to_screen_name: 'dave_x', entities: entities([]) }),
    // Someone who is in neither list: not a person of the export's follows.
    tweet(900_104, { full_text: '@stranger hello', entities: entities([mention('9999', 'stranger', 'A Stranger', 0)]) }),
  ];
  const entry = (key: 'following' | 'follower', id: string) => ({ [key]: { accountId: id, userLink: `https://twitter.com/intent/user?user_id=${id}` } });
  const following = ['1001', '1002', '1003', '1004', '1005'];
  const followers = ['1002', '1006', '1007'];
  const files: [string, string][] = [
    // One broken entry (no valid id): skipped.
    ['data/following.js', `window.YTD.following.part0 = ${JSON.stringify([...following.map((id) => entry('following', id)), { following: { accountId: 'not-an-id' } }], null, 2)}`],
    ['data/follower.js', `window.YTD.follower.part0 = ${JSON.stringify(followers.map((id) => entry('follower', id)), null, 2)}`],
    [
      'data/direct-messages.js',
      `window.YTD.direct_messages.part0 = ${JSON.stringify([{ dmConversation: { conversationId: '1004-1234567890', messages: [{ messageCreate: { recipientId: '1004', reactions: [], urls: [], text: 'hello', mediaUrls: [], senderId: '1234567890', id: '1500000000000000099', createdAt: '2023-01-01T00:00:00.000Z' } }] } }], null, 2)}`,
    ],
  ];
  const known: Record<string, { handle: string | null; name: string | null }> = {
    '1001': { handle: 'bob_smith', name: 'Bob Smith' },
    '1002': { handle: 'chloe_u', name: 'Chloé Ünal 🌸' },
    '1003': { handle: 'dave_x', name: null },
    '1006': { handle: 'erin', name: 'Erin' },
  };
  const fact = (id: string): TwitterFollowFact => ({ id, handle: known[id]?.handle ?? null, name: known[id]?.name ?? null });
  return { tweets, files, facts: { following: following.map(fact), followers: followers.map(fact), unnamed: 3 } };
}

// ---------------------------------------------------------------------------------------------
// Bluesky

/** One record of a repository: its collection, record key and value (as JSON, blobs as `{ $type: 'blob', ref: { $link } }`). */
export interface RepoRecord {
  collection: string;
  rkey: string;
  record: Record<string, unknown>;
}

/** A fake signing key: the archive does not check the commit's signature. */
const fakeKeypair = { jwtAlg: 'ES256K', did: () => 'did:key:zQ3shfake', sign: async () => new Uint8Array(64) };

/** The repository of `did` holding `records`, as the CAR file com.atproto.sync.getRepo answers. */
export async function repoCar(did: string, records: readonly RepoRecord[]): Promise<Uint8Array> {
  const storage = new MemoryBlockstore();
  const writes = records.map(
    ({ collection, rkey, record }): RecordCreateOp => ({
      action: WriteOpAction.Create,
      collection: collection as RecordCreateOp['collection'],
      rkey,
      record: jsonToLex(record as Parameters<typeof jsonToLex>[0]) as RecordCreateOp['record'],
    }),
  );
  const repo = await Repo.create(storage, did, fakeKeypair, writes);
  return blocksToCarFile(repo.cid, storage.blocks);
}

export interface BlueskyRepoFacts {
  did: string;
  /** Post records a reader should give. */
  posts: number;
  /** Post records that are not valid posts. */
  broken: number;
  rkeys: { accents: string; cjk: string; hostile: string };
}

/** A repository with `count` numbered posts plus (by default) accents, CJK, hostile text, a like, a profile and one broken post, written as a CAR file at `path`. */
export async function writeBlueskyRepo(path: string, options: { count: number; extras?: boolean; did?: string }): Promise<BlueskyRepoFacts> {
  const did = options.did ?? 'did:plc:repoexportrepoexportrepo';
  const extras = options.extras ?? true;
  const rkey = (n: number) => `3kexport${String(n).padStart(7, '0')}`;
  const post = (n: number, fields: Record<string, unknown>): RepoRecord => ({
    collection: 'app.bsky.feed.post',
    rkey: rkey(n),
    record: { $type: 'app.bsky.feed.post', text: `Skeet number ${n}`, createdAt: new Date(base + n * minute).toISOString(), langs: ['en'], ...fields },
  });
  const records: RepoRecord[] = [];
  for (let n = 0; n < options.count; n++) records.push(post(n, {}));
  // The hard posts at the same times as the Mastodon and Twitter exports' (the same words there: a cross-post).
  const rkeys = { accents: rkey(900_001), cjk: rkey(900_002), hostile: rkey(900_003) };
  let broken = 0;
  if (extras) {
    records.push(post(900_001, { text: 'Café crème à l’été — naïveté au soleil', langs: ['fr'] }));
    records.push(post(900_002, { text: '東京の桜が満開です 🌸 서울 你好', langs: ['ja'] }));
    records.push(post(900_003, { text: '<script>alert(1)</script> & <b>friends</b>' }));
    // Not a post: no text.
    records.push({ collection: 'app.bsky.feed.post', rkey: rkey(900_004), record: { $type: 'app.bsky.feed.post', createdAt: new Date(base).toISOString() } });
    broken = 1;
    records.push({ collection: 'app.bsky.feed.like', rkey: '3klike0000001', record: { $type: 'app.bsky.feed.like', subject: { uri: 'at://did:plc:zedzedzedzedzedzedzedzed/app.bsky.feed.post/3kroot0000001', cid: 'bafyreiaqxtjf4yygchi3ilrcjuinhkd3b4zxc6k3muda5nid7yq7jq5bly' }, createdAt: new Date(base).toISOString() } });
    records.push({ collection: 'app.bsky.actor.profile', rkey: 'self', record: { $type: 'app.bsky.actor.profile', displayName: 'Élodie on Bluesky' } });
  }
  await writeFile(path, await repoCar(did, records));
  return { did, posts: options.count + (extras ? Object.keys(rkeys).length : 0), broken, rkeys };
}
