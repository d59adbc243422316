/**
 * The outbox against real servers: two Mastodon test servers and the local Bluesky network, four
 * accounts. What each network received is read back from the servers themselves.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Draft, OutboxEntry } from '../../shared/domain/draft.ts';
import { postKey } from '../../shared/domain/post-key.ts';
import { createOutboxStore } from '../../electron/core/compose/outbox-store.ts';
import { openDatabase } from '../../electron/core/store/database.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { recordsOf } from '../support/bluesky-records.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';
import { viewAfter } from '../support/timeline-texts.ts';

const suffix = randomBytes(3).toString('hex');
const fastRetries = { maxAttempts: 4, maxRateLimitedAttempts: 6, baseDelayMs: 50, maxDelayMs: 500, resetJitterMs: 50, random: Math.random };
let home: MastodonTestServer;
let other: MastodonTestServer;
let network: BlueskyNetworkClient;
let braid: CoreHarness;
let ann: BlueskyUser;
let ben: BlueskyUser;
const ids = { amy: '', bob: '', ann: '', ben: '' };

const postsOf = (did: string) => recordsOf(network.pdsUrl, did);

/** Sends the draft and waits until no target of it is still on its way. */
async function sendAndSettle(draft: Draft, timeoutMs = 30_000): Promise<OutboxEntry> {
  await braid.value('outbox.send', draft);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = (await braid.value('outbox.list')).find((candidate) => candidate.draftId === draft.id)!;
    if (entry.targets.every((target) => target.state === 'posted' || target.state === 'failed' || (target.state === 'scheduled' && !target.scheduledByBraid))) return entry;
    if (Date.now() > deadline) throw new Error(`still sending: ${JSON.stringify(entry.targets.map((t) => [t.state, t.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stateOf = (entry: OutboxEntry, accountId: string) => entry.targets.find((target) => target.accountId === accountId)!;

async function attachImage(width: number, height: number, alt: string) {
  const noise = randomBytes(width * height * 3);
  const png = await sharp(noise, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const media = await braid.value('media.attach', { fileName: 'noise.png', mimeType: 'image/png', dataBase64: png.toString('base64') });
  return { ...media, alt, bytesIn: png.length };
}

beforeAll(async () => {
  [home, other] = await Promise.all([startMastodonServer({ mediaProcessingMs: 300 }), startMastodonServer()]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [ann, ben] = await Promise.all([network.createUser({ handle: `oann-${suffix}.test` }), network.createUser({ handle: `oben-${suffix}.test` })]);
  braid = startCore({
    networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl }, mastodon: { pollIntervalMs: 50 } }),
    outbox: { policy: fastRetries },
  });
  ids.amy = await signInMastodon(braid, home, 'amy', 'amy-password-1');
  ids.bob = await signInMastodon(braid, other, 'bob', 'bob-password-1');
  ids.ann = (await braid.value('accounts.bluesky.signIn', { identifier: ann.handle, password: ann.appPassword })).id;
  ids.ben = (await braid.value('accounts.bluesky.signIn', { identifier: ben.handle, password: ben.appPassword })).id;
}, 120_000);

afterAll(async () => {
  braid?.close();
  await Promise.all([home?.close(), other?.close()]);
});

describe('posting to four accounts', () => {
  it('posts once to each, with rich text facets on Bluesky and the language everywhere', async () => {
    const text = `Release day! Notes at https://example.com/notes #braid thanks @${ben.handle}`;
    const entry = await sendAndSettle(draftOf(text, [ids.amy, ids.bob, ids.ann, ids.ben], { language: 'en' }));
    expect(entry.targets.map((t) => [t.state, t.error])).toEqual(Array(4).fill(['posted', null]));

    const [amyStatus] = home.statusesOf('amy');
    expect(home.statusesOf('amy')).toHaveLength(1);
    expect(amyStatus).toMatchObject({ language: 'en', visibility: 'public', url: stateOf(entry, ids.amy).urls[0] });
    expect(other.statusesOf('bob')).toHaveLength(1);

    const [record] = await postsOf(ann.did);
    expect(await postsOf(ann.did)).toHaveLength(1);
    expect(record!.value).toMatchObject({ text, langs: ['en'] });
    const features = (record!.value.facets as { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[]).map((f) => f.features[0]);
    expect(features).toEqual([
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/notes' },
      { $type: 'app.bsky.richtext.facet#tag', tag: 'braid' },
      { $type: 'app.bsky.richtext.facet#mention', did: ben.did },
    ]);
    expect(stateOf(entry, ids.ann).urls).toEqual([`https://bsky.app/profile/${ann.did}/post/${record!.uri.split('/').pop()}`]);
  });

  it('writes a text too long for Bluesky as a numbered thread there, and as one post on Mastodon', async () => {
    const paragraph = (n: number) => `Paragraph ${n}: ${'words that go on and on '.repeat(4).trim()}.`;
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n'); // ~ 450 graphemes
    const before = (await postsOf(ben.did)).length;
    const entry = await sendAndSettle(draftOf(text, [ids.amy, ids.ben]));
    expect(stateOf(entry, ids.ben)).toMatchObject({ state: 'posted' });
    expect(stateOf(entry, ids.ben).urls).toHaveLength(2);
    expect(home.statusesOf('amy')[0]!.content).toContain('Paragraph 4');

    const thread = (await postsOf(ben.did)).slice(0, (await postsOf(ben.did)).length - before).reverse();
    expect(thread.map((r) => (r.value.text as string).slice(-4))).toEqual([' 1/2', ' 2/2']);
    // The second part answers the first by the CID the PDS itself gave it.
    expect(thread[1]!.value.reply).toEqual({ root: { uri: thread[0]!.uri, cid: thread[0]!.cid }, parent: { uri: thread[0]!.uri, cid: thread[0]!.cid } });
  });

  it('uploads images with their descriptions: Mastodon waits for processing, Bluesky gets a blob under 2 MB', async () => {
    const image = await attachImage(1400, 1000, 'Static, in colour');
    expect(image.bytesIn).toBeGreaterThan(2_000_000);
    const entry = await sendAndSettle(draftOf('A picture', [ids.amy, ids.ann], { media: [image] }));
    expect(entry.targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    const status = home.statusesOf('amy')[0]!;
    expect(status.media_attachments).toHaveLength(1);
    expect(status.media_attachments[0]).toMatchObject({ description: 'Static, in colour', type: 'image' });

    const record = (await postsOf(ann.did))[0]!;
    const embed = record.value.embed as { images: { alt: string; aspectRatio: { width: number; height: number }; image: { size: number } }[] };
    expect(embed.images[0]!.alt).toBe('Static, in colour');
    expect(embed.images[0]!.image.size).toBeLessThanOrEqual(2_000_000);
    expect(embed.images[0]!.aspectRatio.width / embed.images[0]!.aspectRatio.height).toBeCloseTo(1.4, 2);
  });

  it('gives Bluesky a link card for the first link, from the page’s OpenGraph data, with its picture as a blob', async () => {
    const picture = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#246' } }).png().toBuffer();
    const site = createServer((req, res) => {
      if (req.url === '/card.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>fallback</title><meta property="og:title" content="Braid 1.0 &amp; more"><meta property="og:description" content="What is new."><meta property="og:image" content="/card.png"></head><body></body></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const page = `http://127.0.0.1:${(site.address() as AddressInfo).port}/notes`;
    try {
      const entry = await sendAndSettle(draftOf(`Release notes: ${page}`, [ids.ann]));
      expect(stateOf(entry, ids.ann).state).toBe('posted');
    } finally {
      site.close();
    }
    const embed = (await postsOf(ann.did))[0]!.value.embed as { $type: string; external: { uri: string; title: string; description: string; thumb: { size: number; mimeType: string } } };
    expect(embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { uri: page, title: 'Braid 1.0 & more', description: 'What is new.' } });
    expect(embed.external.thumb.size).toBeLessThanOrEqual(1_000_000);
  });

  it('gives Mastodon the content warning and Bluesky the labels the user chose', async () => {
    const entry = await sendAndSettle(draftOf('Spoilers for the finale', [ids.bob, ids.ben], { contentWarning: 'TV spoilers', labels: ['graphic-media'] }));
    expect(entry.targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    expect(other.statusesOf('bob')[0]).toMatchObject({ spoiler_text: 'TV spoilers', sensitive: true });
    expect((await postsOf(ben.did))[0]!.value.labels).toEqual({ $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'graphic-media' }] });
  });
});

describe('refusals and failures', () => {
  it('refuses a followers-only draft for Bluesky before anything is sent, and says why', async () => {
    const result = await braid.call('outbox.send', draftOf('only for followers', [ids.amy, ids.ann], { visibility: 'private' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_input');
    expect(!result.ok && result.error.message).toContain('Bluesky posts are always public');
    expect(home.statusesOf('amy').some((s) => s.content.includes('only for followers'))).toBe(false);
  });

  it('waits out a 429 until the reset the server gave, then posts once', async () => {
    const before = other.statusesOf('bob').length;
    other.rateLimitNext(1, 700);
    const started = Date.now();
    const entry = await sendAndSettle(draftOf('after the rate limit', [ids.bob]));
    expect(stateOf(entry, ids.bob)).toMatchObject({ state: 'posted', attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(other.statusesOf('bob')).toHaveLength(before + 1);
  });

  it('fails one target whose token was revoked, posts the others, and retries only the failed one', async () => {
    home.revokeTokensOf('amy');
    const draft = draftOf('one of two', [ids.amy, ids.ann]);
    const entry = await sendAndSettle(draft);
    expect(stateOf(entry, ids.amy)).toMatchObject({ state: 'failed', error: { code: 'auth_expired' } });
    expect(stateOf(entry, ids.ann)).toMatchObject({ state: 'posted' });
    const annPosts = (await postsOf(ann.did)).length;

    await signInMastodon(braid, home, 'amy', 'amy-password-1');
    await braid.value('outbox.retry', { jobId: stateOf(entry, ids.amy).jobId });
    const again = await sendAndSettle(draft);
    expect(again.targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    expect(home.statusesOf('amy').filter((s) => s.content.includes('one of two'))).toHaveLength(1);
    expect(await postsOf(ann.did)).toHaveLength(annPosts); // the posted target was not sent again
  });
});

describe('replies and scheduling', () => {
  it('answers timeline posts in the right thread on each network', async () => {
    const thread = (await postsOf(ben.did)).find((record) => (record.value.text as string).endsWith(' 2/2'))!; // a reply itself
    const root = (thread.value.reply as { root: { uri: string; cid: string } }).root;
    const amyStatus = home.statusesOf('amy')[0]!;
    await viewAfter(braid, 'timeline.refresh');
    const replyTo = [postKey({ network: 'mastodon', uri: amyStatus.uri }), postKey({ network: 'bluesky', uri: thread.uri })];
    const entry = await sendAndSettle(draftOf('An answer to both', [ids.amy, ids.ben], { replyTo }));
    expect(entry.targets.map((t) => t.state)).toEqual(['posted', 'posted']);

    expect(home.statusesOf('amy')[0]).toMatchObject({ in_reply_to_id: amyStatus.id });
    const answer = (await postsOf(ben.did))[0]!;
    expect(answer.value.reply).toEqual({ root, parent: { uri: thread.uri, cid: thread.cid } });
  });

  it('quotes a post embedded on its own network, and as its link on the other', async () => {
    const quotedStatus = home.statusesOf('amy').find((status) => status.in_reply_to_id === null && !status.reblog)!;
    const quotedRecord = (await postsOf(ben.did)).find((record) => !record.value.reply)!;
    await viewAfter(braid, 'timeline.refresh');
    const blueskyUrl = `https://bsky.app/profile/${ben.handle}/post/${quotedRecord.uri.split('/').pop()}`;
    const quote = [
      { key: postKey({ network: 'mastodon', uri: quotedStatus.uri }), url: quotedStatus.url },
      { key: postKey({ network: 'bluesky', uri: quotedRecord.uri }), url: blueskyUrl },
    ];
    const entry = await sendAndSettle(draftOf('Worth reading again', [ids.amy, ids.ben], { quote }));
    expect(entry.targets.map((t) => [t.state, t.error])).toEqual([['posted', null], ['posted', null]]);
    expect(home.statusesOf('amy')[0]).toMatchObject({ quote: { state: 'accepted', quoted_status: { id: quotedStatus.id } } });
    expect((await postsOf(ben.did))[0]!.value.embed).toEqual({ $type: 'app.bsky.embed.record', record: { uri: quotedRecord.uri, cid: quotedRecord.cid } });

    // bob's server takes quotes, but not of a Bluesky post: the link goes at the end of his text.
    const linked = await sendAndSettle(draftOf('Seen on Bluesky', [ids.bob], { quote: [quote[1]!] }));
    expect(linked.targets[0]!.state).toBe('posted');
    expect(other.statusesOf('bob')[0]).toMatchObject({ quote: null, content: expect.stringContaining(blueskyUrl) as string });
  });

  it('leaves a Mastodon post far enough ahead to the server, and posts a Bluesky one itself when due', async () => {
    const inTenMinutes = new Date(Date.now() + 10 * 60_000).toISOString();
    const held = await sendAndSettle(draftOf('posted later by the server', [ids.bob], { scheduledAt: inTenMinutes }));
    expect(stateOf(held, ids.bob)).toMatchObject({ state: 'scheduled', scheduledByBraid: false, nextAttemptAt: inTenMinutes });
    expect(other.statusesOf('bob').some((s) => s.content.includes('posted later'))).toBe(false);
    expect(other.publishScheduled().map((s) => s.content)).toEqual([expect.stringContaining('posted later by the server')]);

    const soon = new Date(Date.now() + 1_500).toISOString();
    const draft = draftOf('posted later by Braid', [ids.ann], { scheduledAt: soon });
    await braid.value('outbox.send', draft);
    const waiting = (await braid.value('outbox.list')).find((e) => e.draftId === draft.id)!;
    expect(stateOf(waiting, ids.ann)).toMatchObject({ state: 'scheduled', scheduledByBraid: true, nextAttemptAt: soon });
    expect((await postsOf(ann.did)).some((r) => r.value.text === 'posted later by Braid')).toBe(false);
    const posted = await sendAndSettle(draft);
    expect(stateOf(posted, ids.ann).state).toBe('posted');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
    expect((await postsOf(ann.did)).filter((r) => r.value.text === 'posted later by Braid')).toHaveLength(1);
  });
});

describe('after a crash', () => {
  it('finds a post whose answer was lost instead of posting it again, on both networks', async () => {
    const draft = draftOf('sent just before the crash', [ids.bob, ids.ben]);
    const first = await sendAndSettle(draft);
    expect(first.targets.map((t) => t.state)).toEqual(['posted', 'posted']);
    const bobCount = other.statusesOf('bob').length;
    const benCount = (await postsOf(ben.did)).length;

    // As if Braid died after the requests went out, before their answers were saved.
    const db = openDatabase(braid.dataDir);
    const store = createOutboxStore(db);
    for (const job of store.jobsOf(draft.id)) store.update(job, { state: 'sending', sentAt: new Date().toISOString(), progress: { ...job.progress, posted: [] } });
    db.close();
    braid = braid.restart();

    const entry = await sendAndSettle(draft);
    expect(entry.targets.map((t) => [t.state, t.urls])).toEqual(first.targets.map((t) => ['posted', t.urls]));
    expect(other.statusesOf('bob')).toHaveLength(bobCount);
    expect(await postsOf(ben.did)).toHaveLength(benCount);
  });

  it('after Mastodon forgot the Idempotency-Key (an hour), finds the post among the account’s recent ones instead of posting again', async () => {
    const draft = draftOf('sent long before the crash', [ids.bob]);
    const first = await sendAndSettle(draft);
    const count = other.statusesOf('bob').length;

    const db = openDatabase(braid.dataDir);
    const store = createOutboxStore(db);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000).toISOString();
    for (const job of store.jobsOf(draft.id)) store.update(job, { state: 'sending', sentAt: twoHoursAgo, progress: { ...job.progress, posted: [] } });
    db.close();
    const createsBefore = other.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').length;
    braid = braid.restart();

    const entry = await sendAndSettle(draft);
    expect(entry.targets.map((t) => [t.state, t.urls, t.error])).toEqual(first.targets.map((t) => ['posted', t.urls, null]));
    expect(other.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')).toHaveLength(createsBefore);
    expect(other.statusesOf('bob')).toHaveLength(count);
  });
});
