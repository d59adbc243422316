/**
 * The inbox in Chromium, with a Mastodon account (the test server) and a Bluesky account (the
 * real local network): a post sent to both from the composer is liked on each network and the
 * inbox shows one entry counting both; opening the inbox marks it read on both servers (read
 * back); replies arrive live on each network; reading in another client clears the count here;
 * a desktop notification fires for a mention while the window is in the background, not while
 * it has focus.
 */
import { AtpAgent, RichText } from '@atproto/api';
import type { Page } from '@playwright/test';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('inbox-e2e');
const words = 'Braid 2.0 has one inbox for every network';
let mastodon: MastodonTestServer;
let bluesky: BlueskyNetwork;
let host: RunningHost;
let me: BlueskyUser;
let myAgent: AtpAgent;
let ana: AtpAgent;
let tom: AtpAgent;

const agentOf = async (user: BlueskyUser) => {
  const agent = new AtpAgent({ service: bluesky.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
};

/** A window whose focus the test decides (headless Chromium always has focus), with notifications recorded. */
async function openBraid(page: Page) {
  await page.context().grantPermissions(['notifications']);
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    let focused = true;
    Object.assign(window, {
      shownNotifications: shown,
      setWindowFocus: (value: boolean) => {
        focused = value;
        window.dispatchEvent(new Event(value ? 'focus' : 'blur'));
      },
    });
    Document.prototype.hasFocus = () => focused;
    class RecordedNotification extends EventTarget {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string } = {}) {
        super();
        shown.push({ title, body: options.body ?? '' });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification });
  });
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(await host.newLaunchUrl());
}

const shownNotifications = (page: Page) => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);
const setWindowFocus = (page: Page, focused: boolean) => page.evaluate((value) => (window as unknown as { setWindowFocus: (v: boolean) => void }).setWindowFocus(value), focused);
const inboxLink = (page: Page) => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /^Inbox/ });
const entries = (page: Page) => page.getByTestId('inbox-entry');

async function mention(agent: AtpAgent, text: string) {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  return agent.post({ text: rich.text, facets: rich.facets ?? [] });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  mastodon.addUser({ username: 'bob', password: 'bob-password-1', displayName: 'Bob Lee' });
  mastodon.addUser({ username: 'cat', password: 'cat-password-1', displayName: 'Cat Ng' });
  bluesky = await startBlueskyNetwork();
  me = await bluesky.createUser({ handle: 'inbox-me.test', displayName: 'Amy' });
  ana = await agentOf(await bluesky.createUser({ handle: 'ana.test', displayName: 'Ana Sky' }));
  tom = await agentOf(await bluesky.createUser({ handle: 'tom.test', displayName: 'Tom Sky' }));
  myAgent = await agentOf(me);
  await signInAccounts({ dataDir: dataDir.path, bluesky, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }], blueskyUsers: [me] });
  host = await startHostProcess({ dataDir: dataDir.path, env: { ...blueskyHostEnv(bluesky), BRAID_PEEK_MS: '1000' } });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  await bluesky?.close();
  dataDir.remove();
});

test('a post sent to both networks is liked on each: the inbox shows one entry counting both; opening it marks both servers read', async ({ page, problems }) => {
  await openBraid(page);
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('Post text').fill(words);
  await page.getByRole('button', { name: 'Send to 2 accounts' }).click();
  await expect.poll(() => mastodon.statusesOf('amy').length).toBe(1);
  await expect.poll(async () => (await myAgent.getAuthorFeed({ actor: me.did })).data.feed.length).toBe(1);
  await page.getByRole('link', { name: 'Home' }).click();

  const status = mastodon.statusesOf('amy')[0]!;
  const [mine] = (await myAgent.getAuthorFeed({ actor: me.did })).data.feed;
  mastodon.favourite('bob', status.id);
  await ana.like(mine!.post.uri, mine!.post.cid);
  await bluesky.processAll();
  // The Mastodon like comes on the stream, the Bluesky one with the next peek.
  await expect(inboxLink(page).getByTestId('unread-count')).toHaveText(/1/, { timeout: 20_000 });
  await expect.poll(() => page.title(), { timeout: 20_000 }).toMatch(/^\(\d\) Braid$/);
  // Each account's own count on its avatar in the rail; one entry in all (both likes are of one post).
  await expect(page.getByTestId('rail-unread')).toHaveCount(2, { timeout: 20_000 });
  await expect(inboxLink(page).getByTestId('unread-count')).toHaveText(/^, 1 unread$/);
  await expect(page.getByRole('status').filter({ hasText: /^1 unread notification$/ })).toHaveCount(1); // said to a screen reader
  await screenshot(page, 'inbox-unread-rail');

  await inboxLink(page).click();
  const liked = entries(page).filter({ hasText: 'liked your post' });
  await expect(liked).toHaveCount(1);
  await expect(liked).toContainText(/(Bob Lee and Ana Sky|Ana Sky and Bob Lee) liked your post/);
  await expect(liked.getByTestId('inbox-breakdown')).toHaveText(/1 on (Mastodon|Bluesky), 1 on (Bluesky|Mastodon)/);
  await expect(liked).toContainText(words);
  await screenshot(page, 'inbox');

  // Opened with focus: read here and on both servers.
  await expect(inboxLink(page).getByTestId('unread-count')).toHaveCount(0);
  await expect.poll(() => mastodon.notificationsMarkerOf('amy')).toBe(mastodon.notificationsOf('amy')[0]!.id);
  await expect.poll(async () => (await myAgent.app.bsky.notification.getUnreadCount()).data.count).toBe(0);
  await expect(page).toHaveTitle('Braid');
  expect(problems).toEqual([]);
});

