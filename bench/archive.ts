/**
 * The archive (issue 15), four figures:
 * - archive_import_posts_per_s (_mastodon, _bluesky) and CPU ms per 1,000 posts: 50,000 statuses
 *   from the Mastodon test server in another process (bench/archive-server.ts), every request held
 *   50 ms, imported through createArchiveService's sync (40 a page: 1,250 pages, so 62.5 s of
 *   waiting at least: archive_import_mastodon_server_bound_pct says how close); and a 50,000-post
 *   Bluesky repository built here with @atproto/repo, written as the CAR getRepo answers, and
 *   imported through the service's importFile (NetworkArchive.readFile: decodeRepoCar, then a
 *   transaction a page), timed from the file to the last page saved.
 * - archive_search_p95_ms: 100,000 posts (French with accents, Japanese, English, some long),
 *   saved with the archive store in one transaction, then 50 searches (25 queries, newest first and
 *   best match first): CJK of two and of three characters or more, accents, common and rare
 *   words, phrases, filters by account, date range, media and replies. A warm-up pass, then 3
 *   timed passes of the first page (30 hits, as the Archive page asks); p50 and p95 of all.
 * - archive_db_mb_per_10k_posts: that database's size after a checkpoint, per 10,000 posts.
 * - archive_export_s_100k: exportArchive of it into a new folder (copies, no media), its self-check included.
 *
 * `node bench/archive.ts` runs this part alone (`--write`: and merges its figures into
 * bench/results.json); `node bench/archive.ts search|bluesky|mastodon` one measure, written nowhere.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TID } from '@atproto/common-web';
import { jsonToLex } from '@atproto/lex-json';
import { blocksToCarFile, MemoryBlockstore, Repo, WriteOpAction, type RecordCreateOp } from '@atproto/repo';
import { createArchiveService } from '../electron/core/archive/archive-service.ts';
import { searchArchive, type ArchiveQuery } from '../electron/core/archive/archive-search.ts';
import { createArchiveStore } from '../electron/core/archive/archive-store.ts';
import type { ArchivedPost, NetworkArchive } from '../electron/core/networks/archive.ts';
import { createBlueskyArchive } from '../electron/core/networks/bluesky/archive.ts';
import { createMastodonArchive } from '../electron/core/networks/mastodon/archive.ts';
import { inTransaction, openDatabase, type Database } from '../electron/core/store/database.ts';
import type { Post } from '../shared/domain/post.ts';
import { tempDir } from '../tests/support/temp-dir.ts';
import type { ArchiveServer } from './archive-server.ts';

const importPosts = 50_000;
const searchPosts = 100_000;
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

function openArchiveDb(prefix: string) {
  const dir = tempDir(prefix);
  return { dir, db: openDatabase(dir.path) };
}

/** Mastodon: the service's sync against the server in another process, 50 ms a request. */
async function measureMastodonImport() {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'archive-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ARCHIVE_STATUSES: String(importPosts) },
  });
  const { dir, db } = openArchiveDb('bench-archive-mastodon');
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const server = JSON.parse(line) as ArchiveServer;
    const network = createMastodonArchive(() => Promise.resolve({ origin: server.url, accessToken: server.accessToken }));
    // Time spent waiting for each page (latency, the server's own work, reading the answer), apart from saving it.
    let pageWaitMs = 0;
    const mastodon: NetworkArchive = {
      ...network,
      ownPostsPage: async (...args) => {
        const started = performance.now();
        try {
          return await network.ownPostsPage(...args);
        } finally {
          pageWaitMs += performance.now() - started;
        }
      },
    };
    const service = createArchiveService({
      db,
      accounts: () => [{ id: server.accountId, network: 'mastodon', handle: 'amy' }],
      archiveOf: (network) => (network === 'mastodon' ? mastodon : undefined),
    });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const [result] = await service.sync({ media: false });
    const seconds = (performance.now() - started) / 1000;
    const cpuPer1000 = cpuMs(cpu) / (importPosts / 1000);
    service.close();
    if (!result?.ok || result.value.archived !== importPosts) throw new Error(`the Mastodon import did not end with ${importPosts} posts: ${JSON.stringify(result)}`);
    const pages = Math.ceil((importPosts + 1) / 40);
    const floor = (pages * server.latencyMs) / 1000;
    return {
      archive_import_posts_per_s_mastodon: Math.round(importPosts / seconds),
      archive_import_s_mastodon_50k: round1(seconds),
      archive_import_cpu_ms_per_1000_mastodon: round1(cpuPer1000),
      /** The server's waits alone (pages × latency) as a share of the import's time: 100 = bound by the server. */
      archive_import_mastodon_server_bound_pct: round1((floor / seconds) * 100),
      /** Of the import's time, waiting for pages (the 50 ms, the test server's own work, reading and mapping the answer); the rest is saving. */
      archive_import_mastodon_page_wait_s: round1(pageWaitMs / 1000),
    };
  } finally {
    db.close();
    dir.remove();
    child.stdin.end();
    await once(child, 'exit');
  }
}

