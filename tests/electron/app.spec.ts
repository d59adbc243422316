/**
 * The desktop app itself, through Playwright's Electron driver. Runs where an Electron binary
 * exists (`npm run test:electron`); on machines without one every test reports
 * "skipped: no Electron binary" instead of passing.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.ts';
import { tempDir } from '../support/temp-dir.ts';

const binary = electronBinary();
test.skip(binary === null, 'skipped: no Electron binary');

let app: ElectronApplication;
const data = tempDir('electron');

test.beforeAll(async () => {
  app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, BRAID_DATA_DIR: data.path } });
});
test.afterAll(async () => {
  await app?.close();
  data.remove();
});

test('shows the first screen from app://braid', async () => {
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
  expect(window.url()).toBe('app://braid/index.html');
  await expect(window.getByTestId('app-info')).toContainText('desktop app');
});

test('the window runs sandboxed, isolated, without Node', async () => {
  const page = await app.firstWindow();
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys(window.braid ?? {}).sort())).toEqual(['invoke', 'on']);
});

test('a contract call round-trips over IPC and unknown channels are refused', async () => {
  const page = await app.firstWindow();
  expect(await page.evaluate(() => window.braid!.invoke('app.info'))).toMatchObject({ ok: true, value: { host: 'electron' } });
  expect(await page.evaluate(() => (window.braid!.invoke as (c: string) => Promise<unknown>)('shell.exec'))).toMatchObject({ ok: false });
});

test('navigation away from the app is cancelled', async () => {
  const window = await app.firstWindow();
  await window.evaluate(() => {
    location.href = 'https://example.org/';
  });
  await window.waitForTimeout(200);
  expect(window.url()).toBe('app://braid/index.html');
});

test('the menu speaks the chosen language, and its Go items move the window', async () => {
  const window = await app.firstWindow();
  await window.evaluate(() => globalThis.window.braid!.invoke('language.set', 'fr'));
  await expect
    .poll(() => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []))
    .toContain('Édition');
  await app.evaluate(({ Menu }) => {
    Menu.getApplicationMenu()?.getMenuItemById('go.accounts')?.click();
  });
  await expect(window).toHaveURL(/\/accounts$/);
  await window.evaluate(() => globalThis.window.braid!.invoke('language.set', 'system'));
});
