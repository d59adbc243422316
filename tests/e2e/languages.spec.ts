/**
 * Braid in the user's language: French chosen in the rail is the language of every translated
 * screen (the timeline, a post, the inbox, the keyboard help), kept across a reload; with the
 * choice left to the system, a French system gets French. No message is missing (a missing one
 * is a console error, which the `problems` fixture catches).
 */
import type { Page } from '@playwright/test';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('languages-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let mastodon: MastodonTestServer;
let host: RunningHost;

test.beforeAll(async () => {
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Boulanger' });
  mastodon.addUser({ username: 'eva', password: 'eva-password-1', displayName: 'Eva' });
  mastodon.follow('amy', 'tom');
  mastodon.post('tom', { text: 'Le pain lève plus vite dans une cuisine chaude', createdAt: minutesAgo(30) });
  mastodon.post('tom', { text: 'Quel pain ce soir ?', createdAt: minutesAgo(3 * 24 * 60) });
  const own = mastodon.post('amy', { text: 'Ma première miche', createdAt: minutesAgo(50) });
  mastodon.favourite('tom', own.id, minutesAgo(45));
  mastodon.favourite('eva', own.id, minutesAgo(44));
  mastodon.post('tom', { text: '@amy quelle farine ?', createdAt: minutesAgo(40) });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Pages' });

test('French chosen in the rail: every translated screen speaks it, and still after a reload', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(nav(page).getByRole('link', { name: 'Home' })).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');

  await expect(nav(page).getByRole('link', { name: 'Accueil' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('feed', { name: 'Fil d’accueil' })).toBeVisible();
  const post = postWith(page, 'Le pain lève');
  await expect(post.getByRole('group', { name: 'Actions' }).getByRole('button', { name: /^Aimer/ })).toBeVisible();
  await expect(post.getByRole('button', { name: 'Citer' })).toBeVisible();
  await expect(postWith(page, 'Quel pain ce soir').locator('time')).toHaveText('3j');
  await expect(page.getByTestId('app-info')).toContainText('hôte navigateur');
  await screenshot(page, 'french-timeline');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'french-timeline-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toContainText('Publication suivante et précédente');
  await page.keyboard.press('Escape');

  await nav(page).getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByTestId('inbox-entry').filter({ hasText: /(Tom Boulanger et Eva|Eva et Tom Boulanger) ont aimé votre publication/ })).toBeVisible();
  await expect(page.getByTestId('inbox-entry').filter({ hasText: 'vous a mentionné' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mentions et réponses' })).toBeVisible();
  await screenshot(page, 'french-inbox');

  await page.reload();
  await expect(nav(page).getByRole('link', { name: 'Notifications' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByLabel('Langue').selectOption('system');
  await expect(nav(page).getByRole('link', { name: 'Inbox' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a right-to-left language mirrors the whole screen (the pseudo-language en-XB: English words, right to left)', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await expect(nav(page).getByRole('link', { name: 'Home' })).toBeVisible();
  await page.evaluate(() => (window as unknown as { braid: { invoke(channel: string, input: unknown): Promise<unknown> } }).braid.invoke('language.set', 'en-XB'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The rail is at the right edge, the column to its left; in a post the avatar is right of the words.
  const rail = (await page.getByRole('navigation', { name: 'Accounts' }).boundingBox())!;
  const column = (await page.locator('main.column').boundingBox())!;
  expect(rail.x).toBeGreaterThan(column.x + column.width - 1);
  const post = postWith(page, 'Le pain lève');
  const avatar = (await post.locator('.avatar').first().boundingBox())!;
  const words = (await post.locator('.post-body').boundingBox())!;
  expect(avatar.x).toBeGreaterThan(words.x + words.width - 1);
  await post.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await screenshot(page, 'rtl-pseudo-timeline');
  await nav(page).getByRole('link', { name: /^Inbox/ }).click();
  await expect(page.getByTestId('inbox-entry').first()).toBeVisible();
  await screenshot(page, 'rtl-pseudo-inbox');
  await page.evaluate(() => (window as unknown as { braid: { invoke(channel: string, input: unknown): Promise<unknown> } }).braid.invoke('language.set', 'system'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(problems).toEqual([]);
});

test.describe('with a French system', () => {
  test.use({ locale: 'fr-FR' });

  test('the system’s language is Braid’s while the choice is left to the system', async ({ page, problems }) => {
    await page.goto(await host.newLaunchUrl());
    await expect(nav(page).getByRole('link', { name: 'Accueil' })).toBeVisible();
    await expect(page.getByLabel('Langue')).toHaveValue('system');
    await expect(page.getByLabel('Langue').locator('option[value=system]')).toHaveText('Système (Français)');
    expect(problems).toEqual([]);
  });
});
