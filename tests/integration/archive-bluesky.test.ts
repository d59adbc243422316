/**
 * The archive's Bluesky import on the real local network (PLC + PDS + AppView): a signed-in
 * account's whole repository read from its CAR file (com.atproto.sync.getRepo) and handed out a
 * page at a time, counted against the repository's own records; a later sync adds only what is
 * new; a walk stopped after its first page resumes (a new run of Braid, which fetches the
 * repository again) to exactly the repository's count.
 */
import { AtpAgent, type AppBskyFeedPost } from '@atproto/api';
import { TID } from '@atproto/common-web';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { listAccounts } from '../../electron/core/accounts/registry.ts';
import type { ImportProgress } from '../../electron/core/archive/archive-import.ts';
import { createArchiveService } from '../../electron/core/archive/archive-service.ts';
import { builtInNetworks, createNetworkRegistry } from '../../electron/core/networks/registry.ts';
import { openDatabase, type Database } from '../../electron/core/store/database.ts';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { recordsOf } from '../support/bluesky-records.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { tempDir } from '../support/temp-dir.ts';

vi.setConfig({ testTimeout: 180_000 });

const suffix = randomBytes(3).toString('hex');
// A 1×1 PNG: enough for the PDS to accept an image blob.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const words = ['heron', 'kestrel', 'lighthouse', 'tide', 'moss'];

let network: BlueskyNetworkClient;
let db: Database;
let braid: CoreHarness;
const cleanups: (() => void)[] = [];

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

/** `count` posts, one a minute back from `from`, written 200 a request (applyWrites' most). */
async function seed(agent: AtpAgent, count: number, from: Date, label: string): Promise<void> {
  const did = agent.assertDid;
  for (let start = 0; start < count; start += 200) {
    const writes = [];
    for (let i = start; i < Math.min(count, start + 200); i++) {
      const record: AppBskyFeedPost.Record = {
        $type: 'app.bsky.feed.post',
        text: `${label} ${i}: a note about the ${words[i % words.length]}`,
        langs: ['en'],
        createdAt: new Date(from.getTime() - i * 60_000).toISOString(),
      };
      writes.push({ $type: 'com.atproto.repo.applyWrites#create' as const, collection: 'app.bsky.feed.post', rkey: TID.nextStr(), value: record });
    }
    await agent.com.atproto.repo.applyWrites({ repo: did, writes });
  }
}

/** A new archive service on the database, with new network modules: as after a start of Braid. */
function archiveService() {
  const networks = createNetworkRegistry(builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), {
    db,
    secrets: braid.core.secrets,
    log: () => undefined,
    saveAccount: () => {
      throw new Error('not in this test');
    },
    markExpired: () => undefined,
  });
  return createArchiveService({ db, accounts: () => listAccounts(db), archiveOf: (id) => networks.get(id).archive });
}

const archivedKeys = (accountId: string) =>
  (db.prepare('SELECT post_key AS key FROM archive_posts WHERE account_id = ?').all(accountId) as { key: string }[]).map((row) => row.key);

/** The archive holds exactly the repository's posts: each once, none missing. */
async function expectExactly(user: BlueskyUser, accountId: string): Promise<number> {
  const inRepo = (await recordsOf(network.pdsUrl, user.did)).map((record) => record.uri);
  const keys = archivedKeys(accountId);
  expect(keys).toHaveLength(inRepo.length);
  expect(new Set(keys)).toEqual(new Set(inRepo));
  return inRepo.length;
}

let amy: BlueskyUser;
let bea: BlueskyUser;
let amyAgent: AtpAgent;
let beaAgent: AtpAgent;
let amyId: string;
let beaId: string;

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [amy, bea] = await Promise.all([
    network.createUser({ handle: `arch-amy-${suffix}.test`, displayName: 'Amy' }),
    network.createUser({ handle: `arch-bea-${suffix}.test` }),
  ]);
  [amyAgent, beaAgent] = await Promise.all([agentOf(amy), agentOf(bea)]);
  const base = new Date(Date.UTC(2024, 0, 10));
  await seed(amyAgent, 247, base, 'seq');
  // A reply, an image with its description, a quote: newer than the rest.
  const first = await amyAgent.post({ text: 'The first of a thread about the estuary', createdAt: new Date(base.getTime() + 60_000).toISOString() });
  await amyAgent.post({ text: 'and its second part', createdAt: new Date(base.getTime() + 120_000).toISOString(), reply: { root: first, parent: first } });
  const { data: uploaded } = await amyAgent.uploadBlob(png, { encoding: 'image/png' });
  await amyAgent.post({
    text: 'Evening at the harbour',
    createdAt: new Date(base.getTime() + 180_000).toISOString(),
    embed: { $type: 'app.bsky.embed.images', images: [{ image: uploaded.blob, alt: 'a cormorant drying its wings', aspectRatio: { width: 1, height: 1 } }] },
  });
  await amyAgent.post({ text: 'Quoting myself', createdAt: new Date(base.getTime() + 240_000).toISOString(), embed: { $type: 'app.bsky.embed.record', record: first } });
  await seed(beaAgent, 250, base, 'bea');
  await network.processAll();

  const dir = tempDir('archive-bluesky');
  db = openDatabase(dir.path);
  braid = startCore({ db, networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }), liveUpdates: false }, dir);
  cleanups.push(() => braid.close());
  amyId = (await braid.value('accounts.bluesky.signIn', { identifier: amy.handle, password: amy.appPassword })).id;
  beaId = (await braid.value('accounts.bluesky.signIn', { identifier: bea.handle, password: bea.appPassword })).id;
}, 240_000);

