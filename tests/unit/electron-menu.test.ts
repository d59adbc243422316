import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../electron/main/menu.ts';
import type { MenuCommand } from '../../shared/contract.ts';
import { translator } from '../../shared/i18n/translate.ts';

const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);

describe('the desktop menu', () => {
  it('is in the user’s language, every item labelled', () => {
    const french = menuTemplate('linux', translator('fr'), () => undefined);
    expect(french.map((menu) => menu.label)).toEqual(['Fichier', 'Édition', 'Présentation', 'Aller', 'Fenêtre', 'Aide']);
    for (const item of items(french)) if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toMatch(/\S/);
    const english = menuTemplate('linux', translator('en'), () => undefined);
    expect(items(english).find((item) => item.role === 'paste')?.label).toBe('Paste');
    expect(items(french).find((item) => item.role === 'paste')?.label).toBe('Coller');
  });

  it('has the editing roles (macOS has no copy and paste without them) and the app menu on macOS only', () => {
    const roles = (platform: NodeJS.Platform) => items(menuTemplate(platform, translator('en'), () => undefined)).map((item) => item.role).filter(Boolean);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']) expect(roles('linux')).toContain(role);
    expect(menuTemplate('darwin', translator('en'), () => undefined)[0]).toMatchObject({ label: 'Braid' });
    expect(roles('darwin')).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(roles('linux')).not.toContain('hide');
  });

  it('sends Braid’s own commands to the window', () => {
    const sent: MenuCommand[] = [];
    const template = menuTemplate('linux', translator('en'), (command) => sent.push(command));
    const click = (id: string) => (items(template).find((item) => item.id === id)?.click as () => void)();
    click('file.newPost');
    click('go.inbox');
    click('keys.help');
    expect(sent).toEqual(['go.compose', 'go.inbox', 'keys.help']);
    expect(items(template).find((item) => item.id === 'file.newPost')?.accelerator).toBe('CmdOrCtrl+N');
  });
});
