/**
 * The unified timeline end to end: Braid's browser host (its own process, real core) in Chromium
 * with two Mastodon test servers and the real local Bluesky network, four accounts signed in.
 * The tests run in order and build on each other, ending with a restart painted from the cache.
 */
import { AtpAgent } from '@atproto/api';
import type { Locator, Page } from '@playwright/test';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('timeline-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const federated = { uri: 'https://elsewhere.example/users/zed/statuses/77', url: 'https://elsewhere.example/@zed/77' };
let home: MastodonTestServer; // amy's server
let other: MastodonTestServer; // bob's server
let bluesky: BlueskyNetwork;
let host: RunningHost;
let writer: BlueskyUser;
let kim: BlueskyUser;
let readers: BlueskyUser[];
let federatedOnOther: MastodonStatus;
let writerPost: { uri: string; cid: string };

const agentOf = async (user: BlueskyUser) => {
  const agent = new AtpAgent({ service: bluesky.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
};

const startHost = () => startHostProcess({ dataDir: dataDir.path, env: blueskyHostEnv(bluesky) });

/** Signs the four accounts in with a core of its own on the data folder the host then uses. */
const signInFourAccounts = () =>
  signInAccounts({
    dataDir: dataDir.path,
    bluesky,
    mastodon: [
      { server: home, username: 'amy', password: 'amy-password-1' },
      { server: other, username: 'bob', password: 'bob-password-1' },
    ],
    blueskyUsers: readers,
  });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [home, other] = await Promise.all([startMastodonServer({ title: 'Home Social' }), startMastodonServer({ title: 'Other Social' })]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  home.addUser({ username: 'cat', password: 'cat-password-1', displayName: 'Cat Ng' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  for (const server of [home, other]) server.addRemoteAccount('zed@elsewhere.example', { displayName: 'Zed Federated' });
  home.addRemoteAccount('kim.test@bsky.brid.gy', { displayName: 'Kim (bridged)' });
  home.follow('amy', 'cat');
  home.follow('amy', 'zed@elsewhere.example');
  home.follow('amy', 'kim.test@bsky.brid.gy');
  other.follow('bob', 'zed@elsewhere.example');
  for (let i = 0; i < 12; i++) home.post('cat', { text: `Cat's note number ${i} about the garden`, createdAt: minutesAgo(60 - i * 4) });
  home.post('zed@elsewhere.example', { text: 'One post that both Mastodon accounts see', federated, createdAt: minutesAgo(20) });
  federatedOnOther = other.post('zed@elsewhere.example', { text: 'One post that both Mastodon accounts see', federated, createdAt: minutesAgo(20) });
  home.post('kim.test@bsky.brid.gy', { text: 'Braid 1.0 is out today: thank you to everyone who tested it!', createdAt: minutesAgo(9) });

  bluesky = await startBlueskyNetwork();
  writer = await bluesky.createUser({ handle: 'writer.test', displayName: 'Wren Writer' });
  kim = await bluesky.createUser({ handle: 'kim.test', displayName: 'Kim' });
  readers = [await bluesky.createUser({ handle: 'reader-one.test' }), await bluesky.createUser({ handle: 'reader-two.test' })];
  const writerAgent = await agentOf(writer);
  for (const reader of readers) await (await agentOf(reader)).follow(writer.did);
  await (await agentOf(readers[1]!)).follow(kim.did);
  for (let i = 0; i < 10; i++) {
    const posted = await writerAgent.post({ text: `Wren's bluesky post ${i}`, createdAt: minutesAgo(58 - i * 4).toISOString() });
    if (i === 9) writerPost = posted;
  }
  await (await agentOf(kim)).post({ text: 'Braid 1.0 is out today: thank you to everyone who tested it!', createdAt: minutesAgo(8).toISOString() });
  await bluesky.processAll();
  await signInFourAccounts();
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
  await Promise.all([home?.close().catch(() => undefined), other?.close().catch(() => undefined)]); // the tests stop both
  await bluesky?.close();
  dataDir.remove();
});

const posts = (page: Page) => page.getByTestId('post');
/** How far below the top of the timeline's viewport a row is, read in one go (a banner above may move both). */
const offsetInTimeline = (row: Locator) =>
  row.evaluate((element) => element.getBoundingClientRect().top - element.closest('[data-testid="timeline"]')!.getBoundingClientRect().top);
const postWith = (page: Page, text: string) => posts(page).filter({ hasText: text });

/** The list is virtual: a post far down is only in the page once scrolled near (from the top). */
async function scrollUntil(page: Page, text: string) {
  await expect(posts(page).first()).toBeVisible();
  if ((await postWith(page, text).count()) === 0) await page.getByTestId('timeline').evaluate((scroller) => (scroller.scrollTop = 0));
  // Older pages load as the list nears its end: on a busy machine that can take a while, so the
  // loop gives it time rather than a number of steps (which a slow load outran in CI).
  for (const until = Date.now() + 60_000; Date.now() < until && (await postWith(page, text).count()) === 0; ) {
    await page.getByTestId('timeline').evaluate((scroller) => (scroller.scrollTop += 300));
    await page.waitForTimeout(20);
  }
  await postWith(page, text).scrollIntoViewIfNeeded();
}

/** Opens Braid, puts the post with `text` at the top of the list, lets the position be saved, and stops Braid. */
async function readThenQuit(page: Page, text: string): Promise<Locator> {
  await page.goto(await host.newLaunchUrl());
  await scrollUntil(page, text);
  const reading = postWith(page, text);
  await reading.evaluate((row) => row.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(1_000); // the position is saved half a second after scrolling stops
  await host.stop();
  return reading;
}

test('four accounts, one merged timeline in time order; a post seen twice once; a cross-post collapsed', async ({ page, problems }) => {
  await page.goto(await host.newLaunchUrl());
  // The very first load asks all four servers (nothing is cached yet): on a busy CI machine that
  // has taken more than the default 5 s.
  await expect(postWith(page, "Wren's bluesky post 9")).toBeVisible({ timeout: 20_000 });
  await expect(postWith(page, "Cat's note number 11")).toBeVisible();

  const times = await page.locator('article[data-index] .post-header time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime')!)));
  expect(times.length).toBeGreaterThan(8);
  expect([...times].sort((a, b) => b - a)).toEqual(times);

  const seenTwice = postWith(page, 'One post that both Mastodon accounts see');
  await expect(seenTwice).toHaveCount(1);
  await expect(seenTwice.getByTestId('seen-by')).toContainText('@amy@');
  await expect(seenTwice.getByTestId('seen-by')).toContainText('@bob@');

  const crossPost = postWith(page, 'Braid 1.0 is out today');
  await expect(crossPost).toHaveCount(1);
  await expect(crossPost.locator('.network-badge')).toHaveText(['Bluesky', 'Mastodon']) // newest copy first;
  await screenshot(page, 'timeline-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'timeline-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(problems).toEqual([]);
});

test('a new post streams in above the one being read, which does not move, as one item over the socket', async ({ page }) => {
  const frames: string[] = [];
  const channels = new Map<number, string>();
  const answered = new Set<string>();
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { type: string; id: number; channel: string };
      if (message.type === 'call') channels.set(message.id, message.channel);
    });
    socket.on('framereceived', (frame) => {
      frames.push(String(frame.payload));
      const message = JSON.parse(String(frame.payload)) as { type: string; id: number };
      if (message.type === 'result') answered.add(channels.get(message.id)!);
    });
  });
  await page.goto(await host.newLaunchUrl());
  const reading = postWith(page, "Cat's note number 5");
  await scrollUntil(page, "Cat's note number 5");
  // The window holds the whole view and the first refresh has answered: on a busy machine a post
  // arriving before then comes with the whole view (rightly), which is not what this test measures.
  await expect.poll(() => answered.has('timeline.refresh'), { timeout: 30_000 }).toBe(true);
  const before = (await reading.boundingBox())!.y;
  home.post('cat', { text: 'Fresh from the stream' });
  await expect(page.getByTestId('new-posts')).toHaveText(/1 new post/, { timeout: 20_000 });
  expect(Math.abs((await reading.boundingBox())!.y - before)).toBeLessThanOrEqual(1);
  // A screen reader hears of it, politely, from a live region that was there before.
  await expect(page.getByRole('status').filter({ hasText: /^1 new post above$/ })).toHaveCount(1);
  // The socket carried the new post as a change of one item, never the whole timeline again: in
  // the timeline.changed event, and (on a busy machine) also in the answer of a loadMore sent
  // while it arrived, which answers every change since the window's version.
  type Changes = { changes: { op: string; items?: unknown[] }[] };
  const carrying = frames.filter((frame) => frame.includes('Fresh from the stream'));
  const messages = carrying.map((frame) => JSON.parse(frame) as { type: string; event?: string; payload?: Changes; result?: { value: Changes } });
  expect(messages.filter((message) => message.type === 'event' && message.event === 'timeline.changed')).toHaveLength(1);
  expect(carrying.length).toBeLessThanOrEqual(2);
  const wholeView = Math.max(...frames.map((frame) => frame.length));
  for (const [index, message] of messages.entries()) {
    const changes = message.payload ?? message.result!.value;
    expect(changes.changes.map((change) => [change.op, change.items?.length])).toEqual([['insert', 1]]);
    expect(carrying[index]!.length).toBeLessThan(wholeView / 5);
  }
  await page.keyboard.press('.');
  await expect(postWith(page, 'Fresh from the stream')).toBeInViewport();
});

