import type { Network } from '../../../../shared/domain/account.ts';
import { BlueskySignIn } from './BlueskySignIn.tsx';
import { MastodonSignIn } from './MastodonSignIn.tsx';

export interface AddAccountRequest {
  network: Network;
  /** Signing in again: the server or handle of the account that needs it. */
  prefill?: string;
}

/** The sign-in screen: one tab per network. */
export function AddAccount({ request, onChange, onDone }: { request: AddAccountRequest; onChange: (request: AddAccountRequest) => void; onDone: () => void }) {
  const tab = (network: Network, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${network}`}
      aria-selected={request.network === network}
      aria-controls="sign-in-panel"
      className="tab"
      onClick={() => onChange({ network })}
    >
      {label}
    </button>
  );
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{request.prefill ? 'Sign in again' : 'Add an account'}</h2>
      <div role="tablist" aria-label="Network" className="tabs">
        {tab('mastodon', 'Mastodon')}
        {tab('bluesky', 'Bluesky')}
      </div>
      <div role="tabpanel" id="sign-in-panel" aria-labelledby={`tab-${request.network}`}>
        {request.network === 'mastodon' ? (
          <MastodonSignIn key={`m-${request.prefill ?? ''}`} initialServer={request.prefill ?? ''} onDone={onDone} />
        ) : (
          <BlueskySignIn key={`b-${request.prefill ?? ''}`} initialIdentifier={request.prefill ?? ''} onDone={onDone} />
        )}
      </div>
    </section>
  );
}
