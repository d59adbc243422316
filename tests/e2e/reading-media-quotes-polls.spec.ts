/**
 * Pictures, quotes and polls in Chromium, from a Mastodon 4.5 test server: a tall picture stays
 * short and keeps its shape; a click opens the viewer, which steps, zooms, shows the alt text and
 * closes with Escape, giving the focus back; a quote shows the quoted post (without Mastodon's
 * "RE:" line) and a pending quote says why it is not shown; a vote counts on the server.
 */
import type { Browser, Page } from '@playwright/test';
import { bandedPng } from '../../scripts/demo/sample-images.ts';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, reveal, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('media-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let mastodon: MastodonTestServer;
let host: RunningHost;
let pollStatus: MastodonStatus;

const png = (width: number, height: number, top: [number, number, number], bottom: [number, number, number]) => ({
  width,
  height,
  file: { bytes: bandedPng(width, height, top, bottom), contentType: 'image/png' },
});

/** A short WebM clip of a moving square, recorded by Chromium itself (MediaRecorder on a canvas): no video tools needed. */
async function recordClip(browser: Browser): Promise<Uint8Array> {
  const page = await browser.newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [320, 180];
    const context = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    const started = performance.now();
    while (performance.now() - started < 2500) {
      const t = (performance.now() - started) / 2500;
      context.fillStyle = '#123';
      context.fillRect(0, 0, 320, 180);
      context.fillStyle = '#fc3';
      context.fillRect(20 + t * 240, 60, 60, 60);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  await page.close();
  return Buffer.from(base64, 'base64');
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const clip = { bytes: await recordClip(browser), contentType: 'video/webm' };
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Photographer' });
  mastodon.addUser({ username: 'bob', password: 'bob-password-1', displayName: 'Bob' });
  mastodon.addRemoteAccount('rae@far.example', { displayName: 'Rae' });
  for (const followed of ['tom', 'bob']) mastodon.follow('amy', followed);
  mastodon.post('tom', { text: 'A very tall lighthouse', media: [{ ...png(300, 1200, [40, 90, 160], [230, 200, 120]), description: 'A lighthouse, seen from its foot' }], createdAt: minutesAgo(30) });
  mastodon.post('tom', {
    text: 'Three from the walk',
    media: [
      { ...png(1200, 800, [200, 60, 40], [250, 220, 90]), description: 'Red roofs under a yellow sky' },
      { ...png(800, 800, [30, 120, 60], [200, 240, 200]), description: 'A green field' },
      { ...png(1600, 900, [20, 20, 80], [120, 160, 240]), description: '' },
    ],
    createdAt: minutesAgo(20),
  });
  const original = mastodon.post('bob', { text: 'Bread rises faster in a warm kitchen', createdAt: minutesAgo(15) });
  mastodon.post('tom', { text: 'Learned this the slow way', quotedStatusId: original.id, createdAt: minutesAgo(10) });
  const far = mastodon.post('rae@far.example', { text: 'A post far away', createdAt: minutesAgo(12) });
  mastodon.post('bob', { text: 'Quoting someone far away', quotedStatusId: far.id, createdAt: minutesAgo(5) });
  const poster = png(320, 180, [20, 30, 50], [250, 200, 50]).file;
  mastodon.post('tom', { text: 'The square moves', media: [{ width: 320, height: 180, description: 'A yellow square crossing the frame', file: clip, preview: poster }], createdAt: minutesAgo(1) });
  mastodon.post('tom', { text: 'On a loop', media: [{ width: 320, height: 180, description: 'The square, looping', file: clip, preview: poster, kind: 'gifv' }], createdAt: minutesAgo(1.5) });
  // A long branch: six replies, each answering the one before.
  let parentId = mastodon.post('bob', { text: 'Sourdough starters: how old is yours?', createdAt: minutesAgo(90) }).id;
  for (let depth = 1; depth <= 6; depth++) parentId = mastodon.post(depth % 2 ? 'tom' : 'bob', { text: `Branch reply at depth ${depth}`, inReplyToId: parentId, createdAt: minutesAgo(90 - depth) }).id;
  pollStatus = mastodon.post('bob', { text: 'Which bread tonight?', poll: { options: ['Sourdough', 'Rye', 'Focaccia'], expiresAt: new Date(Date.now() + 2 * 86_400_000) }, createdAt: minutesAgo(2) });
  await signInAccounts({ dataDir: dataDir.path, mastodon: [{ server: mastodon, username: 'amy', password: 'amy-password-1' }] });
  host = await startHostProcess({ dataDir: dataDir.path, env: { BRAID_DEMO_IMAGE_ORIGINS: mastodon.url } });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});

test('a tall picture is capped in height and keeps its shape', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(await host.newLaunchUrl());
  const picture = (await reveal(page, 'A very tall lighthouse')).locator('.post-body-media img');
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(300);
  const box = (await picture.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(Math.min(560, 0.7 * 800) + 1);
  expect(box.width / box.height).toBeCloseTo(300 / 1200, 1);
  expect(problems).toEqual([]);
});

test('a picture opens in the viewer: next, zoom, alt text, Escape gives the focus back', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(await host.newLaunchUrl());
  const post = await reveal(page, 'Three from the walk');
  const first = post.getByRole('button', { name: 'View image: Red roofs under a yellow sky' });
  await first.click();
  const viewer = page.getByRole('dialog', { name: 'Image 1 of 3' });
  await expect(viewer).toBeVisible();
  await expect(viewer.locator('.viewer-alt')).toHaveText('Red roofs under a yellow sky');
  await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `viewer-${scheme}`);
  }

  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Image 2 of 3' }).locator('.viewer-alt')).toHaveText('A green field');
  await page.getByRole('button', { name: 'Next image' }).click();
  await expect(page.getByRole('dialog', { name: 'Image 3 of 3' }).locator('.viewer-alt')).toHaveText('No description was given for this picture.');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Image 1 of 3' })).toBeVisible();

  // Full size: the picture at its own 1,200 px, wider than the window's stage would fit.
  await page.getByRole('button', { name: 'Full size' }).click();
  await expect(page.getByRole('button', { name: 'Fit to window' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await page.locator('.viewer-image').boundingBox())?.width).toBeCloseTo(1200, 0);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(first).toBeFocused();
  expect(problems).toEqual([]);
});