/** Chooses the account that acts on a post: its button becomes the list of accounts. */
async function actAs(post: Locator, label: string) {
  await post.getByRole('button', { name: /^Act as/ }).click();
  await post.getByRole('combobox', { name: 'Act as' }).selectOption({ label });
}

test('like, boost and reply from a non-default account reach that account’s server', async ({ page }) => {
  await page.goto(await host.newLaunchUrl());
  const seenTwice = postWith(page, 'One post that both Mastodon accounts see');
  await scrollUntil(page, 'One post that both Mastodon accounts see');
  await actAs(seenTwice, `as @bob@${new URL(other.url).host}`);
  await seenTwice.getByRole('button', { name: 'Like' }).click();
  await expect(seenTwice.getByRole('button', { name: 'Like' })).toHaveAttribute('aria-pressed', 'true');
  expect(other.favouritesOf('bob').map((s) => s.id)).toEqual([federatedOnOther.id]);
  expect(home.favouritesOf('amy')).toEqual([]);
  await seenTwice.getByRole('button', { name: 'Boost' }).click();
  await expect(seenTwice.getByRole('button', { name: 'Boost' })).toHaveAttribute('aria-pressed', 'true');
  expect(other.reblogsOf('bob').map((s) => s.id)).toEqual([federatedOnOther.id]);

  // A Bluesky post only reader one saw, replied to as reader two (keyboard: select it, then r).
  const wren = postWith(page, "Wren's bluesky post 9");
  await page.getByTestId('timeline').evaluate((scroller) => (scroller.scrollTop = 0));
  await actAs(wren, `as @${readers[1]!.handle}`);
  await wren.focus();
  await page.keyboard.press('r');
  await page.getByLabel(/Reply to @writer\.test as/).fill('Replying from my second account');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByText(`Replied as @${readers[1]!.handle}.`)).toBeVisible();
  const { data } = await new AtpAgent({ service: bluesky.pdsUrl }).com.atproto.repo.listRecords({ repo: readers[1]!.did, collection: 'app.bsky.feed.post' });
  expect(data.records.map((r) => (r.value as { reply?: { parent: { uri: string } } }).reply?.parent.uri)).toEqual([writerPost.uri]);
});