// The generated texts: like tests/servers/mastodon/generated-statuses.ts, with more words.
const french = ['Un café au lait, s’il vous plaît', 'Déjà vu à la crème brûlée', 'Le garçon naïf lit son résumé', 'Noël à Orléans', 'Une fenêtre sur la forêt, côté été'];
const japanese = ['東京は今日も晴れです', '京都で抹茶を飲みました', '日本語の検索テスト', '新しいカメラを買った', '大阪の夜景がきれいでした'];
const english = ['Reading about federated protocols', 'Walked the dog along the river', 'Fixed a bug in the parser today', 'Coffee, then code', 'The weather is nice and the garden is green'];
const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'po', 'gu', 'fa', 'hi', 'do', 'be', 'xu'];
/** 1,200 made-up words; a post draws a few, the first ones far more often than the last (Zipf-like). */
const vocabulary = Array.from({ length: 1200 }, (_, i) => `${syllables[i % 16]}${syllables[Math.floor(i / 16) % 16]}${syllables[Math.floor(i / 256) % 16]}${i % 7 === 0 ? 'é' : ''}`);

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function generatedText(i: number, next: () => number): string {
  const list = i % 5 === 0 ? french : i % 5 === 1 ? japanese : english;
  const sentence = () => list[Math.floor(next() * list.length)]!;
  const word = () => vocabulary[Math.floor(vocabulary.length * next() ** 3)]!;
  const words = Array.from({ length: 2 + Math.floor(next() * 4) }, word).join(' ');
  // One in eight is long: a few sentences, a paragraph or two.
  const body = i % 8 === 7 ? Array.from({ length: 4 + Math.floor(next() * 8) }, sentence).join(i % 5 === 1 ? '。' : '. ') : sentence();
  return `${body} ${words} seq-${i}`;
}

const accounts = [
  { id: 'mastodon:social.example:1001', network: 'mastodon', handle: 'amy@social.example' },
  { id: 'mastodon:other.example:2002', network: 'mastodon', handle: 'amy@other.example' },
  { id: 'bluesky:did:plc:amyamyamyamyamyamyamyamy', network: 'bluesky', handle: 'amy.bsky.social' },
] as const;
/** One post every 15 minutes, from 2023-01-01 on (100,000 posts: nearly three years). */
const searchStart = Date.UTC(2023, 0, 1);
const searchStepMs = 15 * 60_000;

function archivedPost(i: number, next: () => number): { account: (typeof accounts)[number]; post: ArchivedPost } {
  const account = accounts[i % 3]!;
  const createdAt = new Date(searchStart + i * searchStepMs).toISOString();
  const text = generatedText(i, next);
  const hasMedia = i % 11 === 4;
  const isReply = i % 7 === 3;
  const mastodon = account.network === 'mastodon';
  const uri = mastodon ? `https://${account.id.split(':')[1]}/users/amy/statuses/${1_000_000 + i}` : `at://did:plc:amyamyamyamyamyamyamyamy/app.bsky.feed.post/3k${String(i).padStart(11, '0')}`;
  const url = mastodon ? `https://${account.id.split(':')[1]}/@amy/${1_000_000 + i}` : `https://bsky.app/profile/amy.bsky.social/post/3k${String(i).padStart(11, '0')}`;
  const content: Post['content'] = mastodon ? { kind: 'html', html: `<p>${text}</p>`, emojis: [] } : { kind: 'facets', text, facets: [] };
  const alt = hasMedia ? `Picture number ${i}: a lighthouse at dusk` : '';
  const post: Post = {
    network: account.network,
    uri,
    url,
    author: { network: account.network, id: account.id.split(':').at(-1)!, handle: account.handle, displayName: 'Amy', avatarUrl: null, profileUrl: `https://example.com/@amy` },
    content,
    media: hasMedia ? [{ kind: 'image', url: `https://files.example/${i}.jpg`, previewUrl: `https://files.example/${i}-small.jpg`, alt, width: 640, height: 480 }] : [],
    card: null,
    replyTo: isReply ? { handle: 'zed@social.example' } : null,
    contentWarning: null,
    labels: [],
    counts: { replies: 0, boosts: i % 4, likes: i % 9 },
    language: i % 5 === 0 ? 'fr' : i % 5 === 1 ? 'ja' : 'en',
    createdAt,
    quote: null,
    boostedBy: null,
    sortAt: createdAt,
    seenBy: [{ accountId: account.id, nativeId: String(1_000_000 + i), cid: null, liked: false, boosted: false }],
  };
  const source = mastodon
    ? { id: String(1_000_000 + i), created_at: createdAt, uri, url, content: `<p>${text}</p>`, visibility: 'public', language: post.language, in_reply_to_id: isReply ? '42' : null, media_attachments: post.media.map((media) => ({ type: 'image', url: media.url, description: alt })) }
    : { $type: 'app.bsky.feed.post', text, createdAt, langs: [post.language] };
  return {
    account,
    post: { key: mastodon ? String(1_000_000 + i) : uri, uri, url, createdAt, text, altText: alt, content, langs: [post.language!], hasMedia, isReply, isQuote: false, post, source },
  };
}

