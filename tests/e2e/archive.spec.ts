/**
 * The archive page: begin the archive of an account and watch it fill, search it (accents
 * ignored, matches marked), open the archived copy of a result and its original, and export it
 * all into a folder that checks itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test, violations } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('archive-e2e');
let mastodon: MastodonTestServer;
let host: RunningHost;
let harbourUrl = '';
const picture = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

test.beforeAll(async () => {
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  mastodon.seedStatuses('amy', 120, { from: new Date(Date.UTC(2024, 0, 1)) });
  const harbour = mastodon.post('amy', {
    text: 'A picture of the harbour',
    createdAt: new Date(Date.UTC(2024, 5, 1)),
    media: [{ description: 'Boats in the harbour at dawn', width: 64, height: 48, file: { contentType: 'image/png', bytes: picture } }],
  });
  harbourUrl = harbour.url ?? '';
  mastodon.post('amy', { text: '<script>alert(1)</script> <img src=x onerror=alert(2)> cafe talk', createdAt: new Date(Date.UTC(2024, 5, 2)) });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});

test('begin the archive, search it, open a result, export it', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Archive' }).click();
  const account = page.getByTestId('archive-account');
  await expect(account).toContainText('Not archived yet.');

  await page.getByTestId('archive-sync').click();
  await expect(account.getByTestId('archive-count')).toContainText('122 posts', { timeout: 60_000 });
  await expect(account).toHaveAttribute('data-state', 'idle');
  await expect(account).toContainText('Up to date');

  // Accents ignored; the matches marked; hostile text shown as text.
  await page.getByTestId('archive-query').fill('cafe');
  const hits = page.getByTestId('archive-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator('mark').first()).toHaveText(/caf[eé]/i);
  const hostile = hits.filter({ hasText: 'cafe talk' });
  await expect(hostile).toContainText('<script>alert(1)</script>');
  await expect(page.locator('script:has-text("alert(1)")')).toHaveCount(0);
  expect(await violations(page), 'archive search').toEqual([]);
  await screenshot(page, 'archive-search');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'archive-search-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A result: its archived copy (the picture with its description), and its original.
  await page.getByTestId('archive-query').fill('harbour');
  await expect(hits).toHaveCount(1);
  await hits.getByRole('button', { name: 'Show the archived copy' }).click();
  await expect(hits.getByTestId('archive-copy').getByRole('button', { name: /Boats in the harbour at dawn/ })).toBeVisible();
  await expect(hits.getByRole('link', { name: 'Open the original' })).toHaveAttribute('href', harbourUrl);

  // Filters: replies only, then with pictures.
  await page.getByTestId('archive-query').fill('');
  await page.getByLabel('With pictures or videos').check();
  await expect(hits.filter({ hasText: 'harbour' })).toHaveCount(1);
  await expect(page.getByTestId('archive-results-count')).toBeVisible();

  await page.getByTestId('archive-export').click();
  const exported = page.getByTestId('archive-exported');
  await expect(exported).toHaveAttribute('data-checked', 'true', { timeout: 60_000 });
  await expect(exported).toContainText('Exported 122 posts and 1 media file');
  const dir = (await exported.locator('code').textContent()) ?? '';
  expect(dir.startsWith(join(dataDir.path, 'exports'))).toBe(true);
  expect(readFileSync(join(dir, 'posts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(122);
  await screenshot(page, 'archive-exported');
  expect(problems).toEqual([]);
});
