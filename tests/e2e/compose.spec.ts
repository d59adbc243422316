/**
 * The composer end to end: Braid's browser host (its own process, real core) in Chromium with
 * two Mastodon test servers (two accounts on one, and one on the other, which allows longer
 * posts) and the real local Bluesky network, five accounts signed in. One post with an image,
 * too long for Bluesky but not for Mastodon, goes to all five; accounts that get exactly the same
 * posts share one preview card; each status line turns to a link, and the servers hold exactly
 * what the previews showed.
 */
import { AtpAgent } from '@atproto/api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { blueskyHostEnv, signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('compose-e2e');
const files = tempDir('compose-e2e-files');
const imagePath = join(files.path, 'harbour.png');
const alt = 'A small harbour at dusk: three boats and a yellow lamp on the pier.';
// About 400 graphemes in four paragraphs: over Bluesky's 300, under Mastodon's 500.
const paragraphs = [
  'Braid now posts to every account at once. One text, one image, and each network gets what fits it best.',
  'On Mastodon this whole note is a single post, because the server allows five hundred characters, café included.',
  'On Bluesky it becomes a short thread of two posts, cut between paragraphs, with the picture on the first.',
  'Every target has its own status line, and a failure on one never doubles a post on another. Merci, Zoë!',
];
const text = paragraphs.join('\n\n');