/** The 100,000 posts, saved by the archive store in one transaction. */
export function seedSearchArchive(db: Database): number {
  const store = createArchiveStore(db);
  const next = random(15);
  const started = performance.now();
  inTransaction(db, () => {
    const byAccount = new Map<string, ArchivedPost[]>();
    for (let i = 0; i < searchPosts; i++) {
      const { account, post } = archivedPost(i, next);
      const list = byAccount.get(account.id) ?? [];
      list.push(post);
      byAccount.set(account.id, list);
      if (list.length === 1000) {
        store.save(account.id, account.network, list);
        byAccount.set(account.id, []);
      }
    }
    for (const [id, list] of byAccount) if (list.length > 0) store.save(id, accounts.find((account) => account.id === id)!.network, list);
  });
  return (performance.now() - started) / 1000;
}

const month = (year: number, m: number) => ({ since: new Date(Date.UTC(year, m, 1)).toISOString(), until: new Date(Date.UTC(year, m + 1, 1)).toISOString() });
const rareWord = vocabulary[1100]!;
const commonWord = vocabulary[0]!;
export const searchQueries: Omit<ArchiveQuery, 'order' | 'limit'>[] = [
  { query: 'the' },
  { query: 'coffee' },
  { query: 'cafe' },
  { query: 'crème brûlée' },
  { query: '"creme brulee"' },
  { query: '東京' },
  { query: '抹茶' },
  { query: '抹茶を飲み' },
  { query: '日本語の検索' },
  { query: '晴れ', accounts: [accounts[1].id] },
  { query: 'seq-12345' },
  { query: rareWord },
  { query: 'lighthouse', hasMedia: true },
  { query: 'the', accounts: [accounts[0].id] },
  { query: 'the', ...month(2024, 5) },
  { query: '東京', ...month(2023, 8) },
  { query: '京都', hasMedia: true },
  { query: 'river dog' },
  { query: '"walked the dog"', replies: true },
  { query: 'parser', replies: true, accounts: [accounts[2].id] },
  { query: 'noel orleans', ...month(2025, 0) },
  { query: '', hasMedia: true, accounts: [accounts[0].id] },
  { query: 'federated', replies: false, accounts: [accounts[1].id] },
  { query: '京都 抹茶', replies: false },
  { query: commonWord, hasMedia: true, ...month(2024, 1) },
];

function measureSearch(db: Database) {
  const all = searchQueries.flatMap((query) => (['newest', 'best'] as const).map((order): ArchiveQuery => ({ ...query, order, limit: 30 })));
  for (const query of all) searchArchive(db, query); // warm-up
  const times: number[] = [];
  const slowest = new Map<string, number>();
  for (let pass = 0; pass < 3; pass++) {
    for (const query of all) {
      const started = performance.now();
      searchArchive(db, query);
      const ms = performance.now() - started;
      times.push(ms);
      const name = `${query.order} ${JSON.stringify({ ...query, order: undefined, limit: undefined })}`;
      slowest.set(name, Math.max(slowest.get(name) ?? 0, ms));
    }
  }
  const worst = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), worst };
}

