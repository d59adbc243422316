/**
 * A server that counts a post differently from what it advertises (links in full) refuses a post
 * Braid counted as fitting (issue 16 item 3): the outbox says both counts and offers a thread or a
 * cut instead of a Retry that cannot succeed; the thread is posted and read back from the server.
 */
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('length-refusal-e2e');
let server: MastodonTestServer;
let host: RunningHost;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startMastodonServer({ title: 'Counts In Full', countUrlsInFull: true });
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path });
});

test.afterAll(async () => {
  await host?.stop();
  await server?.close();
  dataDir.remove();
});

test('refused as too long: both counts, a thread or a cut offered, and the thread posted', async ({ page, problems }) => {
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();
  // 450 characters and a link Braid counts as 23: it fits 500 here; the server counts the link's 220.
  await page.getByLabel('Post text').fill(`${'Words about a long link. '.repeat(18)}https://example.com/${'a'.repeat(200)}`);
  await expect(page.getByTestId('counter')).toContainText('473 / 500 characters');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const line = page.getByTestId('target-status');
  await expect(line).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await expect(line).toContainText('refused it as too long: over its limit of 500 characters, 473 by Braid’s');
  await expect(line.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `outbox-too-long-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await line.getByRole('button', { name: 'Send as a thread' }).click();
  await expect(line).toHaveAttribute('data-state', 'posted', { timeout: 20_000 });
  await expect(line.getByRole('link')).toHaveCount(2);
  const statuses = server.statusesOf('amy');
  expect(statuses).toHaveLength(2);
  expect(statuses[0]!.in_reply_to_id).toBe(statuses[1]!.id);
  expect(problems).toEqual([]);
});
