import { useState } from 'react';
import type { InboxAlerts } from '../../../../shared/contract.ts';
import { useAppInfo } from '../../state/app-info.ts';
import { useInboxAlerts } from '../../state/inbox.ts';
import { useWords } from '../../i18n/use-words.ts';

const kinds = ['mention', 'reply', 'quote', 'follow'] as const satisfies readonly (keyof InboxAlerts)[];

/** Which notifications show on the desktop while Braid is in the background; in a browser, the browser's permission first. */
export function AlertSettings() {
  const { alerts, save } = useInboxAlerts();
  const words = useWords();
  const web = useAppInfo().data?.desktopAlerts === 'web';
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  if (!alerts) return null;
  return (
    <details className="alert-settings">
      <summary className="button button-quiet">{words('inbox.alerts.title')}</summary>
      <div className="alert-settings-panel">
        {web && permission !== 'granted' ? (
          permission === 'default' ? (
            <button type="button" className="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              {words('inbox.alerts.turnOn')}
            </button>
          ) : (
            <p className="muted">{words(permission === 'denied' ? 'inbox.alerts.denied' : 'inbox.alerts.unsupported')}</p>
          )
        ) : null}
        <fieldset>
          <legend>{words('inbox.alerts.legend')}</legend>
          {kinds.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={alerts[kind]} onChange={(event) => save.mutate({ ...alerts, [kind]: event.target.checked })} />
              {words(`inbox.alerts.${kind}`)}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
