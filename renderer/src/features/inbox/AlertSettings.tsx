import { useState } from 'react';
import type { InboxAlerts } from '../../../../shared/contract.ts';
import { useAppInfo } from '../../state/app-info.ts';
import { useInboxAlerts } from '../../state/inbox.ts';

const kindNames: Record<keyof InboxAlerts, string> = { mention: 'Mentions', reply: 'Replies', quote: 'Quotes', follow: 'New followers' };

/** Which notifications show on the desktop while Braid is in the background; in a browser, the browser's permission first. */
export function AlertSettings() {
  const { alerts, save } = useInboxAlerts();
  const web = useAppInfo().data?.desktopAlerts === 'web';
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  if (!alerts) return null;
  return (
    <details className="alert-settings">
      <summary className="button button-quiet">Desktop notifications</summary>
      <div className="alert-settings-panel">
        {web && permission !== 'granted' ? (
          permission === 'default' ? (
            <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Turn on desktop notifications
            </button>
          ) : (
            <p className="muted">{permission === 'denied' ? 'This browser blocks notifications from Braid: allow them in its site settings.' : 'This browser cannot show notifications.'}</p>
          )
        ) : null}
        <fieldset>
          <legend>Show on the desktop, while Braid is in the background:</legend>
          {(Object.keys(kindNames) as (keyof InboxAlerts)[]).map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={alerts[kind]} onChange={(event) => save.mutate({ ...alerts, [kind]: event.target.checked })} />
              {kindNames[kind]}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
