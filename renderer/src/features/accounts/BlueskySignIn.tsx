import { useState } from 'react';
import { FormError } from '../../components/ErrorPanel.tsx';
import { BraidError } from '../../api.ts';
import { useBlueskySignIn } from '../../state/sign-in.ts';

/** Bluesky: handle (or e-mail) and an app password; the e-mailed code when the server asks for one. */
export function BlueskySignIn({ initialIdentifier = '', onDone }: { initialIdentifier?: string; onDone: () => void }) {
  const [identifier, setIdentifier] = useState(initialIdentifier);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const signIn = useBlueskySignIn();
  const needsCode = signIn.error instanceof BraidError && signIn.error.code === 'auth_factor_required';
  const [askedForCode, setAskedForCode] = useState(false);
  if (needsCode && !askedForCode) setAskedForCode(true);

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate({ identifier, password, ...(askedForCode && code ? { authFactorToken: code } : {}) }, { onSuccess: onDone });
      }}
    >
      <label className="field">
        <span>Handle or e-mail</span>
        <input name="identifier" value={identifier} onChange={(event) => setIdentifier(event.target.value)} placeholder="you.bsky.social" autoComplete="username" spellCheck={false} autoFocus required />
      </label>
      <label className="field">
        <span>App password</span>
        <input name="password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required />
        <small className="muted">Make one for Braid in Bluesky: Settings → Privacy and security → App passwords. Braid keeps it encrypted.</small>
      </label>
      {askedForCode ? (
        <label className="field">
          <span>Code from your e-mail</span>
          <input name="authFactorToken" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" spellCheck={false} required />
        </label>
      ) : null}
      <FormError error={signIn.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
