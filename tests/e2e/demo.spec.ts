// `npm run demo` as a newcomer first sees it: the whole demo (local Bluesky network, two Mastodon
// servers, sample data, Braid's browser host), opened in Chromium. Its servers serve pictures
// over plain http on loopback: the host lets exactly those origins in, so the pictures show;
// Japanese and emoji are drawn with real fonts (README: the Noto fonts on Linux), not empty boxes.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo.ts';
import { expect, reveal, screensDir, test } from './fixtures.ts';

let demo: RunningDemo | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  demo = await startDemo({ open: false, trickle: false });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await demo?.close();
});

/** The platform fonts Chromium drew an element's text with (DevTools protocol, as the Elements panel shows them). */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((font) => font.familyName);
}

test('the first screen shows the pictures, Japanese and emoji, in light and dark; the video plays', async ({ page, problems }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(demo!.launchUrl!);

  // The policy: https, plus exactly the demo's loopback servers.
  const origins = demo!.imageOrigins;
  expect(origins).toHaveLength(3);
  for (const origin of origins) expect(origin).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+$/);
  expect(await page.evaluate(() => window.braid!.invoke('app.info'))).toMatchObject({ ok: true, value: { imageOrigins: origins } });

  const newest = page.locator('article', { hasText: '水やりのあと' }).first();
  await expect(newest).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('article', { hasText: 'Golden hour over the rooftops' }).first()).toBeVisible();

  // Every picture on the first screen has loaded: none is a placeholder or a broken image.
  const mediaOnScreen = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.post-body-media-item')]
        .filter((item) => item.getBoundingClientRect().top < innerHeight)
        .map((item) => {
          const img = item.querySelector('img');
          return img ? { src: img.src, loaded: img.complete && img.naturalWidth > 0 } : { src: null, loaded: false };
        }),
    );
  await expect.poll(async () => (await mediaOnScreen()).filter((m) => m.loaded).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(async () => (await mediaOnScreen()).every((m) => m.loaded), { timeout: 20_000 }).toBe(true);
  for (const { src } of await mediaOnScreen()) expect(origins).toContain(new URL(src!).origin);

  // Japanese and emoji come from fonts that have them (fonts-noto-cjk, fonts-noto-color-emoji).
  await newest.locator('.post-body-text').first().evaluate((text) => text.setAttribute('data-font-probe', ''));
  const fonts = await fontsOf(page, '[data-font-probe]');
  expect(fonts.some((name) => /CJK|Droid Sans Fallback|IPA|Takao|VL Gothic/i.test(name)), `fonts of the Japanese post: ${fonts.join(', ')}`).toBe(true);
  expect(fonts.some((name) => /Emoji/i.test(name)), `fonts of the Japanese post: ${fonts.join(', ')}`).toBe(true);

  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(screensDir, 'demo-first-screen-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: join(screensDir, 'demo-first-screen-dark.png') });

  // The demo's video plays from its poster. (Same page: the launch link opens Braid once.)
  await page.emulateMedia({ colorScheme: 'light' });
  const clip = await reveal(page, 'light show at the harbour');
  await clip.getByRole('button', { name: 'Play video: Soft bands of colour drifting slowly across the frame' }).click();
  const video = clip.locator('video');
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.2);
  await clip.screenshot({ path: join(screensDir, 'demo-video.png') });

  // No CSP violation, no script error. The Mastodon test servers do not serve Mastodon's
  // missing.png placeholder avatar: those 404s are theirs (Braid shows the initial instead).
  expect(problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
});

