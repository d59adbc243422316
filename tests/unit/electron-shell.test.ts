/**
 * The Electron shell, tested with fake Electron objects: its binary cannot run here, but every
 * setting and guard it applies can be asserted.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { channelNames, ok } from '../../shared/contract.ts';
import { contentSecurityPolicy } from '../../electron/core/base/security.ts';
import { isTrustedSender, registerIpc } from '../../electron/main/ipc.ts';
import { appEntryUrl, appProtocolHandler, privilegedSchemes } from '../../electron/main/protocol.ts';
import { denyAllPermissions, guardWebContents, openExternalSafely, secureWindowOptions } from '../../electron/main/window.ts';

describe('the BrowserWindow', () => {
  const prefs = secureWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;

  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });
});

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  };
  const fire = (name: string, url = '') => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event.preventDefault;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation and new windows', () => {
  it('cancels every navigation and sends only http(s) links to the system browser', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const { contents, fire } = fakeContents();
    guardWebContents(contents, openExternalSafely(shell));

    expect(fire('will-navigate', 'https://example.org/post/1')).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/post/1');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://braid/other.html', 'https://user:pw@example.org/']) {
      expect(fire('will-navigate', url)).toHaveBeenCalled();
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(fire('will-redirect', 'https://elsewhere.example/')).toHaveBeenCalled();
    expect(fire('will-attach-webview')).toHaveBeenCalled();
  });

  it('denies window.open, handing safe links to the system browser', () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const { contents, open } = fakeContents();
    guardWebContents(contents, openExternalSafely(shell));
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    expect(open('file:///home/me/.ssh/id_rsa')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });
});

describe('permissions', () => {
  it('refuses every permission request, check and device', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    denyAllPermissions(session);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect((session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
  });
});

describe('IPC', () => {
  const topFrame = { url: 'app://braid/index.html', parent: null };

  function register() {
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = { handle: (channel: string, fn: never) => handlers.set(channel, fn) };
    const dispatch = vi.fn(async () => ok('dark'));
    registerIpc(ipcMain, dispatch);
    return { handlers, dispatch };
  }

  it('handles exactly the contract’s channels', () => {
    expect([...register().handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('passes calls from the top frame of app://braid to the core', async () => {
    const { handlers, dispatch } = register();
    await expect(handlers.get('theme.get')!({ senderFrame: topFrame }, undefined)).resolves.toEqual(ok('dark'));
    expect(dispatch).toHaveBeenCalledWith('theme.get', undefined);
  });

  it('refuses calls from a subframe, a foreign origin, or no frame', async () => {
    const { handlers, dispatch } = register();
    const senders = [
      { url: 'app://braid/index.html', parent: topFrame },
      { url: 'https://evil.example/', parent: null },
      { url: 'app://braid.evil/index.html', parent: null },
      { url: 'file:///app/index.html', parent: null },
      null,
    ];
    for (const senderFrame of senders) {
      await expect(handlers.get('accounts.list')!({ senderFrame }, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'braid-app-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Braid</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const handle = appProtocolHandler(renderer);

  it('is registered as a standard, secure scheme whose compiled code is kept', () => {
    expect(privilegedSchemes).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } }]);
    expect(appEntryUrl).toBe('app://braid/index.html');
  });

  it('serves the built renderer with the CSP', async () => {
    const page = await handle(new Request(appEntryUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const script = await handle(new Request('app://braid/assets/app.js'));
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves nothing outside the renderer folder or from another host', async () => {
    for (const url of ['app://braid/../secret.txt', 'app://braid/%2e%2e/secret.txt', 'app://braid/..%2fsecret.txt', 'app://other/index.html', 'app://braid/missing.js']) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
  });
});

describe('the CSP', () => {
  it('allows scripts only from the app and forbids plugins and base rewriting', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("base-uri 'none'");
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
  });
});
