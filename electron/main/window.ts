import type { BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { externalUrl } from '../core/base/security.ts';

/** The one set of webPreferences for every Braid window. */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Braid',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** Opens a link in the system browser only if it is a plain http(s) URL. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>) {
  return (candidate: string): boolean => {
    const url = externalUrl(candidate);
    if (url) void shell.openExternal(url.href);
    return url !== null;
  };
}

/**
 * Every web contents: no navigation away from the app (a clicked http(s) link goes to the
 * system browser instead), no new windows, no <webview>.
 */
export function guardWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: (url: string) => boolean,
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications prompt, geolocation …: every permission is refused. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
