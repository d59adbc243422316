/**
 * Accounts end to end: Braid's browser host (its own process, real core) in Chromium, against the
 * Mastodon test server and the real local Bluesky network. The tests run in order and build on
 * each other: four accounts are added, Braid restarts, one account is revoked on its server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, BrowserContext } from '@playwright/test';
import { aesCipher, parseKey } from '../../electron/core/secrets/aes-cipher.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startBlueskyNetwork, type BlueskyNetwork, type BlueskyUser } from '../support/bluesky-network.ts';
import { startHostProcess, type RunningHost } from '../support/browser-host-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, screenshot, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial', timeout: 90_000 });

const secretKey = randomBytes(32).toString('hex');
const dataDir = tempDir('accounts-e2e');
const alice = { username: 'alice', password: 'wonderland-123', displayName: 'Alice Liddell' };
const bob = { username: 'bob', password: 'builder-456', displayName: 'Bob' };
let mastodon: MastodonTestServer;
let bluesky: BlueskyNetwork;
let carol: BlueskyUser;
let dave: BlueskyUser;
let host: RunningHost;
const frames: string[] = [];

const startHost = () =>
  startHostProcess({
    dataDir: dataDir.path,
    env: { BRAID_SECRET_KEY: secretKey, BRAID_BLUESKY_PLC_URL: bluesky.plcUrl, BRAID_BLUESKY_ENTRYWAY: bluesky.pdsUrl },
  });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  mastodon = await startMastodonServer({ title: 'Test Social' });
  mastodon.addUser(alice);
  mastodon.addUser(bob);
  bluesky = await startBlueskyNetwork();
  carol = await bluesky.createUser({ handle: 'carol.test', displayName: 'Carol on Bluesky' });
  dave = await bluesky.createUser({ handle: 'dave.test', displayName: 'Dave' });
  await bluesky.processAll();
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
  await mastodon?.close();
  await bluesky?.close();
  dataDir.remove();
});

/** Opens Braid, recording every frame the page receives from the core. */
async function openBraid(page: Page) {
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await page.goto(await host.newLaunchUrl());
  await expect(page.getByTestId('app-info')).toContainText('browser host');
}

async function approveInPopup(context: BrowserContext, page: Page, who: { username: string; password: string }, decision = 'Authorize') {
  const popupOpened = context.waitForEvent('page');
  await page.getByTestId('authorize-link').click();
  const popup = await popupOpened;
  await popup.getByLabel('Username').fill(who.username);
  await popup.getByLabel('Password').fill(who.password);
  await popup.getByRole('button', { name: decision }).click();
  return popup;
}

const card = (page: Page, handle: string) => page.getByTestId('account-card').filter({ hasText: `@${handle}` });

test('adds a Mastodon account through the browser and the loopback redirect', async ({ page, context, problems }) => {
  await openBraid(page);
  await page.getByRole('button', { name: 'Add Mastodon account' }).click();
  await page.getByLabel('Your Mastodon server').fill(mastodon.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `sign-in-mastodon-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Sign in with your browser' }).click();
  await expect(page.getByText(/Waiting for 127\.0\.0\.1:\d+/)).toBeVisible();
  await screenshot(page, 'sign-in-mastodon-waiting-light');

  const popup = await approveInPopup(context, page, alice);
  await expect(popup.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  const host127 = new URL(mastodon.url).host;
  await expect(card(page, `alice@${host127}`)).toContainText('Signed in');
  await expect(card(page, `alice@${host127}`)).toContainText('Mastodon');
  expect(problems).toEqual([]);
});

test('adds a second Mastodon account with the out-of-band code', async ({ page, context }) => {
  await openBraid(page);
  await page.getByTestId('add-account').click();
  await page.getByLabel('Your Mastodon server').fill(mastodon.url);
  await page.getByRole('button', { name: 'Sign in with a code instead' }).click();
  const popup = await approveInPopup(context, page, bob);
  const code = await popup.locator('#authorization-code').inputValue();
  expect(code).toBeTruthy();
  await page.getByLabel(/Code from/).fill('wrong-code');
  await page.getByRole('button', { name: 'Finish signing in' }).click();
  await expect(page.getByRole('alert')).toContainText('did not accept this code');
  await page.getByLabel(/Code from/).fill(code);
  await page.getByRole('button', { name: 'Finish signing in' }).click();
  await expect(card(page, `bob@${new URL(mastodon.url).host}`)).toContainText('Signed in');
});

test('adds two Bluesky accounts on the local network with app passwords', async ({ page }) => {
  await openBraid(page);
  for (const user of [carol, dave]) {
    await page.getByTestId('add-account').click();
    await page.getByRole('tab', { name: 'Bluesky' }).click();
    await page.getByRole('button', { name: 'Use an app password instead' }).click();
    await page.getByLabel('Handle or e-mail').fill(user.handle);
    await page.getByLabel('App password').fill(user.appPassword);
    if (user === carol) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `sign-in-bluesky-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(card(page, user.handle)).toContainText('Signed in');
  }
  await expect(card(page, carol.handle)).toContainText('Carol on Bluesky');
  expect(bluesky.createSessionCount(carol)).toBe(1);
  expect(bluesky.createSessionCount(dave)).toBe(1);
});

