import type { Network } from '../../../../shared/domain/account.ts';
import { networkName } from '../../components/Avatar.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { BlueskySignIn } from './BlueskySignIn.tsx';
import { MastodonSignIn } from './MastodonSignIn.tsx';

export interface AddAccountRequest {
  network: Network;
  /** Signing in again: the server or handle of the account that needs it. */
  prefill?: string;
}

/** The sign-in screen: one tab per network. */
export function AddAccount({ request, onChange, onDone }: { request: AddAccountRequest; onChange: (request: AddAccountRequest) => void; onDone: () => void }) {
  const words = useWords();
  const tab = (network: Network) => (
    <button
      type="button"
      role="tab"
      id={`tab-${network}`}
      aria-selected={request.network === network}
      aria-controls="sign-in-panel"
      className="tab"
      onClick={() => onChange({ network })}
    >
      {networkName(network)}
    </button>
  );
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{words(request.prefill ? 'accounts.signInAgain' : 'accounts.add.title')}</h2>
      <div role="tablist" aria-label={words('accounts.add.network')} className="tabs">
        {tab('mastodon')}
        {tab('bluesky')}
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
