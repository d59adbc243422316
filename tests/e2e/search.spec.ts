/**
 * Search from the window: a person by name, a post by its link (it opens), and a hashtag in a
 * post opening that hashtag's posts from every account.
 */
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, screenshot, test, violations } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('search-e2e');
let mastodon: MastodonTestServer;
let host: RunningHost;
let rye = '';

test.beforeAll(async () => {
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Photographer' });
  mastodon.follow('amy', 'tom');
  rye = mastodon.post('tom', { text: 'Rye bread, finally #baking', createdAt: new Date(Date.now() - 20 * 60_000) }).url ?? '';
  mastodon.post('tom', { text: 'Crust and crumb #baking', createdAt: new Date(Date.now() - 10 * 60_000) });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});

test('find a person, open a post by its link, follow a hashtag from a post', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(postWith(page, 'Crust and crumb')).toHaveCount(1);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('link', { name: 'Search' }).click();

  const box = page.getByTestId('search-query');
  await box.fill('tom');
  await box.press('Enter');
  const person = page.getByTestId('search-person');
  await expect(person).toContainText('Tom Photographer');
  expect(await violations(page), 'search').toEqual([]);
  await screenshot(page, 'search-people');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'search-people-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await person.getByRole('button', { name: /Mastodon: @tom@/ }).click();
  await expect(page.getByTestId('person').getByRole('heading', { name: 'Tom Photographer' })).toBeVisible();

  // Back to the results; a post's link opens its conversation.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(person).toContainText('Tom Photographer');
  await page.getByTestId('search-query').fill(rye);
  await page.getByTestId('search-query').press('Enter');
  await expect(page.getByTestId('conversation')).toContainText('Rye bread, finally');

  // A hashtag in a post lists that hashtag's posts, newest first.
  await page.goto(await host.newLaunchUrl());
  await postWith(page, 'Crust and crumb').getByRole('link', { name: '#baking' }).click();
  await expect(page.getByRole('heading', { name: '#baking' })).toBeVisible();
  const posts = page.getByTestId('post');
  await expect(posts).toHaveCount(2);
  await expect(posts.first()).toContainText('Crust and crumb');
  await screenshot(page, 'search-hashtag');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'search-hashtag-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(problems).toEqual([]);
});