let home: MastodonTestServer;
let other: MastodonTestServer;
let bluesky: BlueskyNetwork;
let host: RunningHost;
let readers: BlueskyUser[];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // Other Social allows 600 characters: the same text gets a different counter there.
  [home, other] = await Promise.all([startMastodonServer({ title: 'Home Social' }), startMastodonServer({ title: 'Other Social', maxCharacters: 600 })]);
  home.addUser({ username: 'amy', password: 'amy-password-1' });
  home.addUser({ username: 'cat', password: 'cat-password-1' });
  other.addUser({ username: 'bob', password: 'bob-password-1' });
  bluesky = await startBlueskyNetwork();
  readers = [await bluesky.createUser({ handle: 'reader-one.test' }), await bluesky.createUser({ handle: 'reader-two.test' })];
  await signInAccounts({
    dataDir: dataDir.path,
    bluesky,
    mastodon: [
      { server: home, username: 'amy', password: 'amy-password-1' },
      { server: home, username: 'cat', password: 'cat-password-1' },
      { server: other, username: 'bob', password: 'bob-password-1' },
    ],
    blueskyUsers: readers,
  });
  const picture = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500">
    <rect width="800" height="500" fill="#1d3557"/><rect y="330" width="800" height="170" fill="#457b9d"/>
    <circle cx="640" cy="120" r="60" fill="#ffd166"/><path d="M120 330 h160 l-30 40 h-100 z M360 330 h120 l-20 30 h-80 z" fill="#f1faee"/></svg>`;
  writeFileSync(imagePath, await sharp(Buffer.from(picture)).png().toBuffer());
  host = await startHostProcess({ dataDir: dataDir.path, env: blueskyHostEnv(bluesky) });
});

test.afterAll(async () => {
  await host?.stop();
  await Promise.all([home?.close().catch(() => undefined), other?.close().catch(() => undefined)]);
  await bluesky?.close();
  dataDir.remove();
  files.remove();
});

test('one post with an image to three Mastodon and two Bluesky accounts: previews, status lines, and the posts on each server', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();

  // The default set: all five accounts, each visible as who the post goes out as.
  const chips = page.getByRole('group', { name: 'Post as' }).getByRole('button');
  await expect(chips).toHaveCount(5);
  for (const chip of await chips.all()) await expect(chip).toHaveAttribute('aria-pressed', 'true');

  await page.getByLabel('Post text').fill(text);
  await page.locator('input[type="file"]').setInputFiles(imagePath);
  const altField = page.getByLabel('Description (alt text) for image 1');
  await expect(altField).toBeVisible();
  await expect(page.getByText('No description yet')).toBeVisible();
  await altField.fill(alt);
  await expect(page.getByText('No description yet')).toHaveCount(0);

  // What each network will get, before Send. Accounts that get exactly the same posts share one
  // card naming them all: amy and cat (one server, its rules), the two Bluesky accounts (one
  // thread each, the same). bob's server allows 600 characters: a different counter, his own card.
  const previews = page.getByTestId('target-preview');
  await expect(previews).toHaveCount(3);
  const homeCard = previews.filter({ hasText: 'amy@' });
  await expect(homeCard).toHaveCount(1);
  await expect(homeCard).toHaveAttribute('data-accounts', '2');
  await expect(homeCard.getByRole('heading')).toContainText('cat@');
  await expect(homeCard.getByTestId('counter')).toContainText('/ 500 characters');
  const otherCard = previews.filter({ hasText: 'bob@' });
  await expect(otherCard).toHaveCount(1);
  await expect(otherCard).toHaveAttribute('data-accounts', '1');
  await expect(otherCard.getByTestId('counter')).toContainText('/ 600 characters');
  await expect(previews.filter({ hasText: 'cat@' })).toHaveCount(1);
  for (const preview of await previews.filter({ has: page.locator('.network-badge[data-network="mastodon"]') }).all()) {
    await expect(preview.getByTestId('preview-part')).toHaveCount(1);
    await expect(preview.getByTestId('counter')).not.toHaveAttribute('data-over');
  }
  const blueskyPreviews = previews.filter({ has: page.locator('.network-badge[data-network="bluesky"]') });
  await expect(blueskyPreviews).toHaveCount(1);
  await expect(blueskyPreviews).toHaveAttribute('data-accounts', '2');
  for (const reader of readers) await expect(blueskyPreviews.getByRole('heading')).toContainText(reader.handle);
  for (const preview of await blueskyPreviews.all()) {
    await expect(preview.getByTestId('counter')).toHaveAttribute('data-over', 'true');
    await expect(preview.getByTestId('counter')).toContainText('/ 300 graphemes');
    await expect(preview.getByTestId('preview-part')).toHaveCount(2);
    await expect(preview.getByTestId('preview-part').first()).toContainText('1/2');
  }

  // Saved as typed: the draft is in the list before it is sent.
  await expect(page.getByTestId('draft')).toHaveCount(1);
  await expect(page.getByTestId('draft')).toContainText('Braid now posts to every account at once');

  await screenshot(page, 'compose-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'compose-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Send to 5 accounts' }).click();
  const lines = page.getByTestId('target-status');
  await expect(lines).toHaveCount(5);
  await expect(lines.and(page.locator('[data-state="posted"]'))).toHaveCount(5, { timeout: 60_000 });
  for (const handle of ['amy@', 'cat@', 'bob@', readers[0]!.handle, readers[1]!.handle]) await expect(lines.filter({ hasText: handle })).toHaveCount(1);
  // The editor starts over; the sent draft leaves the drafts list.
  await expect(page.getByLabel('Post text')).toHaveValue('');
  await expect(page.getByTestId('draft')).toHaveCount(0);
  await screenshot(page, 'compose-sent');

  // Mastodon: one post each, the whole text, the image with its description, linked from its line.
  for (const [server, username] of [[home, 'amy'], [home, 'cat'], [other, 'bob']] as const) {
    const statuses = server.statusesOf(username);
    expect(statuses).toHaveLength(1);
    const status = statuses[0]!;
    for (const paragraph of paragraphs) expect(status.content).toContain(paragraph.slice(0, 40));
    expect(status.media_attachments).toHaveLength(1);
    expect(status.media_attachments[0]!.description).toBe(alt);
    const line = lines.filter({ hasText: `${username}@` });
    await expect(line.getByRole('link')).toHaveCount(1);
    await expect(line.getByRole('link')).toHaveAttribute('href', status.url!);
  }

  // Bluesky: a thread of two, the image (and its alt) on the first post, the second replying to it.
  const reader = new AtpAgent({ service: bluesky.pdsUrl });
  for (const user of readers) {
    const { data } = await reader.com.atproto.repo.listRecords({ repo: user.did, collection: 'app.bsky.feed.post' });
    expect(data.records).toHaveLength(2);
    type PostRecord = { text: string; embed?: { $type: string; images?: { alt: string }[] }; reply?: { root: { uri: string }; parent: { uri: string } } };
    const posts = data.records.map((record) => ({ uri: record.uri, value: record.value as PostRecord }));
    const first = posts.find((post) => !post.value.reply)!;
    const second = posts.find((post) => post.value.reply)!;
    expect(first.value.text).toMatch(/ 1\/2$/);
    expect(second.value.text).toMatch(/ 2\/2$/);
    expect(first.value.embed?.$type).toBe('app.bsky.embed.images');
    expect(first.value.embed?.images?.map((image) => image.alt)).toEqual([alt]);
    expect(second.value.embed).toBeUndefined();
    expect(second.value.reply?.root.uri).toBe(first.uri);
    expect(second.value.reply?.parent.uri).toBe(first.uri);
    await expect(lines.filter({ hasText: user.handle }).getByRole('link')).toHaveCount(2);
  }
  expect(problems).toEqual([]);
});

test('the outbox is still there after a reload: every target posted, nothing sent twice', async ({ page }) => {
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();
  const lines = page.getByTestId('target-status');
  await expect(lines).toHaveCount(5);
  await expect(lines.and(page.locator('[data-state="posted"]'))).toHaveCount(5);
  expect(home.statusesOf('amy')).toHaveLength(1);
  expect(home.statusesOf('cat')).toHaveLength(1);
  expect(other.statusesOf('bob')).toHaveLength(1);
});

test('Home shows the post once: every account’s copy in one item, the Bluesky threads folded in', async ({ page }) => {
  await bluesky.processAll(); // the AppView has indexed the Bluesky copies
  await page.goto(await host.newLaunchUrl());
  const posts = page.getByTestId('post');
  const item = posts.filter({ hasText: paragraphs[0]! });
  await expect(item).toHaveCount(1, { timeout: 20_000 });
  // Before, Home showed seven items for this one post: three Mastodon copies and two threads of two.
  await expect(item.getByTestId('sent-together')).toHaveText(/^Sent to 5 accounts: .* · a thread of 2, shown by its first post$/, { timeout: 20_000 });
  await expect(posts.filter({ hasText: 'Merci, Zoë' })).toHaveCount(1); // the last paragraph: in every copy, or in a folded part
  await expect(posts).toHaveCount(1);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `timeline-sent-together-${scheme}`);
  }
});

test('a followers-only post is refused for Bluesky with the reason shown; without Bluesky, Ctrl+Enter sends it', async ({ page, problems }) => {
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('Post text').fill('Only for the people who follow me.');
  await page.getByLabel('Visibility').selectOption({ label: 'Followers only' });

  const refused = page.getByTestId('target-preview').filter({ hasText: readers[0]!.handle }).getByRole('status');
  await expect(refused).toContainText('Bluesky posts are always public');
  const send = page.getByRole('button', { name: 'Send to 5 accounts' });
  await expect(send).toBeDisabled();
  await expect(page.getByTestId('send-reason')).toContainText(readers[0]!.handle);
  await page.getByLabel('Post text').press('Control+Enter');
  await expect(page.getByTestId('outbox-entry')).toHaveCount(1); // nothing new was sent

  const chips = page.getByRole('group', { name: 'Post as' });
  for (const reader of readers) await chips.getByRole('button', { name: new RegExp(reader.handle.replace('.', '\\.')) }).click();
  await expect(page.getByTestId('target-preview')).toHaveCount(2); // amy and cat's card, bob's
  await expect(page.getByRole('button', { name: 'Send to 3 accounts' })).toBeEnabled();
  await page.getByLabel('Post text').press('Control+Enter');

  const newest = page.getByTestId('outbox-entry').first();
  await expect(newest).toContainText('Only for the people who follow me.');
  await expect(newest.getByTestId('target-status')).toHaveCount(3);
  await expect(newest.getByTestId('target-status').and(page.locator('[data-state="posted"]'))).toHaveCount(3, { timeout: 30_000 });
  for (const [server, username] of [[home, 'amy'], [home, 'cat'], [other, 'bob']] as const) {
    const [latest] = server.statusesOf(username);
    expect(latest?.visibility).toBe('private');
    expect(latest?.content).toContain('Only for the people who follow me.');
  }
  expect(problems).toEqual([]);
});

test('what is typed is saved even when the composer is left at once; a draft reopens and can be deleted', async ({ page, problems }) => {
  const compose = () => page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Compose' }).click();
  await page.goto(await host.newLaunchUrl());
  await compose();
  await page.getByLabel('Post text').fill('Half a thought, left in a hurry');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Home' }).click(); // well within the typing pause
  await page.reload();
  await compose();
  const draft = page.getByTestId('draft').filter({ hasText: 'Half a thought, left in a hurry' });
  await expect(draft).toHaveCount(1);

  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page.getByLabel('Post text')).toHaveValue('');
  await draft.getByRole('button', { name: /^Open draft/ }).click();
  await expect(page.getByLabel('Post text')).toHaveValue('Half a thought, left in a hurry');
  await draft.getByRole('button', { name: /^Delete draft/ }).click();
  await expect(page.getByTestId('draft')).toHaveCount(0);
  await expect(page.getByLabel('Post text')).toHaveValue('');
  await page.reload();
  await compose();
  await expect(page.getByText('No drafts.')).toBeVisible();
  expect(problems).toEqual([]);
});
