/**
 * A cross-post's conversation in Chromium: Kim posts the same words on Bluesky and (bridged) on
 * Mastodon, Cat answers on Mastodon and Wren on Bluesky; opening the one timeline item shows both
 * answers under it, read from both servers, beside the timeline in a wide window and over it in
 * a narrow one; Escape closes it and the timeline is where it was. The conversation has an address
 * (history: back, Alt+←, Backspace, the mouse's back button, a reload), the timeline keeps its place
 * across screens, and j/k/l/r work inside the conversation: a like counted by Mastodon, a reply to
 * the Bluesky reply found in its thread on the server.
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
let kimPost: PostRef;
let wrenReply: PostRef;
type PostRef = { uri: string; cid: string };
const refOf = ({ uri, cid }: PostRef): PostRef => ({ uri, cid });

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
  // Enough posts below the cross-post for the timeline to scroll.
  for (let i = 0; i < 30; i++) mastodon.post('cat', { text: `Cat's note number ${i} about the garden`, createdAt: minutesAgo(200 - i * 5) });
  const bridged = mastodon.post('kim.test@bsky.brid.gy', { text: words, createdAt: minutesAgo(9) });
  mastodon.post('cat', { text: 'Congratulations from the Mastodon side', inReplyToId: bridged.id, createdAt: minutesAgo(6) });

  bluesky = await startBlueskyNetwork();
  const kim = await bluesky.createUser({ handle: 'kim.test', displayName: 'Kim' });
  const wren = await bluesky.createUser({ handle: 'wren.test', displayName: 'Wren Writer' });
  const reader = await bluesky.createUser({ handle: 'reader-one.test' });
  await (await agentOf(reader)).follow(kim.did);
  kimPost = await (await agentOf(kim)).post({ text: words, createdAt: minutesAgo(8).toISOString() });
  wrenReply = await (await agentOf(wren)).post({ text: 'And congratulations from Bluesky', reply: { root: kimPost, parent: kimPost } });
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
  // The wide window's second column waits for a conversation; opening one does not move the timeline.
  await expect(page.getByTestId('reading-pane')).toBeVisible();
  const timelineBox = await page.getByTestId('timeline').boundingBox();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `home-wide-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
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
  expect(await page.getByTestId('timeline').boundingBox()).toEqual(timelineBox);
  await expect(page.getByTestId('reading-pane')).toHaveCount(0);
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
  await expect(page.getByTestId('reading-pane')).toBeHidden(); // no room for a second column
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

const replies = (page: Page) => conversation(page).locator('[data-role="reply"]');
const openCrossPost = async (page: Page) => {
  await crossPost(page).getByRole('button', { name: 'Open conversation' }).click();
  await expect(replies(page)).toHaveCount(2);
};

test('the conversation has an address: back in every way closes it, forward and a reload open it again', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(crossPost(page)).toHaveCount(1);
  const home = page.url();

  await openCrossPost(page);
  expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/^#\/conversation\/(mastodon|bluesky) /);
  await page.goBack();
  await expect(conversation(page)).toHaveCount(0);
  expect(page.url()).toBe(home);
  await page.goForward();
  await expect(replies(page)).toHaveCount(2);

  await page.keyboard.press('Alt+ArrowLeft');
  await expect(conversation(page)).toHaveCount(0);
  await openCrossPost(page);
  await page.keyboard.press('Backspace');
  await expect(conversation(page)).toHaveCount(0);
  await openCrossPost(page);
  // The mouse's back button (button 3): Playwright's mouse has no side buttons, so the event is made.
  await page.evaluate(() => {
    for (const type of ['mousedown', 'mouseup']) window.dispatchEvent(new MouseEvent(type, { button: 3, bubbles: true, cancelable: true }));
  });
  await expect(conversation(page)).toHaveCount(0);

  await openCrossPost(page);
  await page.reload();
  await expect(replies(page)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(conversation(page)).toHaveCount(0);
  await expect(crossPost(page)).toHaveCount(1);
  expect(problems).toEqual([]);
});

/** The post at the top of the timeline's viewport and how far it is scrolled into. */
const readingPlace = (page: Page) =>
  page.getByTestId('timeline').evaluate((scroller) => {
    const top = scroller.getBoundingClientRect().top;
    const rows = [...scroller.querySelectorAll<HTMLElement>('.timeline-row')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    const row = rows.find((candidate) => candidate.getBoundingClientRect().bottom > top + 1)!;
    return { key: row.dataset.key, into: Math.round(top - row.getBoundingClientRect().top) };
  });

test('the timeline keeps its place: to the composer and the accounts and back, by the back button and by Home', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(await host.newLaunchUrl());
  await expect(crossPost(page)).toHaveCount(1);
  await page.mouse.move(400, 400);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 400);
  await expect.poll(() => page.getByTestId('timeline').evaluate((scroller) => scroller.scrollTop)).toBeGreaterThan(1500);
  const place = await readingPlace(page);
  expect(place.into).toBeGreaterThan(0);

  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('link', { name: 'Compose' }).click();
  await expect(page.getByRole('heading', { name: 'Compose' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/compose');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
  await expect.poll(() => readingPlace(page)).toEqual(place);

  await pages.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await pages.getByRole('link', { name: 'Home' }).click();
  await expect.poll(() => readingPlace(page)).toEqual(place);
  // Back to the top for the next test, which starts where this one left off.
  await page.getByTestId('timeline').evaluate((scroller) => (scroller.scrollTop = 0));
  await expect.poll(() => readingPlace(page)).toEqual({ key: expect.any(String), into: 0 });
  await page.waitForTimeout(700); // the position is saved half a second after scrolling stops
});

test('j and k move inside the conversation, l likes the reply chosen, r answers the Bluesky reply in its thread', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(crossPost(page)).toHaveCount(1);
  await openCrossPost(page);
  const nodes = conversation(page).locator('.conversation-node');

  await page.keyboard.press('j');
  await expect(nodes.nth(0)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('j');
  await expect(nodes.nth(1)).toHaveAttribute('data-selected', 'true');
  await expect(nodes.nth(1)).toBeFocused();
  await expect(page.getByTestId('timeline').locator('[data-selected]')).toHaveCount(0); // the timeline did not move
  await page.keyboard.press('l');
  await expect.poll(() => mastodon.favouritesOf('amy').map((status) => status.content)).toEqual([expect.stringContaining('Congratulations from the Mastodon side')]);
  await expect(nodes.nth(1).locator('[data-action="like"]')).toHaveAttribute('aria-pressed', 'true'); // the conversation shows it too
  await screenshot(page, 'conversation-keys');

  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await expect(nodes.nth(2)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('r');
  const box = nodes.nth(2).getByRole('textbox');
  await expect(box).toBeFocused();
  await expect(nodes.nth(2).getByText('Reply to @wren.test as @reader-one.test')).toBeVisible();
  await box.fill('Thank you, Wren, from the conversation');
  await page.keyboard.press('Control+Enter');
  await expect(nodes.nth(2).getByText('Replied as @reader-one.test.')).toBeVisible();

  const appView = new AtpAgent({ service: bluesky.appViewUrl });
  await expect
    .poll(async () => {
      await bluesky.processAll();
      const thread = await appView.app.bsky.feed.getPostThread({ uri: wrenReply.uri, depth: 1 });
      const replies = 'replies' in thread.data.thread ? (thread.data.thread.replies ?? []) : [];
      return replies.map((reply) => {
        const record = 'post' in reply ? (reply.post.record as { text: string; reply: { root: PostRef; parent: PostRef } }) : null;
        return record && { text: record.text, reply: { root: refOf(record.reply.root), parent: refOf(record.reply.parent) } };
      });
    })
    .toEqual([expect.objectContaining({ text: 'Thank you, Wren, from the conversation', reply: { root: refOf(kimPost), parent: refOf(wrenReply) } })]);
  expect(problems).toEqual([]);
});

test('Quote on the cross-post quotes each network’s own copy: Mastodon holds a quote, Bluesky an embed of Kim’s post', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await crossPost(page).getByRole('button', { name: 'Quote' }).click();
  await expect(page.getByTestId('compose-quote')).toContainText(words);
  await page.getByLabel('Post text').fill('Quoting the release, on both networks');
  await expect(page.getByText('The quoted post is embedded.')).toHaveCount(2); // one preview per account
  await page.getByRole('button', { name: 'Send' }).click();

  // Kim's copy there lives on another server: as on Mastodon, the quote waits for its author's approval.
  await expect.poll(() => mastodon.statusesOf('amy')[0]?.content).toContain('Quoting the release, on both networks');
  expect(mastodon.statusesOf('amy')[0]?.quote).toMatchObject({ state: 'pending' });
  const appView = new AtpAgent({ service: bluesky.appViewUrl });
  await expect
    .poll(async () => {
      await bluesky.processAll();
      const feed = await appView.app.bsky.feed.getAuthorFeed({ actor: 'reader-one.test', limit: 5 });
      const post = feed.data.feed.find((item) => (item.post.record as { text?: string }).text === 'Quoting the release, on both networks');
      return (post?.post.record as { embed?: unknown } | undefined)?.embed;
    })
    .toEqual({ $type: 'app.bsky.embed.record', record: refOf(kimPost) });
  expect(problems).toEqual([]);
});
