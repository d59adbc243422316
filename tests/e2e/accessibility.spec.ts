/**
 * axe-core (through @axe-core/playwright) on every screen, light and dark: no serious or critical
 * violation of WCAG 2.1 A and AA (the inbox and its settings too). Screens are reached by their addresses where they have one.
 */
import type { Page } from '@playwright/test';
import { bandedPng } from '../../scripts/demo/sample-images.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, screenshot, test, violations } from './fixtures.ts';
import { en, type Catalogue } from '../../shared/i18n/en.ts';
import { fr } from '../../shared/i18n/fr.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('accessibility-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let mastodon: MastodonTestServer;
let host: RunningHost;

test.beforeAll(async () => {
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Photographer' });
  mastodon.follow('amy', 'tom');
  const picture = { width: 600, height: 400, file: { bytes: bandedPng(600, 400, [40, 90, 160], [230, 200, 120]), contentType: 'image/png' } };
  const first = mastodon.post('tom', { text: 'Bread rises faster in a warm kitchen #baking', createdAt: minutesAgo(30) });
  mastodon.post('tom', { text: 'And slower in a cold one', inReplyToId: first.id, createdAt: minutesAgo(25) });
  mastodon.post('tom', { text: 'Learned this the slow way', quotedStatusId: first.id, createdAt: minutesAgo(20) });
  mastodon.post('tom', { text: 'Which bread tonight?', poll: { options: ['Sourdough', 'Rye'], expiresAt: new Date(Date.now() + 86_400_000) }, createdAt: minutesAgo(15) });
  mastodon.post('tom', { text: 'The view from the bakery', media: [{ ...picture, description: 'A blue sky over a sandy field' }], createdAt: minutesAgo(10) });
  mastodon.post('tom', { text: 'What I burnt today', spoilerText: 'Food gone wrong', createdAt: minutesAgo(5) });
  const own = mastodon.post('amy', { text: 'My first loaf', createdAt: minutesAgo(50) });
  mastodon.favourite('tom', own.id, minutesAgo(45));
  mastodon.post('tom', { text: '@amy which flour did you use?', createdAt: minutesAgo(40) });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path, env: { BRAID_DEMO_IMAGE_ORIGINS: mastodon.url } });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});


/** The screen as it is, light and dark. */
async function screenshots(page: Page, name: string) {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the first run and the sign-in screens', async ({ page, host: emptyHost }) => {
  await page.goto(await emptyHost.newLaunchUrl());
  await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  for (const network of ['mastodon', 'bluesky']) {
    await page.evaluate((address) => (location.hash = address), `/accounts/add/${network}`);
    await expect(page.getByRole('tab', { selected: true })).toHaveAttribute('id', `tab-${network}`);
    expect(await violations(page), network).toEqual([]);
  }
});

const startingWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/**
 * Every screen of a signed-in window, in the language whose words are given: the timeline, a
 * conversation, the picture viewer, the composer, the inbox and its settings, the archive, the accounts and
 * the keyboard help, each looked at by `look` once it is drawn.
 */
async function walkScreens(page: Page, words: Catalogue, look: (screen: string) => Promise<void>) {
  await page.goto(await host.newLaunchUrl());
  await expect(postWith(page, 'Which bread tonight?')).toHaveCount(1);
  await look('timeline');

  await postWith(page, 'Bread rises faster').filter({ hasNotText: 'Learned this' }).getByRole('button', { name: words['post.openConversation'] }).click();
  await expect(page.getByTestId('conversation').locator('[data-role="reply"]')).toHaveCount(1);
  await look('conversation');
  await page.keyboard.press('Escape');

  await postWith(page, 'The view from the bakery').getByRole('button', { name: startingWith(words['content.viewImage']) }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await look('viewer');
  await page.keyboard.press('Escape');

  const pages = page.getByRole('navigation', { name: words['app.pages'] });
  await pages.getByRole('link', { name: words['app.page.compose'] }).click();
  await page.getByLabel(words['compose.text.label']).fill('A draft, to see the previews');
  await look('compose');

  await pages.getByRole('link', { name: startingWith(words['app.page.inbox']) }).click();
  await expect(page.getByTestId('inbox-entry')).toHaveCount(2);
  await look('inbox');
  await page.getByText(words['inbox.alerts.title'], { exact: true }).click();
  await expect(page.getByRole('checkbox', { name: words['inbox.alerts.mention'] })).toBeVisible();
  await look('inbox-alert-settings');

  await pages.getByRole('link', { name: words['app.page.archive'] }).click();
  await expect(page.getByRole('heading', { name: words['archive.accounts'] })).toBeVisible();
  await page.getByRole('searchbox').fill('bread');
  await look('archive');

  await pages.getByRole('link', { name: words['app.page.accounts'] }).click();
  await expect(page.getByRole('heading', { name: words['app.page.accounts'], exact: true })).toBeVisible();
  await look('accounts');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: words['keys.title'] })).toBeVisible();
  await look('keyboard-help');
}

