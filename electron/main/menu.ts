import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract.ts';
import type { Translate } from '../../shared/i18n/translate.ts';

/**
 * The desktop app's menu in the user's language. Editing, zoom and window items are Electron's
 * roles (they act on the focused window; without an Edit menu macOS has no copy and paste);
 * Braid's own commands go to the window as `menu.command`.
 */
export function menuTemplate(platform: NodeJS.Platform, words: Translate, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, what: MenuCommand, accelerator?: string, id: string = what): MenuItemConstructorOptions => ({
    id,
    label,
    click: () => send(what),
    ...(accelerator ? { accelerator } : {}),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const app: MenuItemConstructorOptions = {
    label: 'Braid',
    submenu: [
      { role: 'about', label: words('menu.about') },
      separator,
      { role: 'hide', label: words('menu.hide') },
      { role: 'hideOthers', label: words('menu.hideOthers') },
      { role: 'unhide', label: words('menu.showAll') },
      separator,
      { role: 'quit', label: words('menu.quit') },
    ],
  };
  return [
    ...(mac ? [app] : []),
    {
      label: words('menu.file'),
      submenu: [
        command(words('menu.newPost'), 'go.compose', 'CmdOrCtrl+N', 'file.newPost'),
        separator,
        { role: 'close', label: words('menu.closeWindow') },
        ...(mac ? [] : [{ role: 'quit', label: words('menu.quit') } as const]),
      ],
    },
    {
      label: words('menu.edit'),
      submenu: [
        { role: 'undo', label: words('menu.undo') },
        { role: 'redo', label: words('menu.redo') },
        separator,
        { role: 'cut', label: words('menu.cut') },
        { role: 'copy', label: words('menu.copy') },
        { role: 'paste', label: words('menu.paste') },
        { role: 'selectAll', label: words('menu.selectAll') },
      ],
    },
    {
      label: words('menu.view'),
      submenu: [
        { role: 'reload', label: words('menu.reload') },
        separator,
        { role: 'resetZoom', label: words('menu.actualSize') },
        { role: 'zoomIn', label: words('menu.zoomIn') },
        { role: 'zoomOut', label: words('menu.zoomOut') },
        separator,
        { role: 'togglefullscreen', label: words('menu.fullScreen') },
      ],
    },
    {
      label: words('menu.go'),
      submenu: [
        command(words('app.page.home'), 'go.home', 'CmdOrCtrl+1'),
        command(words('app.page.inbox'), 'go.inbox', 'CmdOrCtrl+2'),
        command(words('app.page.compose'), 'go.compose', 'CmdOrCtrl+3'),
        command(words('app.page.search'), 'go.search', 'CmdOrCtrl+K'),
        command(words('app.page.archive'), 'go.archive', 'CmdOrCtrl+4'),
        command(words('app.page.accounts'), 'go.accounts', 'CmdOrCtrl+5'),
      ],
    },
    {
      label: words('menu.window'),
      submenu: [{ role: 'minimize', label: words('menu.minimize') }, ...(mac ? [{ role: 'zoom', label: words('menu.zoomWindow') } as const] : [])],
    },
    { role: 'help', label: words('menu.help'), submenu: [command(words('menu.keys'), 'keys.help', 'F1')] },
  ];
}
