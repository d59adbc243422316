/**
 * The timeline through the real path: the browser host (its own process, the real core) in
 * Chromium, two Mastodon test servers behind proxies that hold each request 50 ms.
 *   Reading by scrolling until 5,000 posts are loaded: bytes over the bridge's socket per post
 *   (against the average post's JSON), the renderer's heap after GC, then frames while scrolling
 *   at 6,000 px/s.
 *   A cache of 20,000 posts at start: how long a refresh takes that finds 20 new posts (median of 5).
 */
import { chromium, type Page } from '@playwright/test';
import { postKey } from '../shared/domain/post-key.ts';
import { postFromStatus } from '../electron/core/networks/mastodon/post-mapping.ts';
import { openDatabase } from '../electron/core/store/database.ts';
import { chromiumArgs, chromiumPath } from '../playwright.config.ts';
import { startMastodonServer, type MastodonTestServer } from '../tests/servers/mastodon/index.ts';
import { startHostProcess } from '../tests/support/browser-host-process.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../tests/support/intercepting-proxy.ts';
import { signInAccounts } from '../tests/support/sign-in-accounts.ts';
import { tempDir } from '../tests/support/temp-dir.ts';
import { words } from './synthetic-timeline.ts';
import { heapAfterGc, scrollAt } from './timeline-scroll.ts';

export interface BridgeFigures {
  bridge_bytes_per_post_5000: number;
  bridge_avg_post_json_bytes: number;
  bridge_heap_mb_5000: number;
  bridge_load_s_5000: number;
  bridge_scroll_ok_frames_pct_6000: number;
  bridge_scroll_long_frames_6000: number;
  refresh_ms_20000_cached: number;
  refresh_runs_ms_20000_cached: number[];
}

/** A deterministic text of 5 to 60 words, now and then with a link and a hashtag. */
function textFor(n: number): string {
  const length = 5 + ((n * 7919) % 56);
  const body = Array.from({ length }, (_, i) => words[(n * 31 + i * 17) % words.length]).join(' ');
  return n % 5 === 0 ? `${body} https://example.org/notes/${n} #braid` : body;
}

interface Servers {
  home: MastodonTestServer;
  other: MastodonTestServer;
  proxies: InterceptingProxy[];
  close(): Promise<void>;
}

/** amy (home) follows cat and bob (other) follows dan; each of cat and dan posted `perAccount` times, a minute apart. */
async function startServers(perAccount: number, streaming = true): Promise<Servers> {
  const [home, other] = await Promise.all([startMastodonServer({ title: 'Home', streaming }), startMastodonServer({ title: 'Other', streaming })]);
  const now = Date.now();
  for (const [server, reader, writer] of [[home, 'amy', 'cat'], [other, 'bob', 'dan']] as const) {
    server.addUser({ username: reader, password: `${reader}-password-1` });
    server.addUser({ username: writer, password: `${writer}-password-1`, displayName: writer.toUpperCase() });
    server.follow(reader, writer);
    // Oldest first, so that ids grow with time as on a real server.
    for (let i = perAccount; i > 0; i--) server.post(writer, { text: textFor(i + (server === other ? 7 : 0)), createdAt: new Date(now - i * 60_000 - (server === other ? 30_000 : 0)) });
  }
  const delay = () => ({ kind: 'delay' as const, ms: 50 });
  const proxies = await Promise.all([startInterceptingProxy(home.url, delay), startInterceptingProxy(other.url, delay)]);
  return {
    home,
    other,
    proxies,
    async close() {
      await Promise.all(proxies.map((proxy) => proxy.close()));
      await Promise.all([home.close(), other.close()]);
    },
  };
}

const signIn = (dataDir: string, { proxies }: Servers) =>
  signInAccounts({
    dataDir,
    mastodon: [
      { server: proxies[0]!, username: 'amy', password: 'amy-password-1' },
      { server: proxies[1]!, username: 'bob', password: 'bob-password-1' },
    ],
  });

async function openPage(launchUrl: string) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await page.goto(launchUrl);
  await page.waitForSelector('article[data-index]', { timeout: 60_000 });
  return { browser, page, frames };
}

/** Scrolls to the end again and again until `count` items are loaded; the seconds it took. */
async function loadByScrolling(page: Page, count: number): Promise<number> {
  const started = Date.now();
  let loaded = 0;
  let lastProgress = Date.now();
  while (loaded < count && Date.now() - lastProgress < 60_000) {
    const now = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[data-testid=timeline]')!;
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return Math.max(-1, ...[...document.querySelectorAll('article[data-index]')].map((row) => Number(row.getAttribute('data-index')))) + 1;
    });
    if (now > loaded) lastProgress = Date.now();
    loaded = now;
  }
  if (loaded < count) throw new Error(`only ${loaded} of ${count} posts loaded by scrolling`);
  return (Date.now() - started) / 1000;
}

