import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { BraidMark, PlusIcon } from '../../components/icons.tsx';

/** The left rail: who Braid acts as. Names are rendered as text, never markup. */
export function AccountsRail({ accounts, footer }: { accounts: AccountSummary[]; footer: React.ReactNode }) {
  return (
    <nav className="rail" aria-label="Accounts">
      <div className="rail-brand" title="Braid">
        <BraidMark size={36} />
      </div>
      <ul className="rail-accounts">
        {accounts.map((account) => (
          <li key={account.id}>
            <span className="rail-avatar" title={`${account.displayName || account.handle} · ${account.network}`} data-network={account.network}>
              {(account.displayName || account.handle).slice(0, 1).toUpperCase()}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="rail-button" aria-label="Add account (coming with sign-in)" title="Add account (coming with sign-in)" disabled>
        <PlusIcon />
      </button>
      <div className="rail-footer">{footer}</div>
    </nav>
  );
}