test('back after more than a page of new posts: the place being read stays, the pill counts what is above, the gap in between loads', async ({ page }) => {
  const reading = await readThenQuit(page, "Cat's note number 3");
  const away = Date.now(); // after every post so far: the 45 new ones are the newest
  for (let i = 0; i < 45; i++) home.post('cat', { text: `While you were away ${i}`, createdAt: new Date(away + i * 10) });
  host = await startHost();
  await page.goto(await host.newLaunchUrl());

  // The newest page (40 posts) went on top; the five before them are missing, below it.
  // (One more when the reply sent in an earlier test first reaches the timeline with this refresh.)
  await expect(page.getByTestId('new-posts')).toHaveText(/^↑ 4[01] new posts$/, { timeout: 20_000 });
  await expect(reading).toBeInViewport();
  await expect.poll(async () => Math.abs(await offsetInTimeline(reading)), { timeout: 5_000 }).toBeLessThanOrEqual(2);
  await screenshot(page, 'timeline-new-posts-pill');
  // The pill sits in the header, clear of every post: the reading post's name stays uncovered.
  const pill = (await page.getByTestId('new-posts').boundingBox())!;
  const scrollerTop = await page.getByTestId('timeline').evaluate((scroller) => scroller.getBoundingClientRect().top);
  expect(pill.y + pill.height).toBeLessThanOrEqual(scrollerTop);
  await page.getByTestId('new-posts').click();
  await scrollUntil(page, 'While you were away 5');
  const gap = page.getByTestId('gap-row');
  await gap.scrollIntoViewIfNeeded();
  await expect(gap).toContainText(`@amy@${new URL(home.url).host}`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `timeline-gap-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await gap.getByRole('button', { name: 'Load missing posts' }).click();
  await expect(gap).toHaveCount(0);
  await scrollUntil(page, 'While you were away 0');
  await expect(postWith(page, 'While you were away 0')).toHaveCount(1);
});

test('a server going down shows its error; the other accounts keep their timeline', async ({ page }) => {
  await other.close();
  await page.goto(await host.newLaunchUrl());
  const problem = page.getByTestId('account-problem');
  await expect(problem).toHaveCount(1, { timeout: 20_000 });
  await expect(problem).toContainText('@bob@');
  await scrollUntil(page, "Wren's bluesky post 9");
  await expect(postWith(page, "Wren's bluesky post 9")).toBeVisible();
  await scrollUntil(page, "Cat's note number 0");
  await expect(postWith(page, "Cat's note number 0")).toBeVisible();
  await screenshot(page, 'timeline-account-problem');
});

test('after a restart the timeline paints from the cache, servers or not, where the reader left off', async ({ page }) => {
  const reading = await readThenQuit(page, "Cat's note number 6");
  await home.close();
  host = await startHost();
  await page.goto(await host.newLaunchUrl());
  await expect(reading).toBeInViewport({ timeout: 5_000 });
  await expect.poll(async () => Math.abs(await offsetInTimeline(reading)), { timeout: 5_000 }).toBeLessThanOrEqual(2);
  await scrollUntil(page, 'Braid 1.0 is out today');
  await expect(postWith(page, 'Braid 1.0 is out today')).toHaveCount(1);
});
