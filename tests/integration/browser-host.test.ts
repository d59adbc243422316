import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../../electron/core/core.ts';
import { contentSecurityPolicy } from '../../electron/core/base/security.ts';
import { socketPath } from '../../electron/web/protocol.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/web/server.ts';
import { tempDir } from '../support/temp-dir.ts';

let socketToken = '';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the socket with the given headers; resolves with the socket or the refusal's status. */
function openSocket(host: BrowserHost, headers: Record<string, string>, token = socketToken): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}${socketPath}?token=${token}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

function callOver(socket: WebSocket, id: number, channel: string, payload?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (message.type === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message.result);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, channel, payload }));
  });
}

describe('the browser host', () => {
  const dir = tempDir('web');
  let core: Core;
  let host: BrowserHost;
  let cookie: string;
  let own: Record<string, string>;
  let clock = Date.parse('2026-12-03T10:00:00Z');

  beforeAll(async () => {
    const renderer = join(dir.path, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>Braid</title></head><body></body></html>');
    mkdirSync(join(renderer, 'assets'));
    writeFileSync(join(renderer, 'assets', 'index-Abc123.js'), 'console.log("built")');
    writeFileSync(join(dir.path, 'bridge.js'), 'window.braidBridgeLoaded = true;');
    writeFileSync(join(dir.path, 'secret.txt'), 'never served');
    core = createCore({ dataDir: join(dir.path, 'data'), host: 'browser', log: () => undefined });
    host = await startBrowserHost({ core, rendererDir: renderer, bridgeScript: join(dir.path, 'bridge.js'), secret: 'launch-secret', now: () => clock });
    const launch = await get(host.origin, '/?token=launch-secret');
    cookie = String(launch.headers['set-cookie']?.[0]).split(';')[0]!;
    own = { Cookie: cookie, Origin: host.origin };
    socketToken = /#braid-socket=([\w-]+)$/.exec(String(launch.headers.location))?.[1] ?? '';
  });

  afterAll(async () => {
    await host.close();
    core.close();
    dir.remove();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.launchUrl).toBe(`${host.origin}/?token=launch-secret`);
  });

  it('trades a launch secret, once, for an HttpOnly, SameSite=Lax cookie of this port, and hands the socket token over in the fragment', async () => {
    const link = new URL(host.newLaunchUrl());
    const launch = await get(host.origin, `/${link.search}`);
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe(`/#braid-socket=${socketToken}`);
    expect(socketToken).toMatch(/^[\w-]{40,}$/);
    const { port } = new URL(host.origin);
    expect(launch.headers['set-cookie']?.[0]).toMatch(new RegExp(`^braid_session_${port}=[\\w-]{40,}; HttpOnly; SameSite=Lax; Path=/$`));
    expect(launch.headers['set-cookie']?.[0]).not.toContain(link.searchParams.get('token'));
    // The same link again (from the browser's history, say) opens nothing.
    const again = await get(host.origin, `/${link.search}`);
    expect(again.status).toBe(401);
    expect(again.body).toContain('used already');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('lets a launch link go unused for ten minutes at most', async () => {
    const link = new URL(host.newLaunchUrl());
    clock += 10 * 60_000 + 1;
    expect((await get(host.origin, `/${link.search}`)).status).toBe(401);
    const fresh = new URL(host.newLaunchUrl());
    expect((await get(host.origin, `/${fresh.search}`)).status).toBe(303);
  });

  it('refuses a wrong secret, and every request without the session', async () => {
    expect((await get(host.origin, '/?token=guess')).status).toBe(401);
    expect((await get(host.origin, '/')).status).toBe(401);
    expect((await get(host.origin, '/__braid/bridge.js')).status).toBe(401);
    expect((await get(host.origin, '/', { Cookie: `braid_session_${new URL(host.origin).port}=forged` })).status).toBe(401);
  });

  it('serves the page with its bridge, the CSP and no caching, and no socket token in it', async () => {
    const page = await get(host.origin, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<head><script src="\/__braid\/bridge.js"><\/script>/);
    expect(page.body).not.toContain(socketToken);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    const bridge = await get(host.origin, '/__braid/bridge.js', { Cookie: cookie });
    expect(bridge.body).toContain('braidBridgeLoaded');
    expect(bridge.headers['cache-control']).toBe('no-store');
  });

  it('lets the browser keep the files the build names by their content, only with the session', async () => {
    const script = await get(host.origin, '/assets/index-Abc123.js', { Cookie: cookie });
    expect(script.body).toBe('console.log("built")');
    expect(script.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await get(host.origin, '/assets/index-Abc123.js')).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding), even with the session', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${new URL(host.origin).port}`, `localhost:${new URL(host.origin).port}`]) {
      expect((await get(host.origin, '/', { Cookie: cookie, Host: hostHeader })).status).toBe(403);
    }
  });

  it('never serves files outside the renderer', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await get(host.origin, path, { Cookie: cookie })).status).toBe(404);
    }
  });

  it('refuses the socket without the session, from a foreign Origin, or to another Host', async () => {
    expect(await openSocket(host, { Origin: host.origin })).toBe(401);
    expect(await openSocket(host, { Origin: 'http://evil.example', Cookie: cookie })).toBe(403);
    expect(await openSocket(host, { Origin: 'http://127.0.0.1:1', Cookie: cookie })).toBe(403);
    expect(await openSocket(host, { Cookie: cookie })).toBe(403);
    expect(await openSocket(host, { ...own, Host: 'evil.example' })).toBe(403);
    // The session cookie alone is not enough (cookies reach every port of 127.0.0.1): the page's token is needed too.
    expect(await openSocket(host, own, '')).toBe(401);
    expect(await openSocket(host, own, 'forged')).toBe(401);
  });

  it('gives a listener on another port that received the cookie nothing that opens the socket', async () => {
    // What such a listener can do: replay the cookie with its own Host and Origin headers, read
    // every file it can, and try whatever looks like a token.
    const page = await get(host.origin, '/', { Cookie: cookie });
    const bridge = await get(host.origin, '/__braid/bridge.js', { Cookie: cookie });
    const candidates = [...`${page.body} ${bridge.body}`.matchAll(/[\w-]{32,}/g)].map((match) => match[0]);
    expect(candidates).not.toContain(socketToken);
    for (const token of [...candidates, 'launch-secret', cookie.split('=')[1]!]) expect(await openSocket(host, own, token)).toBe(401);
  });

  it('survives malformed upgrade requests and sockets reset mid-refusal', async () => {
    const { connect } = await import('node:net');
    const { port } = new URL(host.origin);
    for (const request of [`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, `GET ${socketPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://evil.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`]) {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(request);
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await get(host.origin, '/', { Cookie: cookie })).status).toBe(200);
  });

  it('round-trips contract calls and pushes events to the page', async () => {
    const socket = (await openSocket(host, own)) as WebSocket;
    expect(socket).toBeInstanceOf(WebSocket);
    await expect(callOver(socket, 1, 'app.info')).resolves.toMatchObject({ ok: true, value: { name: 'Braid', host: 'browser' } });

    const event = new Promise((resolve) =>
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type: string };
        if (message.type === 'event') resolve(message);
      }),
    );
    await expect(callOver(socket, 2, 'theme.set', 'dark')).resolves.toEqual({ ok: true, value: 'dark' });
    await expect(event).resolves.toEqual({ type: 'event', event: 'theme.changed', payload: 'dark' });
    await expect(callOver(socket, 3, 'theme.set', 'purple')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(callOver(socket, 4, 'fs.read', '/etc/passwd')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    socket.close();
  });

  it('closes a socket that sends something other than a call', async () => {
    const socket = (await openSocket(host, own)) as WebSocket;
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1007);
  });
});
