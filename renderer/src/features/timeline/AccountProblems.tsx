import type { TimelineView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { networkName } from '../../components/Avatar.tsx';

interface Props {
  view: TimelineView;
  accounts: AccountSummary[];
  retrying: boolean;
  onRetry: () => void;
  onSignInAgain: (account: AccountSummary) => void;
}

/** One line per account that is not taking part right now; the other accounts' posts go on. */
export function AccountProblems({ view, accounts, retrying, onRetry, onSignInAgain }: Props) {
  const failing = view.accounts.filter((part) => part.error);
  const signedOut = accounts.filter((account) => account.status === 'auth_expired');
  if (failing.length === 0 && signedOut.length === 0) return null;
  const named = (id: string) => {
    const account = accounts.find((a) => a.id === id);
    return account ? `@${account.handle} (${networkName(account.network)})` : 'An account';
  };
  return (
    <ul className="account-problems" aria-label="Accounts with problems">
      {signedOut.map((account) => (
        <li key={account.id} data-testid="account-problem" data-account={account.id}>
          <span>
            <strong>{named(account.id)}</strong> needs you to sign in again; its posts are left out.
          </span>
          <button type="button" className="button button-quiet" onClick={() => onSignInAgain(account)}>
            Sign in again
          </button>
        </li>
      ))}
      {failing.map((part) => (
        <li key={part.accountId} data-testid="account-problem" data-account={part.accountId} data-code={part.error?.code}>
          <span>
            <strong>{named(part.accountId)}</strong>: {part.error?.message}
          </span>
          <button type="button" className="button button-quiet" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Trying…' : 'Try again'}
          </button>
        </li>
      ))}
    </ul>
  );
}
