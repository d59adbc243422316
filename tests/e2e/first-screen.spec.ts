import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe('the first screen, through the browser host', () => {
  test('opens from the launch link, then drops the secret from the address bar', async ({ page, host, problems }) => {
    await page.goto(await host.newLaunchUrl());
    await expect(page).toHaveURL(`${host.origin}/`);
    await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Accounts' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
    await expect(page.getByTestId('app-info')).toHaveText(/^Braid \d+\.\d+\.\d+ · browser host$/);
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
  });

  test('opens the way `npm start` opens it: from a local page that redirects to the launch link', async ({ page, host }) => {
    const dir = tempDir('opener');
    try {
      const opener = join(dir.path, 'open-braid.html');
      writeFileSync(opener, `<!doctype html><meta http-equiv="refresh" content="0; url=${await host.newLaunchUrl()}">`);
      await page.goto(`file://${opener}`);
      await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
      await expect(page).toHaveURL(`${host.origin}/`);
    } finally {
      dir.remove();
    }
  });

  test('round-trips contract calls through window.braid, and refuses unknown channels', async ({ page, host }) => {
    await page.goto(await host.newLaunchUrl());
    const info = await page.evaluate(() => window.braid!.invoke('app.info'));
    expect(info).toMatchObject({ ok: true, value: { name: 'Braid', host: 'browser' } });
    const accounts = await page.evaluate(() => window.braid!.invoke('accounts.list'));
    expect(accounts).toEqual({ ok: true, value: [] });
    const unknown = await page.evaluate(() => (window.braid!.invoke as (c: string) => Promise<unknown>)('db.dump'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  test('the theme follows the system, toggles, and the choice survives a reload', async ({ page, host, problems }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(await host.newLaunchUrl());
    const toggle = page.getByTestId('theme-toggle');
    await expect(toggle).toHaveAttribute('data-theme-preference', 'system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    await toggle.click();
    await expect(toggle).toHaveAttribute('data-theme-preference', 'light');
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-theme-preference', 'dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-preference', 'dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await page.getByTestId('theme-toggle').click();
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-preference', 'system');
    expect(problems).toEqual([]);
  });

  test('keyboard focus is visible', async ({ page, host }) => {
    await page.goto(await host.newLaunchUrl());
    await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveAttribute('data-testid', 'add-account');
    const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`screenshot: ${colorScheme}`, async ({ page, host, problems }) => {
      await page.setViewportSize({ width: 1100, height: 700 });
      await page.emulateMedia({ colorScheme });
      await page.goto(await host.newLaunchUrl());
      await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
      await expect(page.getByTestId('app-info')).toContainText('Braid');
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      await screenshot(page, `first-screen-${colorScheme}`);
      expect(problems).toEqual([]);
    });
  }
});
