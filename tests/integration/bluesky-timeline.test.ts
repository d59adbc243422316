import { AtpAgent, RichText } from '@atproto/api';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { postSchema, type Post } from '../../shared/domain/post.ts';
import { createBlueskyAdapter } from '../../electron/core/networks/bluesky/adapter.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';

let network: BlueskyNetworkClient;
let reader: AtpAgent;
let writer: AtpAgent;
let writerHandle: string;
const suffix = randomBytes(3).toString('hex');
// A 1×1 PNG: enough for the PDS to accept an image blob.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function signedIn(handle: string, password: string) {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: handle, password });
  return agent;
}

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  const r = await network.createUser({ handle: `reader-${suffix}.test` });
  const w = await network.createUser({ handle: `writer-${suffix}.test`, displayName: 'Writer' });
  writerHandle = w.handle;
  reader = await signedIn(r.handle, r.appPassword);
  writer = await signedIn(w.handle, w.appPassword);
  await reader.follow(w.did);

  const rich = new RichText({ text: `Hello @${r.handle}! Read https://example.com/braid #braid ✨` });
  await rich.detectFacets(writer);
  const first = await writer.post({ text: rich.text, facets: rich.facets, createdAt: '2026-11-25T10:00:00.000Z' });
  const { data: blob } = await writer.uploadBlob(png, { encoding: 'image/png' });
  await writer.post({
    text: 'A picture',
    createdAt: '2026-11-25T10:01:00.000Z',
    embed: { $type: 'app.bsky.embed.images', images: [{ image: blob.blob, alt: 'One white pixel', aspectRatio: { width: 4, height: 3 } }] },
    labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'graphic-media' }] },
  });
  await writer.post({
    text: 'Quoting myself',
    createdAt: '2026-11-25T10:02:00.000Z',
    embed: { $type: 'app.bsky.embed.record', record: { uri: first.uri, cid: first.cid } },
  });
  await writer.post({
    text: 'With a card',
    createdAt: '2026-11-25T10:03:00.000Z',
    embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://example.com/article', title: 'An article', description: 'About things' } },
  });
  const gone = await writer.post({ text: 'Soon gone', createdAt: '2026-11-25T10:03:30.000Z' });
  await writer.post({
    text: 'Quoting what goes',
    createdAt: '2026-11-25T10:03:40.000Z',
    embed: { $type: 'app.bsky.embed.record', record: { uri: gone.uri, cid: gone.cid } },
  });
  await writer.deletePost(gone.uri);
  await writer.post({ text: 'A reply to myself', createdAt: '2026-11-25T10:04:00.000Z', reply: { root: first, parent: first } });
  await reader.like(first.uri, first.cid);
  await network.processAll();
}, 180_000);

describe('the Bluesky adapter on the local network', () => {
  const adapter = () => createBlueskyAdapter(async () => reader);

  it('maps a home timeline page into valid network-neutral posts', async () => {
    const page = await adapter().home('bluesky:reader', null, 50);
    for (const post of page.posts) expect(postSchema.safeParse(post).success).toBe(true);
    const byText = (text: string) => page.posts.find((post) => post.content.kind === 'facets' && post.content.text.startsWith(text)) as Post;

    const hello = byText('Hello');
    expect(hello.author).toMatchObject({ network: 'bluesky', handle: writerHandle, displayName: 'Writer' });
    expect(hello.url).toMatch(new RegExp(`^https://bsky\\.app/profile/${writerHandle}/post/`));
    expect(hello.createdAt).toBe('2026-11-25T10:00:00.000Z');
    expect(hello.seenBy).toEqual([{ accountId: 'bluesky:reader', nativeId: hello.uri, cid: expect.any(String) as string, liked: true, boosted: false }]);
    expect(hello.counts.likes).toBe(1);
    const facets = hello.content.kind === 'facets' ? hello.content.facets.map((f) => f.feature.kind) : [];
    expect(facets.sort()).toEqual(['link', 'mention', 'tag']);
    // Facets are UTF-8 byte ranges: the link's bytes are the link.
    const link = hello.content.kind === 'facets' ? hello.content.facets.find((f) => f.feature.kind === 'link')! : null;
    expect(Buffer.from(hello.content.kind === 'facets' ? hello.content.text : '').subarray(link!.byteStart, link!.byteEnd).toString()).toBe('https://example.com/braid');

    const picture = byText('A picture');
    expect(picture.media).toEqual([
      { kind: 'image', url: expect.stringContaining('http') as string, previewUrl: expect.stringContaining('http') as string, alt: 'One white pixel', width: 4, height: 3 },
    ]);
    expect(picture.labels).toEqual(['graphic-media']);

    expect(byText('Quoting myself').quote).toMatchObject({ uri: hello.uri, author: { handle: writerHandle } });
    expect(byText('Quoting what goes').quote).toEqual({ unavailable: 'deleted', uri: expect.stringMatching(/^at:\/\//) as string });
    expect(byText('With a card').card).toEqual({ url: 'https://example.com/article', title: 'An article', description: 'About things', imageUrl: null });
    expect(byText('A reply').replyTo).toEqual({ handle: writerHandle });
  });

  it('pages with the cursor until the end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await adapter().home('bluesky:reader', cursor, 2);
      seen.push(...page.posts.map((post) => post.uri));
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });

  it('shows a repost as the original with who reposted it, placed at the repost’s time', async () => {
    const { data } = await writer.getAuthorFeed({ actor: writer.session!.did, limit: 10 });
    const hello = data.feed.find((item) => (item.post.record as { text?: string }).text?.startsWith('Hello'))!;
    const other = await network.createUser({ handle: `other-${suffix}.test`, displayName: 'Other' });
    const otherAgent = await signedIn(other.handle, other.appPassword);
    await reader.follow(other.did);
    await otherAgent.repost(hello.post.uri, hello.post.cid);
    await network.processAll();
    const page = await adapter().home('bluesky:reader', null, 50);
    const reposted = page.posts.find((post) => post.boostedBy?.handle === other.handle)!;
    expect(reposted.uri).toBe(hello.post.uri);
    expect(Date.parse(reposted.sortAt)).toBeGreaterThan(Date.parse(reposted.createdAt));
  });
});
