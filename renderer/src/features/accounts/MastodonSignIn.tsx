import { useState } from 'react';
import { FormError } from '../../components/ErrorPanel.tsx';
import { cancelMastodon, useBeginMastodon, useFinishMastodon, useMastodonToken } from '../../state/sign-in.ts';
import { ApproveInBrowser } from './ApproveInBrowser.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';

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
  const words = useWords();

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
          <span>{words('accounts.mastodon.server')}</span>
          <input
            name="instance"
            value={server}
            onChange={(event) => setServer(event.target.value)}
            placeholder={words('accounts.mastodon.serverPlaceholder')}
            autoComplete="url"
            spellCheck={false}
            autoFocus
            required
          />
          <small className="muted">{words('accounts.mastodon.serverHint')}</small>
        </label>
        <FormError error={begin.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={begin.isPending}>
            {words(begin.isPending ? 'accounts.mastodon.contacting' : 'accounts.signInWithBrowser')}
          </button>
          <button type="button" className="button button-quiet" disabled={begin.isPending || !server.trim()} onClick={() => start('oob')}>
            {words('accounts.mastodon.codeInstead')}
          </button>
          <button type="button" className="button button-quiet" disabled={begin.isPending} onClick={() => setPastingToken(true)}>
            {words('accounts.mastodon.useToken')}
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
          {words('accounts.mastodon.pasteCode')}
        </button>
      </ApproveInBrowser>
    );
  }
  return (
    <div className="form">
      <p>
        <Message id="accounts.approve.introCode" values={{ host, strong: (chunks) => <strong>{chunks}</strong> }} />
      </p>
      <a className="button button-primary" href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">
        {words('accounts.approve.open', { host })}
      </a>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          finish.mutate({ flowId: flow.flowId, code }, { onSuccess: onDone });
        }}
      >
        <label className="field">
          <span>{words('accounts.mastodon.codeFrom', { host })}</span>
          <input name="code" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" spellCheck={false} required />
        </label>
        <FormError error={finish.error} />
        <FormActions submit={words('accounts.mastodon.finish')} pending={words('accounts.signingIn')} busy={finish.isPending} other={{ label: words('accounts.cancel'), onClick: stop }} />
      </form>
    </div>
  );
}

/** The escape hatch: a token the user made on the server's own settings page, checked like a sign-in. */
function TokenSignIn({ server, setServer, onDone, onBack }: { server: string; setServer: (server: string) => void; onDone: () => void; onBack: () => void }) {
  const [token, setToken] = useState('');
  const signIn = useMastodonToken();
  const words = useWords();
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate({ instance: server, token }, { onSuccess: onDone });
      }}
    >
      <label className="field">
        <span>{words('accounts.mastodon.server')}</span>
        <input name="instance" value={server} onChange={(event) => setServer(event.target.value)} placeholder={words('accounts.mastodon.serverPlaceholder')} autoComplete="url" spellCheck={false} required />
      </label>
      <label className="field">
        <span>{words('accounts.mastodon.token')}</span>
        <input name="token" type="password" value={token} onChange={(event) => setToken(event.target.value)} autoComplete="off" spellCheck={false} autoFocus required />
        <small className="muted">{words('accounts.mastodon.tokenHint')}</small>
      </label>
      <FormError error={signIn.error} />
      <FormActions
        submit={words('accounts.mastodon.signInWithToken')}
        pending={words('accounts.mastodon.checkingToken')}
        busy={signIn.isPending}
        other={{ label: words('app.back'), onClick: onBack }}
      />
    </form>
  );
}