test('each failure shows its own message', async ({ page, context }) => {
  await openBraid(page);
  await page.getByTestId('add-account').click();
  const mastodonError = async (server: string) => {
    await page.getByLabel('Your Mastodon server').fill(server);
    await page.getByRole('button', { name: 'Sign in with your browser' }).click();
    return page.getByRole('alert');
  };

  const closed: Server = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  closed.close();
  await expect(await mastodonError(`http://127.0.0.1:${closedPort}`)).toHaveText(`Could not reach 127.0.0.1:${closedPort}: the connection was refused.`);

  const broken: Server = createServer((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  await expect(await mastodonError(`http://127.0.0.1:${(broken.address() as AddressInfo).port}`)).toContainText('error page instead of data (HTTP 502)');
  broken.close();

  await expect(await mastodonError('http://mastodon.social')).toContainText('https only');

  await page.getByLabel('Your Mastodon server').fill(mastodon.url);
  await page.getByRole('button', { name: 'Sign in with your browser' }).click();
  await approveInPopup(context, page, alice, 'Deny');
  await expect(page.getByRole('alert')).toHaveText('You declined access on the server’s page.');
  await page.getByRole('button', { name: 'Start again' }).click();

  await page.getByRole('tab', { name: 'Bluesky' }).click();
  await page.getByLabel('Handle or e-mail').fill('nobody.test');
  await page.getByRole('button', { name: 'Sign in with your browser' }).click();
  await expect(page.getByRole('alert')).toContainText('nobody.test');
  await page.getByRole('button', { name: 'Use an app password instead' }).click();
  await page.getByLabel('Handle or e-mail').fill(carol.handle);
  await page.getByLabel('App password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong handle or password');
  await screenshot(page, 'sign-in-bluesky-error-light');
  await page.getByLabel('Handle or e-mail').fill('nobody.test');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('No Bluesky account has the handle @nobody.test.');
});

test('after a restart every account is still signed in, with no new Bluesky createSession', async ({ page }) => {
  const sessionsBefore = bluesky.createSessionCount();
  await host.stop();
  host = await startHost();
  await openBraid(page);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByTestId('account-card')).toHaveCount(4);
  for (const status of await page.getByTestId('account-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status')))) {
    expect(status).toBe('ok');
  }
  expect(bluesky.createSessionCount()).toBe(sessionsBefore);
});

test('an account revoked on its server asks to sign in again; the others keep working', async ({ page }) => {
  mastodon.revokeTokensOf('bob');
  await bluesky.revokeAppPasswords(dave.did);
  await openBraid(page);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Accounts' }).click();
  const bobCard = card(page, `bob@${new URL(mastodon.url).host}`);
  await expect(bobCard).toContainText('Needs sign-in');
  await expect(card(page, dave.handle)).toContainText('Needs sign-in');
  await expect(card(page, `alice@${new URL(mastodon.url).host}`)).toContainText('Signed in');
  await expect(card(page, carol.handle)).toContainText('Signed in');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `accounts-${scheme}`);
  }
  await bobCard.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Your Mastodon server')).toHaveValue(new URL(mastodon.url).host);
});

test('nothing secret ever reached the page or the host’s output', async () => {
  const cipher = aesCipher(parseKey(secretKey), 'test');
  const stored = JSON.parse(readFileSync(join(dataDir.path, 'secrets.json'), 'utf8')) as { entries: Record<string, string> };
  const decrypted = Object.entries(stored.entries).map(([key, value]) => cipher.decrypt(value, key));
  const blueskyTokens = decrypted.flatMap((text) => [...text.matchAll(/"(?:accessJwt|refreshJwt)":"([^"]+)"/g)].map((m) => m[1]!));
  expect(blueskyTokens.length).toBeGreaterThanOrEqual(2);
  const secrets = [...mastodon.secrets(), ...blueskyTokens, carol.appPassword, dave.appPassword, alice.password, bob.password, secretKey];
  const seen = [...frames, host.output()].join('\n');
  expect(frames.length).toBeGreaterThan(10);
  expect(secrets.filter((secret) => secret.length >= 8 && seen.includes(secret))).toEqual([]);
});
