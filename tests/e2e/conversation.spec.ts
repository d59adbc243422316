/**
 * A cross-post's conversation in Chromium: Kim posts the same words on Bluesky and (bridged) on
 * Mastodon, Cat answers on Mastodon and Wren on Bluesky; opening the one timeline item shows both
 * answers under it, read from both servers, beside the timeline in a wide window and over it in
 * a narrow one; Escape closes it and the timeline is where it was.
 */
import { AtpAgent } from '@atproto/api';
import type { Page } from '@playwright/test';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('conversation-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const words = 'Braid 1.0 is out today: thank you to everyone who tested it!';
let mastodon: MastodonTestServer;
let bluesky: BlueskyNetwork;
let host: RunningHost;

const agentOf = async (user: BlueskyUser) => {
  const agent = new AtpAgent({ service: bluesky.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
};

test.beforeAll(async () => {
  test.setTimeout(240_000);
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'cat', password: 'cat-password-1', displayName: 'Cat Ng' });
  mastodon.addRemoteAccount('kim.test@bsky.brid.gy', { displayName: 'Kim (bridged)' });
  for (const followed of ['cat', 'kim.test@bsky.brid.gy']) mastodon.follow('amy', followed);
  for (let i = 0; i < 6; i++) mastodon.post('cat', { text: `Cat's note number ${i} about the garden`, createdAt: minutesAgo(60 - i * 5) });
  const bridged = mastodon.post('kim.test@bsky.brid.gy', { text: words, createdAt: minutesAgo(9) });
  mastodon.post('cat', { text: 'Congratulations from the Mastodon side', inReplyToId: bridged.id, createdAt: minutesAgo(6) });

  bluesky = await startBlueskyNetwork();
  const kim = await bluesky.createUser({ handle: 'kim.test', displayName: 'Kim' });
  const wren = await bluesky.createUser({ handle: 'wren.test', displayName: 'Wren Writer' });
  const reader = await bluesky.createUser({ handle: 'reader-one.test' });
  await (await agentOf(reader)).follow(kim.did);
  const kimPost = await (await agentOf(kim)).post({ text: words, createdAt: minutesAgo(8).toISOString() });
  await (await agentOf(wren)).post({ text: 'And congratulations from Bluesky', reply: { root: kimPost, parent: kimPost } });
  await bluesky.processAll();
  await signInAccounts({ dataDir: dataDir.path, bluesky, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }], blueskyUsers: [reader] });
  host = await startHostProcess({ dataDir: dataDir.path, env: blueskyHostEnv(bluesky) });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  await bluesky?.close();
  dataDir.remove();
});

const crossPost = (page: Page) => page.getByTestId('post').filter({ hasText: words });
const conversation = (page: Page) => page.getByTestId('conversation');

test('a cross-post opens into one conversation with the replies from both networks, beside the timeline; Escape closes it', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(crossPost(page)).toHaveCount(1);
  await expect(crossPost(page).getByText('Cross-posted')).toBeVisible();
  await crossPost(page).getByRole('button', { name: 'Open conversation' }).click();

  const replies = conversation(page).locator('[data-role="reply"]');
  await expect(replies).toHaveCount(2);
  await expect(replies.nth(0)).toContainText('Congratulations from the Mastodon side');
  await expect(replies.nth(1)).toContainText('And congratulations from Bluesky');
  await expect(replies.nth(0).locator('[data-network="mastodon"]').first()).toBeVisible();
  await expect(replies.nth(1).locator('[data-network="bluesky"]').first()).toBeVisible();
  // The post itself, with both its networks, on top; the timeline still beside it.
  await expect(conversation(page).locator('[data-role="focus"] .post')).toHaveAttribute('data-networks', 'bluesky mastodon');
  await expect(page.getByTestId('timeline')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `conversation-wide-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.keyboard.press('Escape');
  await expect(conversation(page)).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('in a narrow window the conversation takes the timeline’s place, opened with Enter; back, the timeline is where it was', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await page.goto(await host.newLaunchUrl());
  await expect(crossPost(page)).toHaveCount(1);
  const timeline = page.getByTestId('timeline');
  await timeline.evaluate((scroller) => (scroller.scrollTop = 200));
  await crossPost(page).focus(); // focus may scroll it into view: the place is read after
  const scrolled = await timeline.evaluate((scroller) => scroller.scrollTop);
  expect(scrolled).toBeGreaterThan(0);

  await page.keyboard.press('Enter');
  await expect(conversation(page).locator('[data-role="reply"]')).toHaveCount(2);
  await expect(timeline).toBeHidden();
  await screenshot(page, 'conversation-narrow');

  await conversation(page).getByRole('button', { name: 'Close' }).click();
  await expect(timeline).toBeVisible();
  expect(await timeline.evaluate((scroller) => scroller.scrollTop)).toBe(scrolled);
});
