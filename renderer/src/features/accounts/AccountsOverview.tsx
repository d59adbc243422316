import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, NetworkBadge } from '../../components/Avatar.tsx';
import { FormError } from '../../components/ErrorPanel.tsx';
import { useRemoveAccount, useSetPostByDefault } from '../../state/accounts.ts';
import type { AddAccountRequest } from './AddAccount.tsx';

const statusText: Record<AccountSummary['status'], string> = {
  ok: 'Signed in',
  auth_expired: 'Needs sign-in: the server no longer accepts Braid’s access',
  unreachable: 'Server unreachable: Braid will try again',
};

/** Every account, its state, and what the user can do with it. */
export function AccountsOverview({ accounts, onSignInAgain }: { accounts: AccountSummary[]; onSignInAgain: (request: AddAccountRequest) => void }) {
  const remove = useRemoveAccount();
  const postByDefault = useSetPostByDefault();
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="section-title">
        Your accounts
      </h2>
      <FormError error={remove.error ?? postByDefault.error} />
      <ul className="account-list">
        {accounts.map((account) => (
          <li key={account.id} className="account-card" data-testid="account-card" data-status={account.status}>
            <Avatar account={account} size={48} />
            <div className="account-text">
              <div className="account-name">
                <bdi>{account.displayName || account.handle}</bdi> <NetworkBadge network={account.network} />
              </div>
              <div className="muted">
                <bdi>@{account.handle}</bdi>
              </div>
              <div className="account-status" data-status={account.status}>
                {statusText[account.status]}
              </div>
            </div>
            <div className="account-actions">
              <label className="check">
                <input
                  type="checkbox"
                  checked={account.postByDefault}
                  onChange={(event) => postByDefault.mutate({ id: account.id, postByDefault: event.target.checked })}
                />
                Post here by default
              </label>
              {account.status === 'auth_expired' ? (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => onSignInAgain({ network: account.network, prefill: account.network === 'mastodon' ? account.server : account.handle })}
                >
                  Sign in again
                </button>
              ) : null}
              <button
                type="button"
                className="button button-quiet"
                aria-label={`Remove ${account.handle}`}
                onClick={() => {
                  if (window.confirm(`Remove @${account.handle} from Braid? Braid signs it out on its server too.`)) remove.mutate(account.id);
                }}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
