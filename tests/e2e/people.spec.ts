/**
 * A person's profile, opened from a post: who they are (bio, a verified field, counts, "follows
 * you"), their posts by tab, and follow and mute as each of your accounts on their network. And
 * finding the people of a Twitter/X export, with only Mastodon accounts signed in.
 */
import { join } from 'node:path';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { writeTwitterExport } from '../support/export-files.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { signInAccounts } from '../support/sign-in-accounts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, postWith, screenshot, test, violations } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const dataDir = tempDir('people-e2e');
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let mastodon: MastodonTestServer;
let host: RunningHost;

test.beforeAll(async () => {
  mastodon = await startMastodonServer({ title: 'Home Social' });
  mastodon.addUser({ username: 'amy', password: 'amy-password-1', displayName: 'Amy' });
  mastodon.addUser({ username: 'bob', password: 'bob-password-1', displayName: 'Bob' });
  mastodon.addUser({ username: 'tom', password: 'tom-password-1', displayName: 'Tom Photographer' });
  mastodon.setProfile('tom', {
    note: 'Bread, light and long walks.',
    fields: [
      { name: 'Website', value: 'https://tom.example/', verifiedAt: new Date('2026-11-01T10:00:00Z') },
      { name: 'Pronouns', value: 'he/him' },
    ],
  });
  mastodon.addRemoteAccount('bob_smith@other.example', { displayName: 'Robert' });
  mastodon.addRemoteAccount('chloe@other.example', { displayName: 'Chloé Ünal 🌸' });
  mastodon.addUser({ username: 'pat', password: 'pat-password-1', displayName: 'Pat Prolific' });
  for (let index = 0; index < 90; index += 1) mastodon.post('pat', { text: `Pat's note number ${index + 1}`, createdAt: minutesAgo(2_000 - index) });
  mastodon.follow('amy', 'tom');
  mastodon.follow('tom', 'amy');
  const amys = mastodon.post('amy', { text: 'Which flour?', createdAt: minutesAgo(60) });
  mastodon.pin('amy', amys.id);
  mastodon.post('tom', { text: 'Rye, always', inReplyToId: amys.id, createdAt: minutesAgo(50) });
  // Not his newest: pinned, it comes first on his Posts tab.
  mastodon.pin('tom', mastodon.post('tom', { text: 'Bread rises faster in a warm kitchen', createdAt: minutesAgo(30) }).id);
  mastodon.post('tom', { text: 'The crust tonight', media: [{ description: 'A dark crust', width: 600, height: 400 }], createdAt: minutesAgo(10) });
  await signInAccounts({
    dataDir: dataDir.path,
    mastodon: [
      { server: mastodon, username: 'amy', password: 'amy-password-1' },
      { server: mastodon, username: 'bob', password: 'bob-password-1' },
    ],
  });
  host = await startHostProcess({ dataDir: dataDir.path });
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  dataDir.remove();
});

