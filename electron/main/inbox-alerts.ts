import type { EventName, EventPayload, InboxAlert } from '../../shared/contract.ts';

export interface InboxAlertHost {
  /** Shows a desktop notification; `onClick` when the user clicks it. */
  show(alert: InboxAlert, onClick: () => void): void;
  anyWindowFocused(): boolean;
  /** Brings Braid's window to the front. */
  focusWindow(): void;
  /** The app's badge (dock, taskbar, launcher), where the desktop has one. */
  setBadgeCount(count: number): void;
  /** Tells the windows to open what a clicked notification was about (inbox.open). */
  open(alert: InboxAlert): void;
}

/**
 * The desktop's part of the inbox in Electron: the unread count on the app's badge, and the core's
 * inbox.alert as a native notification only while no Braid window has focus; a click brings the
 * window forward and opens the conversation (or the inbox).
 */
export function inboxAlertsHandler(host: InboxAlertHost) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (event === 'inbox.changed') host.setBadgeCount((payload as EventPayload<'inbox.changed'>).unread);
    if (event !== 'inbox.alert' || host.anyWindowFocused()) return;
    const alert = payload as EventPayload<'inbox.alert'>;
    host.show(alert, () => {
      host.focusWindow();
      host.open(alert);
    });
  };
}
