import { useState } from 'react';
import { FormError } from '../../components/ErrorPanel.tsx';
import { cancelMastodon, useBeginMastodon, useFinishMastodon } from '../../state/sign-in.ts';
import { ApproveInBrowser } from './ApproveInBrowser.tsx';

type Flow = { flowId: string; authorizeUrl: string; origin: string; mode: 'loopback' | 'oob' };

/**
 * Mastodon: type the server, approve Braid on the server's own page in the browser, come back.
 * Braid never sees the password; the browser returns to Braid by itself (loopback), or the page
 * shows a code to paste here (for servers or machines where that cannot work).
 */
export function MastodonSignIn({ initialServer = '', onDone }: { initialServer?: string; onDone: () => void }) {
  const [server, setServer] = useState(initialServer);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [code, setCode] = useState('');
  const begin = useBeginMastodon();
  const finish = useFinishMastodon();

  const start = (mode: Flow['mode']) => {
    finish.reset();
    begin.mutate(
      { instance: server, mode },
      {
        onSuccess: (value) => {
          setFlow({ ...value, mode });
          // The loopback flow finishes by itself when the browser comes back.
          if (mode === 'loopback') finish.mutate({ flowId: value.flowId }, { onSuccess: onDone });
        },
      },
    );
  };

  const stop = () => {
    if (flow) void cancelMastodon(flow.flowId);
    setFlow(null);
    finish.reset();
  };

  if (!flow) {
    return (
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          start('loopback');
        }}
      >
        <label className="field">
          <span>Your Mastodon server</span>
          <input
            name="instance"
            value={server}
            onChange={(event) => setServer(event.target.value)}
            placeholder="mastodon.social"
            autoComplete="url"
            spellCheck={false}
            autoFocus
            required
          />
          <small className="muted">The address of your server, or your full handle like @you@mastodon.social.</small>
        </label>
        <FormError error={begin.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={begin.isPending}>
            {begin.isPending ? 'Contacting the server…' : 'Sign in with your browser'}
          </button>
          <button type="button" className="button button-quiet" disabled={begin.isPending || !server.trim()} onClick={() => start('oob')}>
            Sign in with a code instead
          </button>
        </div>
      </form>
    );
  }

  const host = new URL(flow.origin).host;
  if (flow.mode === 'loopback') {
    return (
      <ApproveInBrowser host={host} authorizeUrl={flow.authorizeUrl} waiting={finish.isPending} error={finish.error} onCancel={stop}>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            void cancelMastodon(flow.flowId);
            start('oob');
          }}
        >
          The page shows a code? Paste it instead
        </button>
      </ApproveInBrowser>
    );
  }
  return (
    <div className="form">
      <p>
        Approve Braid on <strong>{host}</strong>: the server asks for your password on its own page, never Braid. It then shows a code to paste here.
      </p>
      <a className="button button-primary" href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">
        Open {host} to approve Braid
      </a>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          finish.mutate({ flowId: flow.flowId, code }, { onSuccess: onDone });
        }}
      >
        <label className="field">
          <span>Code from {host}</span>
          <input name="code" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" spellCheck={false} required />
        </label>
        <FormError error={finish.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={finish.isPending}>
            {finish.isPending ? 'Signing in…' : 'Finish signing in'}
          </button>
          <button type="button" className="button button-quiet" onClick={stop}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
