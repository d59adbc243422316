import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures.ts';

test.describe('the browser host stays closed', () => {
  test('a visit without the launch secret gets nothing but an explanation', async ({ page, host }) => {
    const response = await page.goto(host.origin);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Open Braid with the link it printed');
    expect(await page.evaluate(() => 'braid' in window)).toBe(false);
  });

  test('a wrong secret is refused', async ({ page, host }) => {
    const response = await page.goto(`${host.origin}/?token=not-the-secret`);
    expect(response?.status()).toBe(401);
  });

  test('a launch link opens Braid once: from history it is refused, and the page keeps working without it', async ({ page, host }) => {
    const link = await host.newLaunchUrl();
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
    await expect(page).toHaveURL(`${host.origin}/`); // neither the secret nor the socket token stays in the address bar
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();
    const again = await page.goto(link);
    expect(again?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('used already');
  });

  test('a page from another origin cannot open the socket, even in a signed-in browser', async ({ page, host }) => {
    await page.goto(await host.newLaunchUrl()); // the browser now holds the session cookie
    await expect(page.getByRole('heading', { name: 'Add your first account' })).toBeVisible();

    const foreign: Server = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = foreign.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      const socketUrl = `${host.origin.replace('http', 'ws')}/__braid/socket`;
      const outcome = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () => resolve('open');
            socket.onerror = () => resolve('refused');
          }),
        socketUrl,
      );
      expect(outcome).toBe('refused');
      const read = await page.evaluate(
        (url) => fetch(url, { credentials: 'include' }).then(() => 'read', () => 'blocked'),
        `${host.origin}/`,
      );
      expect(read).toBe('blocked');
    } finally {
      foreign.close();
    }
  });
});
