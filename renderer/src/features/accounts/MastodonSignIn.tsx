import { useState } from 'react';
import { FormError } from '../../components/ErrorPanel.tsx';
import { cancelMastodon, useBeginMastodon, useFinishMastodon, useMastodonToken } from '../../state/sign-in.ts';
import { ApproveInBrowser } from './ApproveInBrowser.tsx';
import { FormActions } from '../../components/FormActions.tsx';

type Flow = { flowId: string; authorizeUrl: string; origin: string; mode: 'loopback' | 'oob' };

/**
 * Mastodon: type the server, approve Braid on the server's own page in the browser, come back.
 * Braid never sees the password; the browser returns to Braid by itself (loopback), or the page
 * shows a code to paste here (for servers or machines where that cannot work). Where neither
 * works, an access token made on the server can be pasted instead.
 */
export function MastodonSignIn({ initialServer = '', onDone }: { initialServer?: string; onDone: () => void }) {
  const [server, setServer] = useState(initialServer);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [code, setCode] = useState('');
  const [pastingToken, setPastingToken] = useState(false);
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

  if (!flow && pastingToken) return <TokenSignIn server={server} setServer={setServer} onDone={onDone} onBack={() => setPastingToken(false)} />;
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
          <button type="button" className="button button-quiet" disabled={begin.isPending} onClick={() => setPastingToken(true)}>
            Use an access token
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
        <FormActions submit="Finish signing in" pending="Signing in…" busy={finish.isPending} other={{ label: 'Cancel', onClick: stop }} />
      </form>
    </div>
  );
}

/** The escape hatch: a token the user made on the server's own settings page, checked like a sign-in. */
function TokenSignIn({ server, setServer, onDone, onBack }: { server: string; setServer: (server: string) => void; onDone: () => void; onBack: () => void }) {
  const [token, setToken] = useState('');
  const signIn = useMastodonToken();
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate({ instance: server, token }, { onSuccess: onDone });
      }}
    >
      <label className="field">
        <span>Your Mastodon server</span>
        <input name="instance" value={server} onChange={(event) => setServer(event.target.value)} placeholder="mastodon.social" autoComplete="url" spellCheck={false} required />
      </label>
      <label className="field">
        <span>Access token</span>
        <input name="token" type="password" value={token} onChange={(event) => setToken(event.target.value)} autoComplete="off" spellCheck={false} autoFocus required />
        <small className="muted">
          Make one on your server: Preferences → Development → New application, with the scopes read and write. Braid keeps it like a sign-in and never shows it again.
        </small>
      </label>
      <FormError error={signIn.error} />
      <FormActions submit="Sign in with this token" pending="Checking the token…" busy={signIn.isPending} other={{ label: 'Back', onClick: onBack }} />
    </form>
  );
}
