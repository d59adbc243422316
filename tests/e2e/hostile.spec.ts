/**
 * One hostile post must never take Braid down. Over 150 payloads (tests/support/hostile-corpus.ts)
 * in every field a server fills, from a Mastodon server (its home timeline answered by a proxy)
 * and the real local Bluesky network, through Braid's own core, browser host and renderer in
 * Chromium. The whole timeline is scrolled through, counting scripts that ran, navigations,
 * crashes, blank screens and sideways overflow; the figures are printed.
 */
import { AtpAgent } from '@atproto/api';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { hostileBlueskyProfile, hostileBlueskyRecords, hostileStatuses } from '../support/hostile-corpus.ts';
import { startInterceptingProxy, type InterceptingProxy } from '../support/intercepting-proxy.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const dataDir = tempDir('hostile-e2e');
let mastodon: MastodonTestServer;
let proxy: InterceptingProxy;
let bluesky: BlueskyNetwork;
let host: RunningHost;
let statuses: Record<string, unknown>[] = [];
let blueskyPayloads = 0;
/** What the AppView itself serves the reader (it leaves out records it cannot index). */
let blueskyServed = 0;

/** The home timeline as Mastodon pages it: newest first, `limit` below `max_id`. */
function homePage(path: string): string {
  const query = new URL(path, 'http://x').searchParams;
  const limit = Number(query.get('limit') ?? 20);
  const maxId = query.get('max_id');
  const below = statuses.filter((status) => maxId === null || BigInt(String(status.id)) < BigInt(maxId));
  return JSON.stringify(below.slice(0, limit));
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  mastodon = await startMastodonServer({ title: 'Hostile Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  proxy = await startInterceptingProxy(mastodon.url, (request) =>
    request.path.startsWith('/api/v1/timelines/home') ? { kind: 'answer', status: 200, body: homePage(request.path) } : { kind: 'pass' },
  );
  statuses = hostileStatuses({ origin: proxy.url });

  bluesky = await startBlueskyNetwork();
  const mallory = await bluesky.createUser({ handle: 'mal-writer.test' });
  const reader = await bluesky.createUser({ handle: 'hostile-reader.test' });
  const agent = new AtpAgent({ service: bluesky.pdsUrl });
  await agent.login({ identifier: mallory.handle, password: mallory.appPassword });
  await agent.upsertProfile((existing) => ({ ...existing, ...hostileBlueskyProfile }));
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const { data: uploaded } = await agent.uploadBlob(png, { encoding: 'image/png' });
  for (const [index, payload] of hostileBlueskyRecords().entries()) {
    const record = JSON.parse(JSON.stringify(payload.record).replaceAll('"BLOB"', JSON.stringify(uploaded.blob))) as Record<string, unknown>;
    const createdAt = new Date(Date.now() - index * 60_000).toISOString();
    await agent.com.atproto.repo.createRecord({ repo: mallory.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', createdAt, ...record }, validate: false });
    blueskyPayloads += 1;
  }
  const readerAgent = new AtpAgent({ service: bluesky.pdsUrl });
  await readerAgent.login({ identifier: reader.handle, password: reader.appPassword });
  await readerAgent.follow(mallory.did);
  await bluesky.processAll();
  blueskyServed = (await readerAgent.getTimeline({ limit: 100 })).data.feed.length;

  await signInAccounts({ dataDir: dataDir.path, bluesky, mastodon: [{ server: { url: proxy.url }, username: 'amy', password: 'amy-password-1' }], blueskyUsers: [reader] });
  host = await startHostProcess({ dataDir: dataDir.path, env: blueskyHostEnv(bluesky) });
});

test.afterAll(async () => {
  await host?.stop();
  await proxy?.close();
  await mastodon?.close();
  await bluesky?.close();
  dataDir.remove();
});

interface Step {
  keys: string[];
  unshowable: string[];
  overflowPx: number;
  railVisible: boolean;
  atEnd: boolean;
}

test('over 150 hostile payloads: no script runs, nothing navigates, nothing blanks, nothing spills sideways', async ({ page, context }) => {
  expect(statuses.length + blueskyPayloads + 2).toBeGreaterThanOrEqual(150); // + the two profile fields
  let dialogs = 0;
  let navigations = 0;
  let popups = 0;
  let crashes = 0;
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  page.on('crash', () => (crashes += 1));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  context.on('page', () => (popups += 1));

  await page.goto(await host.newLaunchUrl());
  await expect(page.getByTestId('post').first()).toBeVisible({ timeout: 30_000 });
  const loadedAt = page.url();
  page.on('framenavigated', (frame) => frame === page.mainFrame() && frame.url() !== loadedAt && (navigations += 1));

  const seen = new Set<string>();
  const unshowable = new Set<string>();
  let maxOverflow = 0;
  let blankSteps = 0;
  const scroller = page.getByTestId('timeline');
  for (let step = 0; step < 600; step++) {
    const state: Step = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="timeline"]');
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="post"]')];
      const root = document.documentElement;
      // Sideways: what can be scrolled, and what a post draws past its own box.
      // A part whose content is wider than its own box spills past it (or is cut off, unreadable).
      const spill = rows.flatMap((row) =>
        [row, ...row.querySelectorAll<HTMLElement>('.post-main, .post-main > *, .post-body, .post-body > *, .post-body-text > *')].map((part) =>
          Math.max(part.scrollWidth - part.clientWidth, part.getBoundingClientRect().right - row.getBoundingClientRect().right),
        ),
      );
      return {
        keys: rows.map((row) => row.dataset.key ?? ''),
        unshowable: rows.filter((row) => row.querySelector('[data-testid="post-unshowable"]')).map((row) => row.dataset.key ?? ''),
        overflowPx: Math.max(0, root.scrollWidth - root.clientWidth, list ? list.scrollWidth - list.clientWidth : 0, ...spill),
        railVisible: Boolean(document.querySelector('nav[aria-label="Accounts"]')),
        atEnd: list !== null && list.scrollTop + list.clientHeight >= list.scrollHeight - 2,
      };
    });
    for (const key of state.keys) seen.add(key);
    for (const key of state.unshowable) unshowable.add(key);
    maxOverflow = Math.max(maxOverflow, state.overflowPx);
    if (!state.railVisible || state.keys.length === 0) blankSteps += 1;
    const everything = (await page.getByTestId('timeline-end').textContent())?.includes('That is everything');
    if (state.atEnd && everything) break;
    await scroller.evaluate((list) => (list.scrollTop += list.clientHeight * 0.8));
    await page.waitForTimeout(40);
  }
  const ran = await page.evaluate(() => (window as { __hostileRan?: number }).__hostileRan ?? 0);
  await screenshot(page, 'hostile-timeline-end');

  const figures = {
    payloads: statuses.length + blueskyPayloads + 2,
    mastodonPayloads: statuses.length,
    blueskyPayloads: blueskyPayloads + 2,
    itemsShown: seen.size,
    blueskyServedByAppView: blueskyServed,
    blueskyShown: [...seen].filter((key) => key.startsWith('bluesky ')).length,
    shownAsUnshowable: unshowable.size,
    scriptsRan: dialogs + ran,
    navigations: navigations + popups,
    crashes: crashes + pageErrors.length,
    blankScreens: blankSteps,
    maxHorizontalOverflowPx: Math.round(maxOverflow),
  };
  console.log(`hostile corpus: ${JSON.stringify(figures)}`);

  expect(pageErrors).toEqual([]);
  expect(figures).toMatchObject({ scriptsRan: 0, navigations: 0, crashes: 0, blankScreens: 0, maxHorizontalOverflowPx: 0 });
  // Every payload either shows or was left out for want of a time; never the whole timeline.
  // Mastodon: every payload but the one without a time (nothing to place it by). Bluesky: every
  // post the AppView serves (it leaves out records it cannot index itself).
  expect(figures.itemsShown - figures.blueskyShown).toBe(statuses.length - 1);
  expect(figures.blueskyShown).toBe(blueskyServed);
  await expect(page.getByTestId('timeline-end')).toContainText('That is everything');
});
