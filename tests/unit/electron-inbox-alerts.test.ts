import { describe, expect, it } from 'vitest';
import type { InboxAlert } from '../../shared/contract.ts';
import { inboxAlertsHandler, type InboxAlertHost } from '../../electron/main/inbox-alerts.ts';

const alert: InboxAlert = { key: 'a 1', title: 'Cat mentioned you (@amy@social.example)', body: 'hello', postKeys: ['mastodon https://social.example/1'] };

function fakeHost(focused: boolean) {
  const calls: string[] = [];
  let click = () => undefined as void;
  const host: InboxAlertHost = {
    show: (shown, onClick) => {
      calls.push(`show ${shown.title}`);
      click = onClick;
    },
    anyWindowFocused: () => focused,
    focusWindow: () => calls.push('focus'),
    setBadgeCount: (count) => calls.push(`badge ${count}`),
    open: (opened) => calls.push(`open ${opened.postKeys.join(' ')}`),
  };
  return { host, calls, click: () => click() };
}

describe('inbox alerts in Electron', () => {
  it('shows a notification while no window has focus; its click brings the window and opens the post', () => {
    const { host, calls, click } = fakeHost(false);
    inboxAlertsHandler(host)('inbox.alert', alert);
    expect(calls).toEqual(['show Cat mentioned you (@amy@social.example)']);
    click();
    expect(calls.slice(1)).toEqual(['focus', 'open mastodon https://social.example/1']);
  });

  it('shows none while a window has focus', () => {
    const { host, calls } = fakeHost(true);
    inboxAlertsHandler(host)('inbox.alert', alert);
    expect(calls).toEqual([]);
  });

  it('puts the unread count on the app badge, and ignores other events', () => {
    const { host, calls } = fakeHost(true);
    const handle = inboxAlertsHandler(host);
    handle('inbox.changed', { from: 1, to: 2, changes: [], accounts: [], unread: 3 });
    handle('theme.changed', 'dark');
    expect(calls).toEqual(['badge 3']);
  });
});
