/**
 * The archive's Mastodon import against the Mastodon test server: a signed-in account's whole
 * history (thousands of statuses) imported page by page, counted against the server; stopped
 * part-way (a pause, a server failing on page N) and resumed to exactly the server's count, with
 * no page asked twice; servers without Link headers; the server's request budget respected.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listAccounts } from '../../electron/core/accounts/registry.ts';
import { createArchiveService, type ArchiveServiceDeps } from '../../electron/core/archive/archive-service.ts';
import type { ImportProgress } from '../../electron/core/archive/archive-import.ts';
import { builtInNetworks, createNetworkRegistry } from '../../electron/core/networks/registry.ts';
import { openDatabase, type Database } from '../../electron/core/store/database.ts';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { tempDir } from '../support/temp-dir.ts';

vi.setConfig({ testTimeout: 120_000 });

interface Setup {
  server: MastodonTestServer;
  braid: CoreHarness;
  db: Database;
  accountId: string;
  /** An archive service on the core's database and secrets, as after a start of Braid. */
  archive(options?: Partial<ArchiveServiceDeps>): ReturnType<typeof createArchiveService>;
  /** The statuses the account's own history holds on the server: its posts, not its boosts. */
  ownOnServer(): number;
  /** max_id of every request for the account's statuses, in order (null: the newest page). */
  pagesAsked(): (string | null)[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(statuses: number, options: MastodonServerOptions = {}): Promise<Setup> {
  const server = await startMastodonServer(options);
  cleanups.push(() => server.close());
  const amy = server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1' });
  const zeds = server.post('zed', { text: 'Hello from zed', createdAt: new Date(Date.UTC(2020, 0, 1)) });
  server.seedStatuses('amy', statuses, { from: new Date(Date.UTC(2021, 0, 1)), replyTo: zeds.id });
  // A boost is not amy's own words: the archive leaves it out.
  server.reblog('amy', zeds.id, new Date(Date.UTC(2021, 0, 1, 0, 30)));
  const dir = tempDir('archive');
  const db = openDatabase(dir.path);
  const braid = startCore({ db, liveUpdates: false }, dir);
  cleanups.push(() => braid.close());
  const accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  const networks = createNetworkRegistry(builtInNetworks(), {
    db,
    secrets: braid.core.secrets,
    log: () => undefined,
    saveAccount: () => {
      throw new Error('not in this test');
    },
    markExpired: () => undefined,
  });
  const path = `/api/v1/accounts/${amy.id}/statuses`;
  return {
    server,
    braid,
    db,
    accountId,
    archive: (more = {}) => createArchiveService({ db, accounts: () => listAccounts(db), archiveOf: (network) => networks.get(network).archive, ...more }),
    ownOnServer: () => server.statusesOf('amy').filter((status) => status.reblog === null).length,
    pagesAsked: () => server.requests.filter((request) => request.path === path).map((request) => request.query.get('max_id')),
  };
}

const archivedKeys = (db: Database, accountId: string) =>
  (db.prepare('SELECT post_key AS key FROM archive_posts WHERE account_id = ?').all(accountId) as { key: string }[]).map((row) => row.key);

function expectExactly(setup: Setup) {
  const keys = archivedKeys(setup.db, setup.accountId);
  const onServer = setup.server.statusesOf('amy').filter((status) => status.reblog === null).map((status) => status.id);
  expect(keys.length).toBe(onServer.length);
  expect(new Set(keys)).toEqual(new Set(onServer));
}

describe('the Mastodon archive import', () => {
  it('imports thousands of statuses, exactly the server\'s, searchable at once; a later sync asks one page and adds what is new', async () => {
    const setup = await setUp(3000);
    const { accountId, server } = setup;
    const archive = setup.archive();
    const started = performance.now();
    const [result] = await archive.sync();
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ accountId, ok: true, value: { outcome: 'done', archived: 3000, added: 3000, unreadable: 0 } });
    expect(setup.ownOnServer()).toBe(3000);
    expectExactly(setup);
    console.info(`archive import: 3000 statuses in ${seconds.toFixed(1)} s (${Math.round(3000 / seconds)} posts/s)`);
    // 75 full pages, then a short one.
    expect(setup.pagesAsked()).toHaveLength(Math.ceil(3001 / 40));
    expect(new Set(setup.pagesAsked()).size).toBe(setup.pagesAsked().length);

    expect(archive.counts()).toEqual([
      expect.objectContaining({ accountId, network: 'mastodon', posts: 3000, deleted: 0, withMedia: Math.ceil((3000 - 4) / 11), oldest: '2021-01-01T00:00:00.000Z' }),
    ]);
    expect(archive.sources()[0]).toMatchObject({ accountId, walking: false, complete: true, syncedTo: '2021-01-03T01:59:00.000Z' });

    // Search: accents, Japanese, a number, replies, media.
    const found = (query: string, more = {}) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page = archive.search({ query, order: 'newest', limit: 200, cursor, ...more });
        keys.push(...page.hits.map((hit) => hit.key));
        cursor = page.cursor;
      } while (cursor);
      return keys;
    };
    expect(found('creme brulee')).toHaveLength(150); // "Déjà vu à la crème brûlée": i % 20 === 5
    expect(found('東京')).toHaveLength(150); // "東京は今日も晴れです": i % 20 === 1
    expect(found('抹茶を飲み')).toHaveLength(150);
    const one = archive.search({ query: 'seq-1234', order: 'best', limit: 5 }).hits;
    expect(one[0]?.post.content.kind === 'html' && one[0].post.content.html).toContain('seq-1234');
    expect(found('lighthouse', { hasMedia: false })).toEqual([]);
    expect(found('', { replies: true }).length).toBeGreaterThan(0);

    // Nothing new: the sync reads the newest page and stops there.
    const asked = setup.pagesAsked().length;
    const [again] = await archive.sync();
    expect(again).toMatchObject({ ok: true, value: { outcome: 'done', added: 0, archived: 3000 } });
    expect(setup.pagesAsked().length - asked).toBe(1);

    // 50 new posts: two pages at most, all of them archived.
    server.seedStatuses('amy', 50, { from: new Date(Date.UTC(2022, 0, 1)) });
    const [newer] = await archive.sync();
    expect(newer).toMatchObject({ ok: true, value: { added: 50, archived: 3050 } });
    expect(setup.pagesAsked().length - asked - 1).toBeLessThanOrEqual(3);
    expectExactly(setup);
  });

  it('resumes after a pause exactly where it stopped: no page asked twice, no post twice, none missing', async () => {
    const setup = await setUp(2000);
    const stop = new AbortController();
    const seen: ImportProgress[] = [];
    const [first] = await setup.archive().sync({
      signal: stop.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.pages === 10) stop.abort();
      },
    });
    expect(first).toMatchObject({ ok: true, value: { outcome: 'stopped', pages: 10, archived: 400 } });
    expect(archivedKeys(setup.db, setup.accountId)).toHaveLength(400);
    expect(seen.map((progress) => progress.archived).slice(0, 3)).toEqual([40, 80, 120]);

    // As after quitting and starting Braid again: a new service on the same database.
    const [second] = await setup.archive().sync();
    expect(second).toMatchObject({ ok: true, value: { outcome: 'done', added: 1600, archived: 2000 } });
    expectExactly(setup);
    const asked = setup.pagesAsked();
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked).toHaveLength(Math.ceil(2001 / 40));
  });

  it('resumes after the server failed on page N, whatever page that is', async () => {
    const setup = await setUp(1000);
    for (const failOn of [1, 7, 12]) {
      const archive = setup.archive();
      let pages = 0;
      const [failed] = await archive.sync({
        onProgress: () => {
          pages += 1;
          if (pages === failOn) setup.server.simulateOutage(502);
        },
      });
      setup.server.simulateOutage(null);
      expect(failed, `failing after page ${failOn}`).toMatchObject({ ok: false, error: { code: 'server', account: setup.accountId } });
    }
    const [done] = await setup.archive().sync();
    expect(done).toMatchObject({ ok: true, value: { outcome: 'done', archived: 1000 } });
    expectExactly(setup);
    // Failed requests aside, every page was read once.
    const answered = setup.server.requests.filter((request) => request.path.endsWith('/statuses') && request.status === 200).map((request) => request.query.get('max_id'));
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('pages by the last id until an empty page on servers that send no Link header', async () => {
    const setup = await setUp(500, { linkHeaders: false });
    const [result] = await setup.archive().sync();
    expect(result).toMatchObject({ ok: true, value: { outcome: 'done', archived: 500 } });
    expectExactly(setup);
    // 12 full pages, a short one, and the empty page that says it is over.
    expect(setup.pagesAsked()).toHaveLength(14);
  });

  it('keeps within the request budget the server reports, and waits out a refusal (429) until the reset it gives', async () => {
    // 12 requests per 2-second window: signing in and 13 pages cannot fit in one.
    const setup = await setUp(500, { rateLimit: { limit: 12, windowMs: 2000 } });
    const waits: number[] = [];
    const [result] = await setup.archive({ importOptions: { reserve: 2 } }).sync({
      onProgress: (progress) => {
        if (progress.waitingUntil !== null) waits.push(progress.waitingUntil);
      },
    });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'done', archived: 500 } });
    expect(waits.length).toBeGreaterThan(0);
    expect(setup.server.requests.filter((request) => request.status === 429)).toEqual([]);
    expectExactly(setup);

    setup.server.seedStatuses('amy', 100, { from: new Date(Date.UTC(2022, 0, 1)) });
    setup.server.rateLimitNext(2, 300);
    const [refused] = await setup.archive().sync();
    expect(refused).toMatchObject({ ok: true, value: { outcome: 'done', added: 100, archived: 600 } });
    expect(setup.server.requests.filter((request) => request.status === 429)).toHaveLength(2);
    expectExactly(setup);
  });
});
