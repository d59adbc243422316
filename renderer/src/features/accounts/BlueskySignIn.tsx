import { useState } from 'react';
import { BraidError } from '../../api.ts';
import { FormError } from '../../components/ErrorPanel.tsx';
import { cancelBlueskyOAuth, useAwaitBlueskyOAuth, useBeginBlueskyOAuth, useBlueskySignIn } from '../../state/sign-in.ts';
import { ApproveInBrowser } from './ApproveInBrowser.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useWords } from '../../i18n/use-words.ts';

/**
 * Bluesky: on the account's own server page (OAuth, what Bluesky recommends), or with an app
 * password (and the e-mailed code when the server asks for one).
 */
export function BlueskySignIn({ initialIdentifier = '', onDone }: { initialIdentifier?: string; onDone: () => void }) {
  const [identifier, setIdentifier] = useState(initialIdentifier);
  const [withAppPassword, setWithAppPassword] = useState(false);
  const [flow, setFlow] = useState<{ flowId: string; authorizeUrl: string } | null>(null);
  const begin = useBeginBlueskyOAuth();
  const finish = useAwaitBlueskyOAuth();
  const words = useWords();

  if (withAppPassword) return <AppPasswordSignIn identifier={identifier} setIdentifier={setIdentifier} onDone={onDone} onBack={() => setWithAppPassword(false)} />;

  if (flow) {
    return (
      <ApproveInBrowser
        host={new URL(flow.authorizeUrl).host}
        authorizeUrl={flow.authorizeUrl}
        waiting={finish.isPending}
        error={finish.error}
        onCancel={() => {
          void cancelBlueskyOAuth(flow.flowId);
          finish.reset();
          setFlow(null);
        }}
      />
    );
  }

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        finish.reset();
        begin.mutate(identifier, {
          onSuccess: (value) => {
            setFlow(value);
            finish.mutate(value.flowId, { onSuccess: onDone });
          },
        });
      }}
    >
      <IdentifierField identifier={identifier} setIdentifier={setIdentifier} />
      <FormError error={begin.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={begin.isPending}>
          {words(begin.isPending ? 'accounts.bluesky.finding' : 'accounts.signInWithBrowser')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setWithAppPassword(true)}>
          {words('accounts.bluesky.useAppPassword')}
        </button>
      </div>
    </form>
  );
}

function IdentifierField({ identifier, setIdentifier }: { identifier: string; setIdentifier: (value: string) => void }) {
  const words = useWords();
  return (
    <label className="field">
      <span>{words('accounts.bluesky.identifier')}</span>
      <input name="identifier" value={identifier} onChange={(event) => setIdentifier(event.target.value)} placeholder={words('accounts.bluesky.identifierPlaceholder')} autoComplete="username" spellCheck={false} autoFocus required />
    </label>
  );
}

function AppPasswordSignIn({ identifier, setIdentifier, onDone, onBack }: { identifier: string; setIdentifier: (value: string) => void; onDone: () => void; onBack: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const signIn = useBlueskySignIn();
  const [askedForCode, setAskedForCode] = useState(false);
  const words = useWords();
  if (signIn.error instanceof BraidError && signIn.error.code === 'auth_factor_required' && !askedForCode) setAskedForCode(true);

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate({ identifier, password, ...(askedForCode && code ? { authFactorToken: code } : {}) }, { onSuccess: onDone });
      }}
    >
      <IdentifierField identifier={identifier} setIdentifier={setIdentifier} />
      <label className="field">
        <span>{words('accounts.bluesky.appPassword')}</span>
        <input name="password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required />
        <small className="muted">{words('accounts.bluesky.appPasswordHint')}</small>
      </label>
      {askedForCode ? (
        <label className="field">
          <span>{words('accounts.bluesky.code')}</span>
          <input name="authFactorToken" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" spellCheck={false} required />
        </label>
      ) : null}
      <FormError error={signIn.error} />
      <FormActions
        submit={words('accounts.signIn')}
        pending={words('accounts.signingIn')}
        busy={signIn.isPending}
        other={{ label: words('accounts.bluesky.browserInstead'), onClick: onBack }}
      />
    </form>
  );
}