/** Waits until the socket has been still for a second: a page asked for while loading has come and been painted. */
async function quiet(frames: string[]): Promise<void> {
  for (let count = -1; count !== frames.length; ) {
    count = frames.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The average JSON size of the items the socket brought (inserted by changes). */
function averageItemBytes(frames: string[]): number {
  let bytes = 0;
  let items = 0;
  for (const frame of frames) {
    const message = JSON.parse(frame) as { payload?: { changes?: { op: string; items?: unknown[] }[] }; result?: { ok: boolean; value?: { changes?: { op: string; items?: unknown[] }[] } } };
    const changes = message.payload?.changes ?? message.result?.value?.changes ?? [];
    for (const change of changes) for (const item of change.items ?? []) {
        bytes += Buffer.byteLength(JSON.stringify(item));
        items += 1;
      }
  }
  return items === 0 ? 0 : bytes / items;
}

async function measureScrollLoad(): Promise<Omit<BridgeFigures, 'refresh_ms_20000_cached' | 'refresh_runs_ms_20000_cached'>> {
  const loaded = 5000;
  const servers = await startServers(2600);
  const dir = tempDir('bench-bridge');
  await signIn(dir.path, servers);
  const host = await startHostProcess({ dataDir: dir.path });
  const { browser, page, frames } = await openPage(await host.newLaunchUrl());
  try {
    const seconds = await loadByScrolling(page, loaded);
    const bytes = frames.reduce((total, frame) => total + Buffer.byteLength(frame), 0);
    const heap = await heapAfterGc(page);
    await page.evaluate(() => (document.querySelector<HTMLElement>('[data-testid=timeline]')!.scrollTop = 0));
    await quiet(frames);
    const { frames: frameTimes } = await scrollAt(page, 6000, 8);
    const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
    return {
      bridge_bytes_per_post_5000: Math.round(bytes / loaded),
      bridge_avg_post_json_bytes: Math.round(averageItemBytes(frames)),
      bridge_heap_mb_5000: round(heap),
      bridge_load_s_5000: round(seconds),
      bridge_scroll_ok_frames_pct_6000: round((100 * frameTimes.filter((f) => f <= 16.7).length) / frameTimes.length, 2),
      bridge_scroll_long_frames_6000: frameTimes.filter((f) => f > 50).length,
    };
  } finally {
    await browser.close();
    await host.stop();
    await servers.close();
    dir.remove();
  }
}

/** Mastodon's JSON as masto hands it to Braid: keys in camelCase. */
const camelCased = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(camelCased)
  : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelCased(inner)]))
  : value;

/**
 * Fills each account's timeline cache to `perAccount` posts in whole pages of 40: its home
 * timeline as the server has it (the newest posts, so that a refresh meets them), then older
 * posts made from the oldest one (the test server is slow to hold tens of thousands).
 */
function seedCache(dataDir: string, servers: Servers, perAccount: number) {
  const db = openDatabase(dataDir);
  const accounts = db.prepare('SELECT id, server FROM accounts ORDER BY position').all() as { id: string; server: string }[];
  const insert = db.prepare('INSERT INTO timeline_posts (account_id, position, post_key, sort_at, post, older_cursor, gap_below) VALUES (?, ?, ?, ?, ?, ?, 0)');
  const feed = db.prepare('INSERT OR REPLACE INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES (?, ?, 0, ?)');
  db.exec('BEGIN');
  for (const [index, [server, writer]] of ([[servers.home, 'cat'], [servers.other, 'dan']] as const).entries()) {
    const account = accounts[index]!; // amy, bob
    const posts = server.statusesOf(writer).map((status) => postFromStatus(camelCased(status), account.id, account.server));
    const oldest = posts.at(-1)!;
    for (let n = 1; posts.length < perAccount; n++) {
      const at = new Date(Date.parse(oldest.sortAt) - n * 60_000).toISOString();
      const nativeId = `${n}`;
      posts.push({ ...oldest, uri: `${oldest.uri}-${n}`, url: `${oldest.url}-${n}`, createdAt: at, sortAt: at, seenBy: [{ ...oldest.seenBy[0]!, nativeId }] });
    }
    posts.forEach((post, position) => {
      const endsPage = (position + 1) % 40 === 0 || position === posts.length - 1;
      insert.run(account.id, position, postKey(post), post.sortAt, JSON.stringify(post), endsPage ? post.seenBy[0]!.nativeId : null);
    });
    feed.run(account.id, posts.at(-1)!.seenBy[0]!.nativeId, new Date().toISOString());
  }
  db.exec('COMMIT');
  db.close();
}

async function measureCachedRefresh(): Promise<Pick<BridgeFigures, 'refresh_ms_20000_cached' | 'refresh_runs_ms_20000_cached'>> {
  // No streaming: the 20 new posts must wait for the refresh being timed.
  const servers = await startServers(60, false);
  const dir = tempDir('bench-refresh');
  await signIn(dir.path, servers);
  seedCache(dir.path, servers, 10_000);
  const host = await startHostProcess({ dataDir: dir.path });
  const { browser, page } = await openPage(await host.newLaunchUrl());
  try {
    await page.waitForTimeout(5000); // the window's own first refresh is over
    const runs: number[] = [];
    for (let run = 0; run < 5; run++) {
      for (let i = 0; i < 10; i++) for (const [server, writer] of [[servers.home, 'cat'], [servers.other, 'dan']] as const) server.post(writer, { text: `new ${run} ${i} ${textFor(i)}` });
      runs.push(
        await page.evaluate(async () => {
          const started = performance.now();
          const answer = await window.braid!.invoke('timeline.refresh');
          if (!answer.ok) throw new Error(answer.error.message);
          return performance.now() - started;
        }),
      );
      await page.waitForTimeout(1000);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { refresh_ms_20000_cached: Math.round(sorted[2]!), refresh_runs_ms_20000_cached: runs.map(Math.round) };
  } finally {
    await browser.close();
    await host.stop();
    await servers.close();
    dir.remove();
  }
}

export async function measureBridgeTimeline(): Promise<BridgeFigures> {
  return { ...(await measureScrollLoad()), ...(await measureCachedRefresh()) };
}

if (import.meta.main) console.log(await measureBridgeTimeline());
