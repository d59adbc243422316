/**
 * The archive through the contract, as the window uses it, on the Mastodon test server: a sync
 * followed by archive.changed to its end, its media downloaded with their descriptions, search,
 * a post deleted on the server kept and marked, a post Braid sends kept at once (and only once
 * after the next sync), and an export that checks itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ArchiveHit, ArchiveResults, ArchiveStatus } from '../../shared/domain/archive.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { draftOf } from '../support/drafts.ts';
import { signInMastodon } from '../support/mastodon-user.ts';

vi.setConfig({ testTimeout: 120_000 });

let server: MastodonTestServer;
let braid: CoreHarness;
let accountId = '';
const statuses: ArchiveStatus[] = [];
const picture = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  server = await startMastodonServer();
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1' });
  server.seedStatuses('amy', 130, { from: new Date(Date.UTC(2022, 0, 1)) });
  server.post('amy', { text: 'A picture of the harbour', createdAt: new Date(Date.UTC(2023, 0, 1)), media: [{ description: 'Boats in the harbour at dawn', width: 64, height: 48, file: { contentType: 'image/png', bytes: picture } }] });
  const zeds = server.post('zed', { text: 'Someone else’s words', createdAt: new Date(Date.UTC(2023, 0, 2)) });
  server.reblog('amy', zeds.id, new Date(Date.UTC(2023, 0, 3)));
  braid = startCore({ liveUpdates: false });
  braid.core.events.subscribe((event, payload) => {
    if (event === 'archive.changed') statuses.push(payload as ArchiveStatus);
  });
  accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
});

afterAll(async () => {
  braid.close();
  await server.close();
});

const ownOnServer = () => server.statusesOf('amy').filter((status) => status.reblog === null);

/** Waits until no import runs and no media download, as the window sees it. */
async function settled(): Promise<ArchiveStatus> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await braid.value('archive.status');
    const running = status.accounts.some((account) => account.state === 'syncing' || account.state === 'waiting');
    if (!running && !status.mediaDownloading) return status;
    if (Date.now() > deadline) throw new Error(`the archive did not settle: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const amyOf = (status: ArchiveStatus) => status.accounts.find((account) => account.accountId === accountId)!;

async function findAll(query: string, more: Record<string, unknown> = {}): Promise<ArchiveHit[]> {
  const hits: ArchiveHit[] = [];
  let cursor: string | null = null;
  do {
    const page: ArchiveResults = await braid.value('archive.search', { query, order: 'newest', limit: 50, cursor, ...more });
    hits.push(...page.hits);
    cursor = page.cursor;
  } while (cursor);
  return hits;
}

describe('the archive through the contract', () => {
  it('lists a signed-in account before its archive is begun, then syncs it with progress events to exactly the server\'s posts', async () => {
    const before = amyOf(await braid.value('archive.status'));
    expect(before).toMatchObject({ network: 'mastodon', label: 'amy@' + new URL(server.url).host, canSync: true, posts: 0, state: 'idle', complete: false });

    const started = await braid.value('archive.sync');
    expect(amyOf(started).state).toBe('syncing');
    const status = await settled();
    expect(amyOf(status)).toMatchObject({ posts: ownOnServer().length, deleted: 0, complete: true, state: 'idle', error: null });
    // The window followed it: the last event says it ended, with every post counted.
    await vi.waitFor(() => expect(amyOf(statuses.at(-1)!)).toMatchObject({ state: 'idle', posts: ownOnServer().length }));
    // The server's own count, for the progress bar (it counts the boost too).
    expect(amyOf(status).total).toBe(server.statusesOf('amy').length);
  });

  it('downloads the media of archived posts and keeps their descriptions', async () => {
    const hits = await findAll('harbour dawn');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hasMedia).toBe(true);
    expect(hits[0]!.post.media[0]?.alt).toBe('Boats in the harbour at dawn');
    const files = braid.core.archive.media!.of([braid.core.archive.store.idOf(accountId, hits[0]!.key)!]);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ alt: 'Boats in the harbour at dawn', failure: null });
    expect(readFileSync(join(braid.dataDir, 'archive-media', files[0]!.file!))).toEqual(picture);
  });

  it('finds words across accents and scripts, with the matches marked and nothing else', async () => {
    const cafe = await findAll('cafe');
    expect(cafe.length).toBeGreaterThan(0);
    for (const hit of cafe) expect(hit.snippet.filter((part) => part.mark).map((part) => part.text.toLowerCase())).toContain('café');
    expect((await findAll('東京')).length).toBeGreaterThan(0);
    expect(await findAll('Someone else')).toEqual([]); // the boost is not amy's words
  });

  it('keeps a post deleted on its server, marked; adds what is new', async () => {
    const [newest, second] = ownOnServer();
    server.deleteStatus(second!.id);
    server.post('amy', { text: 'Fresh words after the first sync' });
    await braid.value('archive.sync');
    const status = await settled();
    expect(amyOf(status)).toMatchObject({ posts: ownOnServer().length + 1, deleted: 1 });
    const words = /seq-\d+/.exec(second!.content)?.[0] ?? second!.content;
    expect(await findAll(words)).toEqual([expect.objectContaining({ key: second!.id, deleted: true })]);
    expect((await findAll('Fresh words')).map((hit) => hit.deleted)).toEqual([false]);
    expect(newest!.content).toContain('harbour');
    expect((await findAll('harbour')).map((hit) => hit.deleted)).toEqual([false]);
  });

  it('keeps a post Braid sends at once, and once only after the next sync', async () => {
    const draft = draftOf('Announcing the archive, sent from Braid', [accountId]);
    await braid.value('outbox.send', draft);
    const deadline = Date.now() + 30_000;
    while ((await braid.value('outbox.list')).find((entry) => entry.draftId === draft.id)?.targets[0]?.state !== 'posted') {
      if (Date.now() > deadline) throw new Error('not posted');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [kept] = await findAll('Announcing the archive');
    expect(kept).toBeDefined();
    expect(kept!.url).toContain(server.url.replace(/\/$/, ''));
    const before = amyOf(await braid.value('archive.status')).posts;
    await braid.value('archive.sync');
    await settled();
    expect(await findAll('Announcing the archive')).toHaveLength(1);
    expect(amyOf(await braid.value('archive.status')).posts).toBe(before);
  });

  it('exports into a new folder that checks itself', async () => {
    const archived = amyOf(await braid.value('archive.status')).posts;
    const exported = await braid.value('archive.export');
    expect(exported).toMatchObject({ posts: archived, checked: true, problems: [] });
    expect(exported.dir.startsWith(join(braid.dataDir, 'exports'))).toBe(true);
    const lines = readFileSync(join(exported.dir, 'posts.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(archived);
    expect(exported.mediaFiles).toBe(1);
  });
});
