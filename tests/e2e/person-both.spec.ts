/**
 * One person on both networks: Tom on Mastodon names his Bluesky account (Bea's is another
 * person, found by name only). Find your people lists Tom's Bluesky account as sure, a namesake
 * as a maybe that cannot be ticked; following the ticked one lands on the Bluesky server; Tom's
 * profile then shows both accounts, one merged post list (the cross-post once), and "Following"
 * on the Bluesky side.
 */
import { AtpAgent } from '@atproto/api';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, screenshot, test, violations } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const dataDir = tempDir('person-both-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let mastodon: MastodonTestServer;
let bluesky: BlueskyNetwork;
let host: RunningHost;
let me: BlueskyUser;
let tomSky: BlueskyUser;
let sourdoughUrl = '';

async function agentOf(user: BlueskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: bluesky.pdsUrl });
  await agent.login({ identifier: user.handle, password: user.appPassword });
  return agent;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [mastodon, bluesky] = await Promise.all([startMastodonServer({ title: 'Home Social' }), startBlueskyNetwork()]);
  [me, tomSky] = await Promise.all([bluesky.createUser({ handle: 'me-reader.test' }), bluesky.createUser({ handle: 'tom-baker.test', displayName: 'Tom Baker' })]);
  // The local network's people search matches handles only: the namesake's handle holds the name.
  await bluesky.createUser({ handle: 'una-namesake.test', displayName: 'una' });
  const tomAgent = await agentOf(tomSky);
  await tomAgent.upsertProfile((existing) => ({ ...existing, displayName: 'Tom Baker', description: `Bread. Also ${mastodon.url.replace(/\/$/, '')}/@tom` }));
  const sourdough = await tomAgent.post({ text: 'Sourdough, only on Bluesky', createdAt: minutesAgo(30).toISOString() });
  sourdoughUrl = `https://bsky.app/profile/${tomSky.handle}/post/${sourdough.uri.split('/').pop()}`;
  await tomAgent.post({ text: 'Both places at once', createdAt: minutesAgo(10).toISOString() });
  await bluesky.processAll();

  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Baker' });
  mastodon.addUser({ username: 'una', password: 'una-password-1', displayName: 'una' });
  mastodon.setProfile('tom', { note: 'Bread.', fields: [{ name: 'Bluesky', value: 'https://bsky.app/profile/tom-baker.test' }] });
  mastodon.follow('amy', 'tom');
  mastodon.follow('amy', 'una');
  mastodon.post('tom', { text: 'Rye bread, only on Mastodon', createdAt: minutesAgo(40) });
  mastodon.post('tom', { text: 'Both places at once', createdAt: minutesAgo(10) });
  await signInAccounts({ dataDir: dataDir.path, bluesky, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }], blueskyUsers: [me] });
  host = await startHostProcess({ dataDir: dataDir.path, env: blueskyHostEnv(bluesky) });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  await bluesky?.close();
  dataDir.remove();
});

test('find your people: the sure match ticked and followed, a namesake only a maybe', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByTestId('find-people-link').click();
  await page.getByLabel('People followed by').selectOption({ label: `@amy@${new URL(mastodon.url).host} (mastodon)` });
  await page.getByTestId('find-run').click();
  const tom = page.locator('[data-testid="find-candidate"][data-handle="tom-baker.test"]');
  await expect(tom).toHaveAttribute('data-confidence', 'sure', { timeout: 60_000 });
  await expect(tom).toContainText('Their profile names this account');
  await expect(tom).toContainText('This account’s profile names them');
  const una = page.locator('[data-testid="find-candidate"][data-handle="una-namesake.test"]');
  await expect(una).toHaveAttribute('data-confidence', 'maybe');
  await expect(una.getByRole('checkbox')).toHaveCount(0);
  expect(await violations(page), 'find people').toEqual([]);
  await screenshot(page, 'find-people');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'find-people-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Tick the sure one' }).click();
  await page.getByTestId('follow-many').click();
  await expect(page.getByTestId('follow-batch')).toHaveAttribute('data-done', '1', { timeout: 60_000 });
  const mine = await agentOf(me);
  await expect.poll(async () => (await mine.app.bsky.graph.getFollows({ actor: me.did })).data.follows.map((follow) => follow.handle)).toEqual(['tom-baker.test']);
  expect(problems).toEqual([]);
});

test('one profile for a person on both networks: both accounts, one merged post list', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await postWith(page, 'Rye bread, only on Mastodon').getByRole('button', { name: 'Tom Baker' }).first().click();
  const person = page.getByTestId('person');
  await expect(person.getByRole('heading', { name: 'Tom Baker' }).first()).toBeVisible();
  const elsewhere = page.getByTestId('person-elsewhere');
  await expect(elsewhere).toContainText('Also on Bluesky');
  await expect(elsewhere).toContainText('@tom-baker.test');
  await expect(elsewhere.getByTestId('relationship').getByRole('status')).toContainText('Following');
  const posts = person.getByRole('tabpanel').getByTestId('post');
  await expect(posts.filter({ hasText: 'Sourdough, only on Bluesky' })).toHaveCount(1);
  await expect(posts.filter({ hasText: 'Rye bread, only on Mastodon' })).toHaveCount(1);
  await expect(posts.filter({ hasText: 'Both places at once' })).toHaveCount(1);
  expect(await violations(page), 'person on both networks').toEqual([]);
  await screenshot(page, 'person-both');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'person-both-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(problems).toEqual([]);
});

test('search finds the person on each network as one, and a Bluesky post by its link', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Search' }).click();
  const box = page.getByTestId('search-query');
  await box.fill('tom');
  await box.press('Enter');
  const tom = page.getByTestId('search-person').filter({ hasText: 'Tom Baker' });
  await expect(tom).toHaveCount(1);
  await expect(tom.getByRole('button', { name: /^Mastodon: @tom@/ })).toBeVisible();
  await expect(tom.getByRole('button', { name: 'Bluesky: @tom-baker.test' })).toBeVisible();
  await screenshot(page, 'search-both-networks');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'search-both-networks-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await box.fill(sourdoughUrl);
  await box.press('Enter');
  await expect(page.getByTestId('conversation')).toContainText('Sourdough, only on Bluesky');
  expect(problems).toEqual([]);
});