test('the timeline, a conversation, the picture viewer, the composer and the accounts', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await walkScreens(page, en, async (screen) => {
    expect(await violations(page), screen).toEqual([]);
    if (screen === 'inbox-alert-settings' || screen === 'keyboard-help') await screenshots(page, screen);
  });
  // ? lists every shortcut, in a dialog Escape closes; typed in a text field it is just a character.
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('term').filter({ hasText: 'Alt+←' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible(); // Escape closed the help, not the screen
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('Post text').press('?');
  await expect(help).toHaveCount(0);
});

test('every screen in French (axe in both themes) and mirrored right to left, with screenshots', async ({ page, problems }) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  const languages = [['fr', fr, 'ltr'], ['en-XB', en, 'rtl']] as const;
  try {
    for (const [language, words, direction] of languages) {
      await page.goto(await host.newLaunchUrl());
      await page.evaluate((chosen) => window.braid!.invoke('language.set', chosen), language);
      await walkScreens(page, words, async (screen) => {
        await expect(page.locator('html')).toHaveAttribute('dir', direction);
        if (direction === 'rtl') return screenshot(page, `${language}-${screen}`); // the same words and colours as English, mirrored
        expect(await violations(page), `${language} ${screen}`).toEqual([]);
        await screenshots(page, `${language}-${screen}`);
      });
      await page.keyboard.press('Escape');
    }
  } finally {
    await page.evaluate(() => window.braid!.invoke('language.set', 'system'));
  }
  expect(problems).toEqual([]);
});

test('at 200% zoom (half the width) every screen reflows: nothing runs off the side', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 450 }); // a 1400×900 window zoomed to 200%
  await walkScreens(page, en, async (screen) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen}: the page scrolls sideways`).toBeLessThanOrEqual(0);
    await screenshot(page, `zoom-200-${screen}`);
  });
  await page.keyboard.press('Escape');
});

test('with reduced motion asked for, nothing on the screen moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(await host.newLaunchUrl());
  await expect(postWith(page, 'Which bread tonight?')).toHaveCount(1);
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll('*')].filter((element) => {
      const style = getComputedStyle(element);
      return style.transitionDuration.split(',').some((duration) => parseFloat(duration) > 0) || style.animationName !== 'none';
    }).length,
  );
  expect(moving).toBe(0);
});

test('keyboard only: open a post, like it, reply, send, come back', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  const post = postWith(page, 'Which bread tonight?');
  await expect(post).toHaveCount(1);
  // j/k walk the timeline; the selected post has the focus.
  for (let presses = 0; presses < 10; presses++) {
    if (await post.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('j');
    await page.waitForTimeout(50);
  }
  await expect(post).toBeFocused();
  await page.keyboard.press('Enter');
  const conversation = page.getByTestId('conversation');
  const focus = conversation.locator('[data-role="focus"]');
  await expect(focus).toContainText('Which bread tonight?');
  await page.keyboard.press('j'); // into the conversation: its first post, the one opened
  await expect(focus).toBeFocused();
  await page.keyboard.press('l');
  await expect(focus.getByRole('button', { name: /^Like/ })).toHaveAttribute('aria-pressed', 'true');
  expect(mastodon.favouritesOf('amy').map((status) => status.content)).toContainEqual(expect.stringContaining('Which bread tonight?'));
  await page.keyboard.press('r');
  await expect(focus.getByRole('textbox')).toBeFocused();
  await page.keyboard.type('Sourdough, sent from the keyboard');
  await page.keyboard.press('Control+Enter');
  await expect(focus.getByRole('status')).toContainText('Replied as @amy');
  expect(mastodon.statusesOf('amy').map((status) => status.content)).toContainEqual(expect.stringContaining('Sourdough, sent from the keyboard'));
  // Esc closes the reply's note and then the conversation; the focus is back on the post it came from.
  await page.keyboard.press('Escape');
  for (let presses = 0; presses < 3 && (await conversation.count()) > 0; presses++) await page.keyboard.press('Escape');
  await expect(conversation).toHaveCount(0);
  await expect(post).toBeFocused();
  expect(problems).toEqual([]);
});
