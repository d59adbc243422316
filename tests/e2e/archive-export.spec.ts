/**
 * The archive's export opened as anyone would: from file://, in Chromium with JavaScript off and
 * no network (no app host at all). Every post of a month is an <article>, every picture loads
 * from media/ with its description as alt text and as a visible caption, and hostile posts run
 * nothing (no dialog, no navigation, nothing refused by the page's policy but what it should).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { exportArchive } from '../../electron/core/archive/archive-export.ts';
import type { ExportManifest } from '../../electron/core/archive/export/export-format.ts';
import { createArchiveMedia } from '../../electron/core/archive/archive-media.ts';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import type { ArchivedPost } from '../../electron/core/networks/archive.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import type { Post } from '../../shared/domain/post.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';
import { tempDir } from '../support/temp-dir.ts';

const screensDir = join(import.meta.dirname, '..', 'artifacts', 'screens');
const masto = 'mastodon:m.test:1';
const sky = 'bluesky:did:plc:me';
const hostile = [
  '<script>alert(1)</script>after',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">js link</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  '<svg onload="alert(1)"></svg>',
];

test.use({ javaScriptEnabled: false });

const temp = tempDir('archive-export-e2e');
const dir = join(temp.path, 'export');
let manifest: ExportManifest;

test.beforeAll(async () => {
  const db = openMemoryDatabase();
  const media = createArchiveMedia(db, join(temp.path, 'archive-media'));
  const store = createArchiveStore(db, media);
  const posts: Record<string, ArchivedPost[]> = { [masto]: [], [sky]: [] };
  for (let index = 0; index < 120; index += 1) {
    const account = index % 2 === 0 ? masto : sky;
    const at = new Date(Date.UTC(2025, Math.floor(index / 40), 1 + (index % 28), 12)).toISOString();
    const author = account === sky ? blueskyAuthor('me.test') : mastodonAuthor('me@m.test');
    const text = `Post ${index}`;
    const html = index % 2 === 0 ? `<p>${hostile[(index / 2) % 8] ?? text}</p>` : undefined;
    const withPicture = index % 5 === 0;
    const base = makePost({ author, at, text, html, seenBy: account, nativeId: String(index) });
    const post: Post = { ...base, url: `https://example.test/${index}`, media: withPicture ? [{ kind: 'image', url: `https://example.test/${index}.png`, previewUrl: null, alt: `Picture of post ${index} <b>`, width: 40, height: 30 }] : [] };
    const bytes = withPicture ? await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: index * 2, g: 120, b: 200 } } }).png().toBuffer() : null;
    posts[account]!.push({
      key: String(index),
      uri: post.uri,
      url: post.url,
      createdAt: at,
      text,
      altText: post.media.map((item) => item.alt).join('\n'),
      content: post.content,
      langs: [],
      hasMedia: withPicture,
      isReply: false,
      isQuote: false,
      post,
      source: { id: index },
      attached: bytes ? [{ position: 0, mimeType: 'image/png', bytes }] : undefined,
    });
  }
  store.save(masto, 'mastodon', posts[masto]!);
  store.save(sky, 'bluesky', posts[sky]!);
  store.markDeleted(sky, ['41']);
  const result = await exportArchive({ db, media, dir });
  expect(result.check.ok).toBe(true);
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
});

test.afterAll(() => temp.remove());

/** What went wrong on the page: dialogs (a script ran), console errors (the policy refused something). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test('the index and every month page open from file:// with JavaScript off, with every post and picture', async ({ page }) => {
  const problems = watch(page);
  await page.goto(pathToFileURL(join(dir, 'index.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
  await expect(page.locator('ul.months a')).toHaveCount(manifest.months.length);
  expect(manifest.months.map((month) => month.month)).toEqual(['2025-01', '2025-02', '2025-03']);
  await expect(page.locator('table').first().locator('tbody tr')).toHaveCount(2);
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: join(screensDir, 'archive-export-index.png'), fullPage: true });

  // Newest first: the first link is March.
  await expect(page.locator('ul.months a').first()).toHaveText('March 2025');
  for (const month of manifest.months) {
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.getByRole('link', { name: new Date(`${month.month}-01T00:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }) }).click();
    await expect(page).toHaveURL(new RegExp(`${month.month}\\.html$`));
    await expect(page.locator('article')).toHaveCount(month.posts);
    const images = page.locator('article figure img');
    await expect(images).toHaveCount(8);
    for (const image of await images.all()) {
      const alt = await image.getAttribute('alt');
      expect(alt).toMatch(/^Picture of post \d+ <b>$/);
      await expect(image.locator('xpath=ancestor::figure//figcaption')).toHaveText(alt!);
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(40);
    }
    if (month.month === '2025-02') {
      await expect(page.locator('article.deleted')).toHaveCount(1);
      await expect(page.locator('article.deleted')).toContainText('Deleted from its server');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(screensDir, `archive-export-month-${scheme}.png`), fullPage: true });
      }
    }
  }
  await page.goto(pathToFileURL(join(dir, '2025-01.html')).href);
  await expect(page.getByText('js link').first()).toBeVisible();
  await expect(page.locator('a[href^="javascript:"], script, iframe, svg, meta[http-equiv="refresh"]')).toHaveCount(0);
  await page.waitForTimeout(300); // a refresh or a late handler would show by now
  await expect(page).toHaveURL(/2025-01\.html$/);
  expect(problems).toEqual([]);
});

test('the page policy refuses scripts even when JavaScript is on', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(pathToFileURL(join(dir, '2025-01.html')).href);
  await expect(page.locator('article')).toHaveCount(manifest.months[0]!.posts);
  // A script the page did not have (as if a post had smuggled one in) is refused by its policy.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.title = "ran"';
    document.body.append(script);
  });
  await expect(page).not.toHaveTitle('ran');
  expect(problems.join('\n')).toMatch(/Content Security Policy/);
  expect(problems.filter((problem) => !/Content Security Policy/.test(problem))).toEqual([]);
  await context.close();
});