afterAll(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

describe('the Bluesky archive import', () => {
  it('imports the whole repository, exactly its posts, searchable; a later sync adds only what is new', async () => {
    const archive = archiveService();
    const pages: number[] = [];
    const [result] = await archive.sync({ accounts: [amyId], onProgress: (progress) => pages.push(progress.archived) });
    expect(result).toMatchObject({ accountId: amyId, ok: true, value: { outcome: 'done', archived: 251, added: 251, unreadable: 0 } });
    expect(pages).toEqual([100, 200, 251]);
    expect(await expectExactly(amy, amyId)).toBe(251);

    const hits = (query: string, more = {}) => archive.search({ query, accounts: [amyId], order: 'newest', limit: 500, ...more }).hits;
    expect(hits('kestrel')).toHaveLength(Math.ceil((247 - 1) / 5));
    expect(hits('seq 123')[0]?.key).toMatch(new RegExp(`^at://${amy.did}/app\\.bsky\\.feed\\.post/`));
    // The image's description is searched, and its media point at the PDS's getBlob.
    const [harbour] = hits('cormorant');
    expect(harbour?.post.media).toEqual([
      { kind: 'image', url: expect.stringContaining(`/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(amy.did)}&cid=`) as unknown, previewUrl: expect.any(String) as unknown, alt: 'a cormorant drying its wings', width: 1, height: 1 },
    ]);
    const blob = await fetch(harbour!.post.media[0]!.url);
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(png);
    expect(harbour?.post.author).toMatchObject({ id: amy.did, handle: amy.handle, displayName: 'Amy' });
    expect(hits('', { replies: true }).map((hit) => hit.post.content.kind === 'facets' && hit.post.content.text)).toEqual(['and its second part']);
    expect(hits('estuary')).toHaveLength(1);
    const rows = db.prepare("SELECT is_quote AS quote FROM archive_posts WHERE account_id = ? AND text LIKE 'Quoting%'").all(amyId) as { quote: number }[];
    expect(rows).toEqual([{ quote: 1 }]);

    // Nothing new: nothing added. Then 30 new posts: exactly those are added.
    const [again] = await archive.sync({ accounts: [amyId] });
    expect(again).toMatchObject({ ok: true, value: { outcome: 'done', added: 0, archived: 251 } });
    await seed(amyAgent, 30, new Date(Date.UTC(2024, 5, 1)), 'later');
    const [newer] = await archiveService().sync({ accounts: [amyId] });
    expect(newer).toMatchObject({ ok: true, value: { outcome: 'done', added: 30, archived: 281 } });
    expect(await expectExactly(amy, amyId)).toBe(281);
  });

  it('resumes a walk stopped after its first page, in a new run that fetches the repository again, to exactly its count', async () => {
    const stop = new AbortController();
    const seen: ImportProgress[] = [];
    const [first] = await archiveService().sync({
      accounts: [beaId],
      signal: stop.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.pages === 1) stop.abort();
      },
    });
    expect(first).toMatchObject({ ok: true, value: { outcome: 'stopped', pages: 1, archived: 100 } });
    expect(archivedKeys(beaId)).toHaveLength(100);

    // A post made meanwhile, newer than all: not part of this walk, the next one takes it.
    await beaAgent.post({ text: 'made while the walk was stopped', createdAt: new Date(Date.UTC(2024, 6, 1)).toISOString() });
    const [second] = await archiveService().sync({ accounts: [beaId] });
    expect(second).toMatchObject({ ok: true, value: { outcome: 'done', added: 150, archived: 250 } });
    expect(new Set(archivedKeys(beaId)).size).toBe(250);
    const [third] = await archiveService().sync({ accounts: [beaId] });
    expect(third).toMatchObject({ ok: true, value: { outcome: 'done', added: 1, archived: 251 } });
    expect(await expectExactly(bea, beaId)).toBe(251);
  });
});
