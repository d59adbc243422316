import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, NetworkBadge } from '../../components/Avatar.tsx';
import { FormError } from '../../components/ErrorPanel.tsx';
import { useRemoveAccount, useSetPostByDefault } from '../../state/accounts.ts';
import type { AddAccountRequest } from './AddAccount.tsx';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';
import { pathOf } from '../../state/routes.ts';

const statusText: Record<AccountSummary['status'], MessageId> = {
  ok: 'accounts.status.ok',
  auth_expired: 'accounts.status.authExpired',
  unreachable: 'accounts.status.unreachable',
};

/** Every account, its state, and what the user can do with it. */
export function AccountsOverview({ accounts, onSignInAgain }: { accounts: AccountSummary[]; onSignInAgain: (request: AddAccountRequest) => void }) {
  const remove = useRemoveAccount();
  const postByDefault = useSetPostByDefault();
  const words = useWords();
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title" className="section-title">
        {words('accounts.title')}
      </h2>
      <FormError error={remove.error ?? postByDefault.error} />
      {accounts.length > 0 ? (
        <p>
          <a href={`#${pathOf({ name: 'find-people' })}`} className="button" data-testid="find-people-link">
            {words('find.title')}
          </a>
        </p>
      ) : null}
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
                {words(statusText[account.status])}
              </div>
            </div>
            <div className="account-actions">
              <label className="check">
                <input
                  type="checkbox"
                  checked={account.postByDefault}
                  onChange={(event) => postByDefault.mutate({ id: account.id, postByDefault: event.target.checked })}
                />
                {words('accounts.postByDefault')}
              </label>
              {account.status === 'auth_expired' ? (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => onSignInAgain({ network: account.network, prefill: account.network === 'mastodon' ? account.server : account.handle })}
                >
                  {words('accounts.signInAgain')}
                </button>
              ) : null}
              <button
                type="button"
                className="button button-quiet"
                aria-label={words('accounts.removeLabel', { handle: account.handle })}
                onClick={() => {
                  if (window.confirm(words('accounts.removeConfirm', { handle: account.handle }))) remove.mutate(account.id);
                }}
              >
                {words('accounts.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
