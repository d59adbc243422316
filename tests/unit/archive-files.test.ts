import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMastodonExport } from '../../electron/core/archive/files/mastodon-export.ts';
import { parseYtd, readTwitterExport, twitterDate } from '../../electron/core/archive/files/twitter-export.ts';
import { ExportFileError } from '../../electron/core/archive/files/zip-reader.ts';
import type { ArchivedPost, ArchivePage } from '../../electron/core/networks/archive.ts';
import { postSchema } from '../../shared/domain/post.ts';
import { hostileHtml, writeMastodonExport, writeTwitterExport, writeZip, type MastodonExportFacts, type TwitterExportFacts } from '../support/export-files.ts';
import { tempDir } from '../support/temp-dir.ts';

const folder = tempDir('export-files');
afterAll(() => folder.remove());
const file = (name: string) => join(folder.path, name);

async function collect(pages: AsyncIterable<ArchivePage>) {
  const list: ArchivePage[] = [];
  for await (const page of pages) list.push(page);
  const posts = list.flatMap((page) => page.posts);
  return { pages: list, posts, unreadable: list.reduce((sum, page) => sum + page.unreadable, 0), byKey: new Map(posts.map((post) => [post.key, post])) };
}

const get = (byKey: Map<string, ArchivedPost>, key: string) => {
  const post = byKey.get(key);
  if (!post) throw new Error(`no post ${key}`);
  return post;
};

async function refusal(reading: Promise<unknown>): Promise<ExportFileError> {
  const error = await reading.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ExportFileError);
  return error as ExportFileError;
}

