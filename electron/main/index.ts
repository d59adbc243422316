/** Electron's composition root: lifecycle, protocol, IPC, the window. Everything else is in core/. */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, Notification, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { languagePreferenceSchema, themePreferenceSchema, type MenuCommand } from '../../shared/contract.ts';
import { localeOf } from '../../shared/i18n/locales.ts';
import { translator } from '../../shared/i18n/translate.ts';
import { createCore, fileKeyCipher } from '../core/core.ts';
import { dataDirectory } from '../core/paths.ts';
import { readWeakSecretsConsent, writeWeakSecretsConsent } from '../core/settings.ts';
import { openDatabase } from '../core/store/database.ts';
import { askForWeakerStorage, chooseKeyring, keyringCipher } from './secret-cipher.ts';
import { inboxAlertsHandler } from './inbox-alerts.ts';
import { menuTemplate } from './menu.ts';
import { registerIpc } from './ipc.ts';
import { appEntryUrl, appProtocolHandler, appScheme, privilegedSchemes } from './protocol.ts';
import { denyAllPermissions, guardWebContents, openExternalSafely, secureWindowOptions } from './window.ts';

protocol.registerSchemesAsPrivileged(privilegedSchemes);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternalSafely(shell)));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Braid could not start:', error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  const dataDir = dataDirectory();
  const db = openDatabase(dataDir);
  const keyring = chooseKeyring(safeStorage, process.platform, askForWeakerStorage(dialog), readWeakSecretsConsent(db));
  if (keyring === 'refused') return app.quit();
  if (keyring === 'weaker') writeWeakSecretsConsent(db);
  const cipher = keyring === 'keyring' ? keyringCipher(safeStorage) : fileKeyCipher(dataDir);
  const core = createCore({ dataDir, db, cipher, host: 'electron', systemLanguages: () => app.getPreferredSystemLanguages() });
  app.on('will-quit', () => core.close());

  denyAllPermissions(session.defaultSession);
  protocol.handle(appScheme, appProtocolHandler(join(root, 'dist', 'renderer')));
  registerIpc(ipcMain, core.dispatch);

  const setMenu = async () => {
    const language = await core.dispatch('language.get', undefined);
    const words = translator(localeOf(languagePreferenceSchema.catch('system').parse(language.ok ? language.value : 'system'), app.getPreferredSystemLanguages()));
    const toWindow = (command: MenuCommand) => (BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0])?.webContents.send('menu.command', command);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, words, toWindow)));
  };
  await setMenu();
  core.events.subscribe((event, payload) => {
    if (event === 'theme.changed') nativeTheme.themeSource = themePreferenceSchema.parse(payload);
    if (event === 'language.changed') void setMenu();
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
  });
  // Shown notifications are kept until closed: one collected early would lose its click.
  const shown = new Set<Notification>();
  core.events.subscribe(
    inboxAlertsHandler({
      show(alert, onClick) {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ title: alert.title, body: alert.body });
        shown.add(notification);
        notification.on('click', onClick);
        notification.on('close', () => shown.delete(notification));
        notification.show();
      },
      anyWindowFocused: () => BrowserWindow.getFocusedWindow() !== null,
      focusWindow() {
        const [window] = BrowserWindow.getAllWindows();
        if (window?.isMinimized()) window.restore();
        window?.show();
        window?.focus();
      },
      setBadgeCount: (count) => void app.setBadgeCount(count),
      open: (alert) => core.events.emit('inbox.open', alert),
    }),
  );
  const theme = await core.dispatch('theme.get', undefined);
  if (theme.ok) nativeTheme.themeSource = themePreferenceSchema.parse(theme.value);

  const openWindow = () => {
    const window = new BrowserWindow(secureWindowOptions(join(root, 'dist', 'electron', 'preload.cjs')));
    window.once('ready-to-show', () => window.show());
    void window.loadURL(appEntryUrl);
  };
  openWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
}
