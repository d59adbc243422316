import { useEffect } from 'react';
import type { InboxAlert } from '../../../../shared/contract.ts';
import { onEvent } from '../../api.ts';
import { useAppInfo } from '../../state/app-info.ts';

/**
 * Desktop notifications where the window shows them (the browser host): the core's inbox.alert,
 * through the web Notification API once the user allowed it, and never while this window has
 * focus. Where the host shows them itself (Electron), its click arrives as inbox.open.
 */
export function useDesktopAlerts(open: (alert: InboxAlert) => void) {
  const web = useAppInfo().data?.desktopAlerts === 'web';
  useEffect(() => onEvent('inbox.open', open), [open]);
  useEffect(() => {
    if (!web || typeof Notification === 'undefined') return;
    return onEvent('inbox.alert', (alert) => {
      if (document.hasFocus() || Notification.permission !== 'granted') return;
      const shown = new Notification(alert.title, { body: alert.body, tag: alert.key });
      shown.onclick = () => {
        window.focus();
        open(alert);
        shown.close();
      };
    });
  }, [web, open]);
}