const isoUtc = (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && new Date(value).toISOString() === value;

let notZip: string;
let otherZip: string;
beforeAll(async () => {
  notZip = file('notes.zip');
  writeFileSync(notZip, 'This is a text file whose name ends in .zip.\n');
  otherZip = file('photos.zip');
  await writeZip(otherZip, [
    ['holiday/readme.txt', 'photos'],
    ['holiday/beach.jpg', new Uint8Array([0xff, 0xd8, 0xff])],
  ]);
});

describe('readMastodonExport', () => {
  let facts: MastodonExportFacts;
  let read: Awaited<ReturnType<typeof collect>>;
  let account: Awaited<ReturnType<typeof readMastodonExport>>['account'];
  let entries: number;
  beforeAll(async () => {
    facts = await writeMastodonExport(file('mastodon.zip'), { count: 450 });
    const exported = await readMastodonExport(file('mastodon.zip'));
    account = exported.account;
    entries = exported.entries;
    read = await collect(exported.pages);
  });

  it('names the account by its ActivityPub id (the export has no server id), with its handle and avatar', () => {
    expect(account).toMatchObject({ network: 'mastodon', accountId: `mastodon-export:${facts.actorId}`, handle: '@elodie@gone.example', actorUri: facts.actorId, displayName: 'Élodie Ünal 🌸' });
    expect(account.avatar?.mimeType).toBe('image/png');
    expect(account.avatar?.bytes.byteLength).toBeGreaterThan(8);
  });

  it('gives every post once, skips the boost, counts the broken entry as unreadable, in pages of at most 200', () => {
    expect(entries).toBe(facts.entries);
    expect(read.posts).toHaveLength(facts.posts);
    expect(read.byKey.size).toBe(facts.posts);
    expect(read.unreadable).toBe(facts.broken);
    expect(facts.entries).toBe(facts.posts + facts.boosts + facts.broken);
    expect(read.posts.some((post) => post.uri.includes('statuses/44') || post.key.includes('900009'))).toBe(false);
    expect(read.pages.map((page) => page.posts.length)).toEqual([200, 200, 58]);
    expect(read.pages.map((page) => page.next)).toEqual(['200', '400', null]);
    for (const post of read.posts) {
      expect(postSchema.safeParse(post.post).success).toBe(true);
      expect(isoUtc(post.createdAt)).toBe(true);
      expect(post.post.seenBy[0]?.accountId).toBe(account.accountId);
      expect(post.post.author).toMatchObject({ network: 'mastodon', id: facts.actorId, handle: 'elodie@gone.example', displayName: 'Élodie Ünal 🌸', profileUrl: 'https://gone.example/@elodie' });
      expect((post.source as { id: string }).id).toBe(post.key);
    }
  });

  it('maps a plain note: key and uri are its id, url its page, text its HTML as text, language from contentMap', () => {
    const post = read.posts[0];
    expect(post).toMatchObject({
      key: `${facts.actorId}/statuses/110000000000000000`,
      uri: `${facts.actorId}/statuses/110000000000000000`,
      url: 'https://gone.example/@elodie/110000000000000000',
      createdAt: '2023-01-01T00:00:00.000Z',
      text: 'Post number 0',
      content: { kind: 'html', html: '<p>Post number 0</p>', emojis: [] },
      langs: ['en'],
      hasMedia: false,
      isReply: false,
      isQuote: false,
    });
  });

  it('keeps accents and CJK as they are', () => {
    expect(get(read.byKey, facts.ids.accents)).toMatchObject({ text: 'Café crème à l’été — naïveté, Œuvre, Ångström', langs: ['fr'] });
    expect(get(read.byKey, facts.ids.accents).post.language).toBe('fr');
    expect(get(read.byKey, facts.ids.cjk)).toMatchObject({ text: '東京の桜が満開です 🌸 서울 你好', langs: ['ja'] });
  });

  it('reads hostile HTML as text (no script, no style), keeping the HTML for the renderer to sanitize', () => {
    const post = get(read.byKey, facts.ids.hostile);
    expect(post.text).toBe('safe wordsclick<b>not bold</b>');
    expect(post.text).not.toContain('alert');
    expect(post.text).not.toContain('display:none');
    expect(post.content).toEqual({ kind: 'html', html: hostileHtml, emojis: [] });
  });

  it('puts the content warning first, and dates in ISO UTC whatever offset the export wrote', () => {
    const post = get(read.byKey, facts.ids.warned);
    expect(post.text).toBe('Spoilers: the ending\n\nThe butler did it.');
    expect(post.post.contentWarning).toBe('Spoilers: the ending');
    expect(post.post.labels).toEqual(['sensitive']);
    expect(post.createdAt).toBe('2023-06-01T10:00:00.000Z');
    expect(post.post.sortAt).toBe('2023-06-01T10:00:00.000Z');
  });

  it("attaches the image's bytes from the zip, with its alt text and media type; a file missing from the zip leaves the post whole", () => {
    const post = get(read.byKey, facts.ids.image);
    expect(post.hasMedia).toBe(true);
    expect(post.altText).toBe(facts.image.alt);
    // The second is listed in the note, its file not in the zip: kept, with no bytes, its URL on the (gone) server.
    expect(post.post.media).toEqual([
      { kind: 'image', url: `https://gone.example/${facts.image.path}`, previewUrl: null, alt: facts.image.alt, width: 4, height: 4 },
      { kind: 'video', url: 'https://gone.example/media_attachments/files/110/000/002/original/missing.mp4', previewUrl: null, alt: '', width: null, height: null },
    ]);
    expect(post.attached).toHaveLength(1);
    expect(post.attached?.[0]?.position).toBe(0);
    expect(post.attached?.[0]?.mimeType).toBe('image/png');
    expect(Buffer.from(post.attached?.[0]?.bytes ?? []).equals(facts.image.bytes)).toBe(true);
    expect(read.posts.filter((each) => each.attached !== undefined)).toHaveLength(1);
  });

  it('marks the reply, the quote and the poll', () => {
    const reply = get(read.byKey, facts.ids.reply);
    expect(reply.isReply).toBe(true);
    expect(reply.post.replyTo).toEqual({ handle: null });
    expect(reply.text).toBe('@bob I agree');
    expect(get(read.byKey, facts.ids.quote).isQuote).toBe(true);
    expect(get(read.byKey, facts.ids.quote).post.quote).toBeNull();
    expect(get(read.byKey, facts.ids.poll).post.poll).toEqual({
      options: [
        { title: 'Tea', votes: 3 },
        { title: 'Coffee', votes: 2 },
      ],
      multiple: false,
      expiresAt: '2023-01-02T00:00:00.000Z',
      expired: true,
      votes: 5,
      voters: 5,
    });
  });

  it('resumes from a page’s next: the rest, nothing twice', async () => {
    const rest = await collect((await readMastodonExport(file('mastodon.zip'), { from: '200' })).pages);
    expect(rest.posts.map((post) => post.key)).toEqual(read.posts.slice(200).map((post) => post.key));
    expect(rest.unreadable).toBe(1);
    await expect(readMastodonExport(file('mastodon.zip'), { from: 'abc' })).rejects.toThrow(/not a position/);
  });

  it('reads an outbox of bare notes, and an export zipped again inside a folder', async () => {
    const bare = await writeMastodonExport(file('bare.zip'), { count: 5, bareNotes: true });
    const bareRead = await collect((await readMastodonExport(file('bare.zip'))).pages);
    expect(bareRead.posts).toHaveLength(bare.posts);
    expect(bareRead.unreadable).toBe(1);
    const nested = await writeMastodonExport(file('nested.zip'), { count: 5, folder: 'archive-20240101' });
    const nestedRead = await collect((await readMastodonExport(file('nested.zip'))).pages);
    expect(nestedRead.posts).toHaveLength(nested.posts);
    expect(nestedRead.byKey.get(nested.ids.image)?.attached?.[0]?.mimeType).toBe('image/png');
  });

  it('refuses a file that is not a zip, a zip that is not an export, a missing file, and a broken outbox, each in clear words', async () => {
    const notZipError = await refusal(readMastodonExport(notZip));
    expect(notZipError.reason).toBe('not_zip');
    expect(notZipError.message).toMatch(/is not a zip file/);
    const other = await refusal(readMastodonExport(otherZip));
    expect(other.reason).toBe('not_an_export');
    expect(other.message).toMatch(/is not a Mastodon account export/);
    await writeTwitterExport(file('twitter-for-mastodon.zip'), { count: 1 });
    expect((await refusal(readMastodonExport(file('twitter-for-mastodon.zip')))).reason).toBe('not_an_export');
    expect((await refusal(readMastodonExport(file('missing.zip')))).reason).toBe('unreadable_file');
    await writeZip(file('broken-outbox.zip'), [
      ['actor.json', JSON.stringify({ id: 'https://gone.example/users/x', type: 'Person', preferredUsername: 'x' })],
      ['outbox.json', '{"orderedItems": [ {"type": "Create"'],
    ]);
    const broken = await refusal(readMastodonExport(file('broken-outbox.zip')));
    expect(broken.reason).toBe('broken_export');
    expect(broken.message).toMatch(/outbox\.json .* not valid JSON/);
  });

  it('reads a 20,000-post export page by page (outbox.json is parsed whole; the posts are made a page at a time)', async () => {
    const big = await writeMastodonExport(file('big.zip'), { count: 20_000 });
    const exported = await readMastodonExport(file('big.zip'));
    let pages = 0;
    let posts = 0;
    let unreadable = 0;
    let largest = 0;
    for await (const page of exported.pages) {
      pages += 1;
      posts += page.posts.length;
      unreadable += page.unreadable;
      largest = Math.max(largest, page.posts.length);
    }
    expect(posts).toBe(big.posts);
    expect(unreadable).toBe(1);
    expect(largest).toBe(200);
    expect(pages).toBe(Math.ceil(big.posts / 200));
    // A reader that stops after one page stops there (and closes the zip).
    for await (const page of exported.pages) {
      expect(page.posts).toHaveLength(200);
      expect(page.next).toBe('200');
      break;
    }
  }, 60_000);
});

describe('readTwitterExport', () => {
  let facts: TwitterExportFacts;
  let read: Awaited<ReturnType<typeof collect>>;
  let account: Awaited<ReturnType<typeof readTwitterExport>>['account'];
  beforeAll(async () => {
    facts = await writeTwitterExport(file('twitter.zip'), { count: 300 });
    const exported = await readTwitterExport(file('twitter.zip'));
    account = exported.account;
    read = await collect(exported.pages);
  });

  it('names the account from data/account.js', () => {
    expect(account).toEqual({ network: 'twitter', accountId: 'twitter:1234567890', handle: '@leaving_user', displayName: 'Leaving Ünal 🌸' });
  });

  it('gives every tweet once (retweets included), counts the broken one as unreadable, in pages of at most 200', () => {
    expect(read.posts).toHaveLength(facts.posts);
    expect(read.byKey.size).toBe(facts.posts);
    expect(read.unreadable).toBe(facts.broken);
    expect(read.pages.map((page) => page.posts.length)).toEqual([200, 108]);
    expect(read.pages.map((page) => page.next)).toEqual(['200', null]);
    expect(get(read.byKey, facts.ids.retweet).text).toBe('RT @carol: something worth sharing');
    for (const post of read.posts) {
      expect(postSchema.safeParse(post.post).success).toBe(true);
      expect(isoUtc(post.createdAt)).toBe(true);
      expect(post.url).toBe(`https://x.com/leaving_user/status/${post.key}`);
      expect(post.post.author).toMatchObject({ network: 'twitter', id: '1234567890', handle: 'leaving_user' });
    }
  });

  it('maps a plain tweet, its date in ISO UTC', () => {
    expect(read.posts[0]).toMatchObject({
      key: '1500000000000000000',
      uri: 'https://x.com/i/status/1500000000000000000',
      createdAt: '2023-01-01T00:00:00.000Z',
      text: 'Tweet number 0',
      content: { kind: 'facets', text: 'Tweet number 0', facets: [] },
      langs: ['en'],
      hasMedia: false,
      isReply: false,
    });
    expect(read.posts[1]?.post.counts).toEqual({ replies: 0, boosts: 1, likes: 1 });
    expect(twitterDate('Wed Oct 10 20:19:24 +0000 2018')).toBe('2018-10-10T20:19:24.000Z');
    expect(twitterDate('Wed Oct 10 20:19:24 +0200 2018')).toBe('2018-10-10T18:19:24.000Z');
    expect(twitterDate('yesterday')).toBeNull();
  });

  it('expands t.co links in the text, as link facets at the right bytes', () => {
    const post = get(read.byKey, facts.ids.link);
    expect(post.text).toBe(`Worth reading 📖 ${facts.link.expanded} — really`);
    expect(post.text).not.toContain('t.co');
    const content = post.content;
    if (content.kind !== 'facets') throw new Error('facets expected');
    expect(content.facets).toHaveLength(1);
    const facet = content.facets[0];
    expect(facet?.feature).toEqual({ kind: 'link', uri: facts.link.expanded });
    expect(Buffer.from(content.text).subarray(facet?.byteStart, facet?.byteEnd).toString()).toBe(facts.link.expanded);
  });

  it('keeps accents, CJK and hashtags, and escaped markup as the text it is', () => {
    const accents = get(read.byKey, facts.ids.accents);
    expect(accents).toMatchObject({ text: 'Café crème à l’été — naïveté #ÉtéIndien', langs: ['fr'] });
    const content = accents.content;
    if (content.kind !== 'facets') throw new Error('facets expected');
    expect(content.facets.map((facet) => [facet.feature, Buffer.from(content.text).subarray(facet.byteStart, facet.byteEnd).toString()])).toEqual([[{ kind: 'tag', tag: 'ÉtéIndien' }, '#ÉtéIndien']]);
    expect(get(read.byKey, facts.ids.cjk)).toMatchObject({ text: '東京の桜が満開です 🌸 서울 你好', langs: ['ja'] });
    expect(get(read.byKey, facts.ids.hostile).text).toBe('<script>alert(1)</script> & <b>friends</b>');
  });

  it("attaches the photo's and the video's bytes from tweets_media, with alt text and media type, and drops their t.co link", () => {
    const photo = get(read.byKey, facts.ids.image);
    expect(photo.text).toBe('Look at this');
    expect(photo.altText).toBe(facts.image.alt);
    expect(photo.post.media).toEqual([{ kind: 'image', url: 'https://pbs.twimg.com/media/FqXyZ123abc.jpg', previewUrl: null, alt: facts.image.alt, width: 2048, height: 1536 }]);
    expect(photo.attached?.map((media) => [media.position, media.mimeType])).toEqual([[0, 'image/jpeg']]);
    expect(Buffer.from(photo.attached?.[0]?.bytes ?? []).equals(facts.image.bytes)).toBe(true);
    const clip = get(read.byKey, facts.ids.video);
    expect(clip.text).toBe('A clip');
    expect(clip.post.media[0]).toMatchObject({ kind: 'video', url: expect.stringContaining('/1280x720/highRes.mp4') as unknown, previewUrl: expect.stringContaining('thumbXYZ.jpg') as unknown });
    expect(clip.attached?.map((media) => [media.position, media.mimeType])).toEqual([[0, 'video/mp4']]);
    expect(Buffer.from(clip.attached?.[0]?.bytes ?? []).equals(facts.video.bytes)).toBe(true);
  });

  it('marks the reply, with whom it answers', () => {
    const reply = get(read.byKey, facts.ids.reply);
    expect(reply.isReply).toBe(true);
    expect(reply.post.replyTo).toEqual({ handle: 'alice' });
  });

  it('reads older exports (data/tweet.js) and tweets spread over several parts, in order', async () => {
    const older = await writeTwitterExport(file('older.zip'), { count: 10, older: true });
    expect((await collect((await readTwitterExport(file('older.zip'))).pages)).posts).toHaveLength(older.posts);
    const parted = await writeTwitterExport(file('parts.zip'), { count: 250, parts: 3 });
    const partedRead = await collect((await readTwitterExport(file('parts.zip'))).pages);
    expect(partedRead.posts).toHaveLength(parted.posts);
    expect(partedRead.posts.slice(0, 250).map((post) => post.text)).toEqual(Array.from({ length: 250 }, (_, n) => `Tweet number ${n}`));
    const rest = await collect((await readTwitterExport(file('parts.zip'), { from: partedRead.pages[0]?.next ?? null })).pages);
    expect(rest.posts.map((post) => post.key)).toEqual(partedRead.posts.slice(200).map((post) => post.key));
  });

  it('reads a 20,000-tweet export over 4 part files page by page (each file parsed whole when its turn comes)', async () => {
    const big = await writeTwitterExport(file('big-twitter.zip'), { count: 20_000, parts: 4 });
    let posts = 0;
    let unreadable = 0;
    let largest = 0;
    const keys = new Set<string>();
    for await (const page of (await readTwitterExport(file('big-twitter.zip'))).pages) {
      posts += page.posts.length;
      unreadable += page.unreadable;
      largest = Math.max(largest, page.posts.length);
      for (const post of page.posts) keys.add(post.key);
    }
    expect(posts).toBe(big.posts);
    expect(keys.size).toBe(big.posts);
    expect(unreadable).toBe(1);
    expect(largest).toBe(200);
  }, 60_000);

  it('never runs the data files: a file that is code, not JSON, is refused', () => {
    const marker = globalThis as { ytdRan?: boolean };
    expect(() => parseYtd('window.YTD.tweets.part0 = (function () { globalThis.ytdRan = true; return []; })()', 'data/tweets.js')).toThrow(ExportFileError);
    expect(marker.ytdRan).toBeUndefined();
    expect(() => parseYtd('alert(1)', 'data/tweets.js')).toThrow(/does not start with window\.YTD/);
    expect(parseYtd('window.YTD.tweets.part0 = [ {"tweet": {}} ];\n', 'data/tweets.js')).toEqual([{ tweet: {} }]);
  });

  it('refuses a file that is not a zip, a zip that is not an export, and a Mastodon export, each in clear words', async () => {
    const notZipError = await refusal(readTwitterExport(notZip));
    expect(notZipError.reason).toBe('not_zip');
    expect(notZipError.message).toMatch(/is not a zip file/);
    const other = await refusal(readTwitterExport(otherZip));
    expect(other.reason).toBe('not_an_export');
    expect(other.message).toMatch(/is not a Twitter\/X data export/);
    await writeMastodonExport(file('mastodon-for-twitter.zip'), { count: 1 });
    expect((await refusal(readTwitterExport(file('mastodon-for-twitter.zip')))).reason).toBe('not_an_export');
  });
});