/** Bluesky: a 50,000-post repository written as a CAR, imported through the service's importFile. */
async function measureBlueskyImport() {
  const did = 'did:plc:benchbenchbenchbenchbenc';
  const keypair = { jwtAlg: 'ES256K', did: () => 'did:key:zQ3shfake', sign: () => Promise.resolve(new Uint8Array(64)) };
  const next = random(7);
  const writes: RecordCreateOp[] = [];
  let rkey: string | undefined;
  for (let i = 0; i < importPosts; i++) {
    rkey = TID.nextStr(rkey);
    const createdAt = new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString();
    const record = { $type: 'app.bsky.feed.post', text: generatedText(i, next).slice(0, 300), createdAt, langs: [i % 5 === 0 ? 'fr' : i % 5 === 1 ? 'ja' : 'en'] };
    writes.push({ action: WriteOpAction.Create, collection: 'app.bsky.feed.post', rkey, record: jsonToLex(record) as RecordCreateOp['record'] });
  }
  const storage = new MemoryBlockstore();
  const built = performance.now();
  const repo = await Repo.create(storage, did, keypair, writes);
  const car = await blocksToCarFile(repo.cid, storage.blocks);
  const buildSeconds = (performance.now() - built) / 1000;
  const { dir, db } = openArchiveDb('bench-archive-bluesky');
  try {
    const file = join(dir.path, 'repo.car');
    writeFileSync(file, car);
    const bluesky = createBlueskyArchive(() => Promise.reject(new Error('offline')));
    const service = createArchiveService({ db, accounts: () => [], archiveOf: () => undefined, archives: () => [bluesky] });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await service.importFile(file);
    const seconds = (performance.now() - started) / 1000;
    const cpuPer1000 = cpuMs(cpu) / (importPosts / 1000);
    service.close();
    if (result.added !== importPosts || result.unreadable !== 0) throw new Error(`the Bluesky import did not add ${importPosts} posts: ${JSON.stringify(result)}`);
    return {
      archive_import_posts_per_s_bluesky: Math.round(importPosts / seconds),
      archive_import_s_bluesky_50k: round1(seconds),
      archive_import_cpu_ms_per_1000_bluesky: round1(cpuPer1000),
      archive_bluesky_car_mb_50k: round1(car.length / 2 ** 20),
      buildSeconds,
    };
  } finally {
    db.close();
    dir.remove();
  }
}

async function measureSearchSizeExport() {
  const { dir, db } = openArchiveDb('bench-archive-search');
  try {
    const seedSeconds = seedSearchArchive(db);
    const search = measureSearch(db);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pageCount = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    const pageSize = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    const bytes = pageCount * pageSize;
    const fileBytes = statSync(join(dir.path, 'braid.sqlite')).size;
    const tables = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8").all() as { name: string; bytes: number }[];
    const service = createArchiveService({ db, accounts: () => [], archiveOf: () => undefined, mediaDir: join(dir.path, 'archive-media') });
    const started = performance.now();
    const exported = await service.exportTo(join(dir.path, 'export'));
    const exportSeconds = (performance.now() - started) / 1000;
    service.close();
    if (!exported.checked || exported.posts !== searchPosts) throw new Error(`the export did not check out: ${JSON.stringify(exported)}`);
    return {
      figures: {
        archive_search_p95_ms: round2(search.p95),
        archive_search_p50_ms: round2(search.p50),
        archive_search_max_ms: round2(search.max),
        archive_db_mb_per_10k_posts: round2(bytes / 2 ** 20 / (searchPosts / 10_000)),
        archive_export_s_100k: round1(exportSeconds),
      },
      seedSeconds,
      worst: search.worst,
      fileBytes,
      tables,
    };
  } finally {
    db.close();
    dir.remove();
  }
}

export async function measureArchive(log: (line: string) => void = () => undefined) {
  const searched = await measureSearchSizeExport();
  log(`archive: 100,000 posts seeded in ${searched.seedSeconds.toFixed(1)} s; slowest searches: ${searched.worst.map(([name, ms]) => `${ms.toFixed(1)} ms ${name}`).join('; ')}`);
  log(`archive: database ${(searched.fileBytes / 2 ** 20).toFixed(1)} MB on disk; largest parts: ${searched.tables.map((table) => `${table.name} ${(table.bytes / 2 ** 20).toFixed(1)} MB`).join(', ')}`);
  const { buildSeconds, ...bluesky } = await measureBlueskyImport();
  log(`archive: the 50,000-post CAR built in ${buildSeconds.toFixed(1)} s (not counted)`);
  const mastodon = await measureMastodonImport();
  return { archive_import_posts_per_s: mastodon.archive_import_posts_per_s_mastodon, ...mastodon, ...bluesky, ...searched.figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv[2];
  if (only === 'search') {
    const searched = await measureSearchSizeExport();
    console.log(JSON.stringify(searched, null, 2));
  } else if (only === 'bluesky') console.log(await measureBlueskyImport());
  else if (only === 'mastodon') console.log(await measureMastodonImport());
  else {
    const figures = await measureArchive(console.log);
    console.log(figures);
    if (process.argv.includes('--write')) {
      const file = join(import.meta.dirname, 'results.json');
      const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
      writeFileSync(file, `${JSON.stringify({ ...previous, ...figures, archive_measured_at: new Date().toISOString() }, null, 2)}\n`);
    }
  }
}
