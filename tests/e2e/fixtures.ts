import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';

export const screensDir = join(import.meta.dirname, '..', 'artifacts', 'screens');

export const test = base.extend<{ problems: string[] }, { host: RunningHost }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const host = await startHostProcess();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  /** Console errors, page errors and CSP violations seen while the test ran: expected to stay empty. */
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await use(problems);
  },
});

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: join(screensDir, `${name}.png`), fullPage: true });
}

export const postWith = (page: Page, text: string) => page.getByTestId('post').filter({ hasText: text });

/** The post, scrolled to: the timeline draws only the rows near the screen. */
export async function reveal(page: Page, text: string) {
  const post = postWith(page, text).first();
  await expect(page.getByTestId('post').first()).toBeVisible();
  await page.mouse.move(300, 400); // over the timeline
  for (let turn = 0; turn < 40 && (await post.count()) === 0; turn += 1) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(50);
  }
  await post.scrollIntoViewIfNeeded();
  return post;
}

export { expect };

/** axe's serious and critical WCAG 2.1 A/AA violations on the page as it is, in both themes, each with where it is. */
export async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      found.push(`${scheme}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
