import type { TimelineView } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { networkName } from '../../components/Avatar.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { useErrorText } from '../../i18n/error-text.ts';

interface Props {
  view: TimelineView;
  accounts: AccountSummary[];
  retrying: boolean;
  onRetry: () => void;
  onSignInAgain: (account: AccountSummary) => void;
}

/** One line per account that is not taking part right now; the other accounts' posts go on. */
export function AccountProblems({ view, accounts, retrying, onRetry, onSignInAgain }: Props) {
  const words = useWords();
  const errorText = useErrorText();
  const failing = view.accounts.filter((part) => part.error);
  const signedOut = accounts.filter((account) => account.status === 'auth_expired');
  if (failing.length === 0 && signedOut.length === 0) return null;
  const named = (id: string) => {
    const account = accounts.find((a) => a.id === id);
    return account ? words('timeline.problem.account', { handle: account.handle, network: networkName(account.network) }) : words('timeline.problem.unknownAccount');
  };
  return (
    <ul className="account-problems" aria-label={words('timeline.problems')}>
      {signedOut.map((account) => (
        <li key={account.id} data-testid="account-problem" data-account={account.id}>
          <span>
            <Message id="timeline.problem.signedOut" values={{ account: named(account.id), strong: (chunks) => <strong>{chunks}</strong> }} />
          </span>
          <button type="button" className="button button-quiet" onClick={() => onSignInAgain(account)}>
            {words('timeline.problem.signInAgain')}
          </button>
        </li>
      ))}
      {failing.map((part) => (
        <li key={part.accountId} data-testid="account-problem" data-account={part.accountId} data-code={part.error?.code}>
          <span>
            <Message id="timeline.problem.failed" values={{ account: named(part.accountId), message: part.error ? errorText(part.error) : '', strong: (chunks) => <strong>{chunks}</strong> }} />
          </span>
          <button type="button" className="button button-quiet" onClick={onRetry} disabled={retrying}>
            {words(retrying ? 'timeline.problem.trying' : 'app.tryAgain')}
          </button>
        </li>
      ))}
    </ul>
  );
}