test('replies arrive live on each network (over the socket: that one entry), and can be answered from the inbox as the account they came to', async ({ page, problems }) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await openBraid(page);
  await inboxLink(page).click();
  await expect(entries(page)).not.toHaveCount(0);
  const status = mastodon.statusesOf('amy')[0]!;
  mastodon.post('cat', { text: '@amy congratulations on the inbox', inReplyToId: status.id });
  await expect(entries(page).first()).toContainText('Cat Ng replied to you', { timeout: 15_000 });
  // The inbox never travels whole again: its arrival (and its being read) carry that entry alone.
  type Changes = { changes: { items?: unknown[] }[] };
  const inboxMessages = frames
    .filter((frame) => frame.includes('congratulations on the inbox'))
    .map((frame) => JSON.parse(frame) as { type: string; event?: string; payload?: Changes; result?: { value: Changes } })
    .filter((message) => message.event === 'inbox.changed' || message.type === 'result');
  expect(inboxMessages.some((message) => message.event === 'inbox.changed')).toBe(true);
  for (const message of inboxMessages) {
    const changes = message.payload ?? message.result!.value;
    expect(changes.changes.flatMap((change) => change.items ?? [])).toHaveLength(1);
  }
  const [mine] = (await myAgent.getAuthorFeed({ actor: me.did })).data.feed;
  const ref = { uri: mine!.post.uri, cid: mine!.post.cid };
  await tom.post({ text: 'Replying from Bluesky', reply: { root: ref, parent: ref } });
  await bluesky.processAll();
  await expect(entries(page).first()).toContainText('Tom Sky replied to you', { timeout: 15_000 });

  const fromTom = entries(page).first();
  await fromTom.getByRole('button', { name: /^Reply/ }).click();
  await expect(fromTom.getByText('Reply to @tom.test as @inbox-me.test')).toBeVisible();
  await fromTom.getByRole('textbox').fill('Thank you, Tom');
  await page.keyboard.press('Control+Enter');
  await expect(fromTom.getByText('Replied as @inbox-me.test.')).toBeVisible();
  await expect
    .poll(async () => {
      await bluesky.processAll();
      return (await myAgent.getAuthorFeed({ actor: me.did })).data.feed.map((item) => (item.post.record as { text: string }).text);
    })
    .toContain('Thank you, Tom');
  await screenshot(page, 'inbox-replies');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'inbox-replies-dark');
  expect(problems).toEqual([]);
});

test('read in another client, the unread count here clears when the window comes back', async ({ page, problems }) => {
  await openBraid(page);
  await expect(page.getByTestId('post').first()).toBeVisible();
  mastodon.post('bob', { text: '@amy did you see this?' });
  await expect(inboxLink(page).getByTestId('unread-count')).toHaveText(/1/, { timeout: 15_000 });
  mastodon.setNotificationsMarker('amy', mastodon.notificationsOf('amy')[0]!.id); // the other client
  // Coming back reads the marker again (at most once a peek interval, a second here).
  await expect
    .poll(
      async () => {
        await setWindowFocus(page, false);
        await setWindowFocus(page, true);
        return inboxLink(page).getByTestId('unread-count').count();
      },
      { timeout: 15_000 },
    )
    .toBe(0);
  expect(problems).toEqual([]);
});

test('a mention shows a desktop notification while the window is in the background, and none while it has focus', async ({ page, problems }) => {
  await openBraid(page);
  await expect(page.getByTestId('post').first()).toBeVisible();
  await setWindowFocus(page, false);
  mastodon.post('cat', { text: '@amy are you coming tonight?' });
  await expect.poll(async () => (await shownNotifications(page)).length, { timeout: 15_000 }).toBe(1);
  const [shown] = await shownNotifications(page);
  expect(shown!.title).toMatch(/^Cat Ng mentioned you \(@amy@/);
  expect(shown!.body).toBe('@amy are you coming tonight?');
  await setWindowFocus(page, true);
  await mention(tom, `while you look @${me.handle}`);
  await bluesky.processAll();
  await expect(inboxLink(page).getByTestId('unread-count')).toHaveText(/2/, { timeout: 15_000 }); // it arrived…
  expect(await shownNotifications(page)).toHaveLength(1); // …without a notification
  expect(problems).toEqual([]);
});

test('from the inbox: like a mention and follow back a new follower, as the account they came to', async ({ page, problems }) => {
  await openBraid(page);
  mastodon.follow('bob', 'amy');
  await inboxLink(page).click();
  const followed = entries(page).filter({ hasText: 'Bob Lee followed you' });
  await expect(followed).toHaveCount(1, { timeout: 15_000 });
  await followed.getByRole('button', { name: 'Follow back Bob Lee' }).click();
  await expect(followed.getByText(/^Following Bob Lee as @amy@/)).toBeVisible();
  expect(mastodon.isFollowing('amy', 'bob')).toBe(true);

  const mention = entries(page).filter({ hasText: 'are you coming tonight?' });
  await mention.locator('[data-action="like"]').click();
  await expect(mention.locator('[data-action="like"]')).toHaveAttribute('aria-pressed', 'true');
  expect(mastodon.favouritesOf('amy').map((status) => status.content)).toEqual([expect.stringContaining('are you coming tonight?')]);
  await screenshot(page, 'inbox-follow-back');
  expect(problems).toEqual([]);
});