test('a quote shows the quoted post without the RE: line; a pending quote says why it is not shown', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(await host.newLaunchUrl());
  const quoting = await reveal(page, 'Learned this the slow way');
  await expect(quoting.locator('.post-body-quote')).toContainText('Bread rises faster in a warm kitchen');
  await expect(quoting.locator('.post-body-quote')).toContainText('@bob@');
  await expect(quoting.locator('.post-body-html').first()).not.toContainText('RE:');
  const pending = await reveal(page, 'Quoting someone far away');
  await expect(pending.locator('[data-unavailable="pending"]')).toHaveText('Quoted post: waiting for its author to allow the quote.');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await quoting.scrollIntoViewIfNeeded();
    await screenshot(page, `quotes-${scheme}`);
  }
  expect(problems).toEqual([]);
});

test('a vote in a poll counts on the server and the results show the reader\u2019s choice', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(await host.newLaunchUrl());
  const poll = (await reveal(page, 'Which bread tonight?')).getByTestId('poll');
  await expect(poll).toContainText('Closes in 2 days');
  await poll.getByRole('radio', { name: 'Rye' }).check();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `poll-open-${scheme}`);
  }
  await poll.getByRole('button', { name: 'Vote' }).click();
  await expect(poll.locator('.poll-result[data-mine]')).toContainText('Rye');
  await expect(poll.locator('.poll-result[data-mine]')).toContainText('100%');
  await expect(poll).toContainText('1 person');
  expect(mastodon.statusesOf('bob').find((status) => status.id === pollStatus.id)?.poll).toMatchObject({ votes_count: 1, voters_count: 1 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `poll-voted-${scheme}`);
  }
  expect(problems).toEqual([]);
});

test('Quote on a post opens the composer with the post quoted; sent, the server holds the quote', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(await host.newLaunchUrl());
  // Bob's own post, not Tom's quote of it.
  await reveal(page, 'Learned this the slow way');
  await postWith(page, 'Bread rises faster in a warm kitchen').filter({ hasNotText: 'Learned this the slow way' }).getByRole('button', { name: 'Quote' }).click();
  const quoted = page.getByTestId('compose-quote');
  await expect(quoted).toContainText('Bread rises faster in a warm kitchen');
  await page.getByLabel('Post text').fill('So true, and rye even more');
  await expect(page.getByText('The quoted post is embedded.')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `compose-quote-${scheme}`);
  }
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => mastodon.statusesOf('amy')[0]?.quote).toMatchObject({ state: 'accepted', quoted_status: { account: { username: 'bob' } } });
  expect(mastodon.statusesOf('amy')[0]?.content).toContain('So true, and rye even more');
  expect(problems).toEqual([]);
});

test('a video plays from its poster when clicked; a GIF-like clip plays by itself, muted and looping', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto(await host.newLaunchUrl());
  const currentTime = (video: ReturnType<Page['locator']>) => video.evaluate((element: HTMLVideoElement) => element.currentTime);
  const clip = (await reveal(page, 'On a loop')).locator('video');
  await expect(clip).toHaveJSProperty('muted', true);
  await expect.poll(() => currentTime(clip), { timeout: 15_000 }).toBeGreaterThan(0.2);

  const post = await reveal(page, 'The square moves');
  await expect(post.locator('video')).toHaveCount(0);
  await post.getByRole('button', { name: 'Play video: A yellow square crossing the frame' }).click();
  const video = post.locator('video');
  await expect(video).toBeFocused();
  await expect.poll(() => currentTime(video), { timeout: 15_000 }).toBeGreaterThan(0.2);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `video-${scheme}`);
  }
  expect(problems).toEqual([]);
});

test('a long branch of a conversation folds behind "N more replies" and unfolds on a click', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await (await reveal(page, 'Sourdough starters: how old is yours?')).getByRole('button', { name: 'Open conversation' }).click();
  const conversation = page.getByTestId('conversation');
  await expect(conversation.locator('[data-role="reply"]')).toHaveCount(4);
  const fold = conversation.getByRole('button', { name: '2 more replies' });
  await fold.click();
  await expect(conversation.locator('[data-role="reply"]')).toHaveCount(6);
  await expect(conversation.locator('[data-depth="6"]')).toContainText('Branch reply at depth 6');
  await expect(conversation.getByRole('button', { name: 'Hide the replies below' })).toHaveAttribute('aria-expanded', 'true');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `conversation-fold-${scheme}`);
  }
  expect(problems).toEqual([]);
});