test('a name opens the profile; a mute takes their posts out of the timeline; a follow as the second account lands on its server and brings them back in, a block takes them out again', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  const post = postWith(page, 'Bread rises faster');
  await post.getByRole('button', { name: 'Tom Photographer' }).click();

  const person = page.getByTestId('person');
  await expect(person.getByRole('heading', { name: 'Tom Photographer' })).toBeVisible();
  await expect(person).toContainText('Bread, light and long walks.');
  await expect(person.locator('.person-field[data-verified]')).toContainText('Website');
  await expect(person.locator('.person-field[data-verified]')).toContainText('Verified link');
  await expect(person).toContainText('3 posts');
  const host_ = new URL(mastodon.url).host;
  const asAmy = page.getByTestId('relationship').filter({ hasText: `@amy@${host_}` });
  const asBob = page.getByTestId('relationship').filter({ hasText: `@bob@${host_}` });
  await expect(asAmy.getByRole('status')).toHaveText('Following · Follows you');
  await expect(asBob.getByRole('status')).toHaveText('');

  // Tabs: posts without replies (the pinned one first, once), then with them, then pictures only.
  const posts = person.getByRole('tabpanel').getByTestId('post');
  const pinnedLabels = person.getByRole('tabpanel').getByText('Pinned', { exact: true });
  await expect(posts).toHaveCount(2);
  await expect(posts.first()).toContainText('Bread rises faster');
  await expect(posts.first().getByText('Pinned', { exact: true })).toBeVisible();
  await expect(pinnedLabels).toHaveCount(1);
  await expect(posts.nth(1)).toContainText('The crust tonight');
  await person.getByRole('tab', { name: 'Posts and replies' }).click();
  await expect(posts).toHaveCount(3);
  await expect(posts.first()).toContainText('The crust tonight');
  await expect(pinnedLabels).toHaveCount(0);
  await person.getByRole('tab', { name: 'Media' }).click();
  await expect(posts).toHaveCount(1);
  await expect(posts).toContainText('The crust tonight');
  expect(await violations(page), 'profile').toEqual([]);
  await screenshot(page, 'person-profile');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'person-profile-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A mute is amy's own: her part of the timeline loses Tom's posts.
  await asAmy.getByRole('button', { name: 'Mute' }).click();
  await expect(asAmy.getByRole('status')).toHaveText('Following · Follows you · Muted');
  expect(mastodon.isMuting('amy', 'tom')).toBe(true);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(postWith(page, 'Which flour?')).toHaveCount(1);
  await expect(postWith(page, 'Bread rises faster')).toHaveCount(0);

  // Forward to the profile again: bob, who did not follow Tom, follows him.
  await page.goForward();
  await asBob.getByRole('button', { name: 'Follow' }).click();
  await expect(asBob.getByRole('status')).toHaveText('Following');
  expect(mastodon.isFollowing('bob', 'tom')).toBe(true);
  // The follow reads bob's timeline again: Tom's posts come in at once, as bob's.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(postWith(page, 'Bread rises faster')).toHaveCount(1, { timeout: 15_000 });

  // A block as bob takes them out again.
  await page.goForward();
  await asBob.getByRole('button', { name: 'Block' }).click();
  await expect(asBob.getByRole('status')).toContainText('Blocked');
  expect(mastodon.isBlocking('bob', 'tom')).toBe(true);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(postWith(page, 'Which flour?')).toHaveCount(1);
  await expect(postWith(page, 'Bread rises faster')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('u on a selected post opens its author’s profile', async ({ page }) => {
  await page.goto(await host.newLaunchUrl());
  const post = postWith(page, 'Which flour?');
  await expect(post).toHaveCount(1);
  await post.focus(); // as Tab would reach it: u acts on the focused post, even before the list has re-rendered
  await page.keyboard.press('u');
  await expect(page.getByTestId('person').getByRole('heading', { name: 'Amy' })).toBeVisible({ timeout: 15_000 });
});

test('the profile in French: its words, axe in both themes, screenshots', async ({ page, problems }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.evaluate(() => window.braid!.invoke('language.set', 'fr'));
  try {
    const post = postWith(page, 'Which flour?');
    await expect(post).toHaveCount(1);
    await post.focus();
    await page.keyboard.press('u');
    const person = page.getByTestId('person');
    await expect(page.getByRole('heading', { name: 'Profil', exact: true })).toBeVisible();
    await expect(person.getByRole('tab', { name: 'Publications et réponses' })).toBeVisible();
    // Amy's own profile: only bob can follow her from here.
    await expect(person.getByTestId('relationship')).toHaveCount(1);
    const posts = person.getByRole('tabpanel').getByTestId('post');
    await expect(posts).toHaveCount(1);
    await expect(posts.first().getByText('Épinglé', { exact: true })).toBeVisible();
    expect(await violations(page), 'profil').toEqual([]);
    await screenshot(page, 'fr-person-profile');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'fr-person-profile-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  } finally {
    await page.evaluate(() => window.braid!.invoke('language.set', 'system'));
  }
  expect(problems).toEqual([]);
});

test('a Twitter/X export chosen in the window: its people found by username and name, each a maybe to open, none to tick', async ({ page, problems }) => {
  const file = join(dataDir.path, 'twitter-export.zip');
  await writeTwitterExport(file, { count: 2, follows: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(await host.newLaunchUrl());
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByTestId('find-people-link').click();
  // Two Mastodon accounts and no other network: the export is the way to look.
  await expect(page.getByText('Add an account on another network first')).toBeVisible();
  await page.getByLabel('Twitter/X export (.zip)').setInputFiles(file);
  await page.getByTestId('find-export-run').click();
  const robert = page.locator('[data-testid="find-candidate"][data-handle="bob_smith@other.example"]');
  await expect(robert).toHaveAttribute('data-confidence', 'maybe', { timeout: 30_000 });
  await expect(robert).toContainText('Same username only');
  await expect(robert).toContainText('On Twitter/X:');
  await expect(page.locator('[data-testid="find-candidate"][data-handle="chloe@other.example"]')).toContainText('Same name only');
  await expect(page.getByTestId('find-results').getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('find-results')).toContainText('3 people of the export had no username or name');
  expect(await violations(page), 'find people from an export').toEqual([]);
  await screenshot(page, 'find-people-export');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'find-people-export-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await robert.getByRole('button', { name: 'Profile' }).click();
  await expect(page.getByTestId('person').getByRole('heading', { name: 'Robert' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a profile’s older posts load as its end scrolls near, page after page, to the last', async ({ page }) => {
  await page.goto(await host.newLaunchUrl());
  await expect(postWith(page, 'Which flour?')).toHaveCount(1);
  const amy = await page.evaluate(async () => {
    const listed = await window.braid!.invoke('accounts.list');
    return listed.ok ? listed.value.find((account) => account.handle.startsWith('amy@'))!.id : '';
  });
  await page.evaluate((path) => (location.hash = path), `#/people/${encodeURIComponent(amy)}/${encodeURIComponent(`pat@${new URL(mastodon.url).host}`)}`);
  const person = page.getByTestId('person');
  const posts = person.getByRole('tabpanel').getByTestId('post');
  await expect(posts.first()).toContainText('number 90');
  for (const seen of [40, 80]) {
    await expect(posts).toHaveCount(seen, { timeout: 15_000 });
    await posts.last().scrollIntoViewIfNeeded();
  }
  await expect(posts).toHaveCount(90, { timeout: 15_000 });
  await expect(posts.last()).toContainText('number 1');
  await expect(person).toContainText('That is every post their server shows.');
});
