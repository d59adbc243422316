import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, networkName } from '../../components/Avatar.tsx';
import { BraidMark, PlusIcon } from '../../components/icons.tsx';

const stateSuffix: Record<AccountSummary['status'], string> = { ok: '', auth_expired: ' (needs sign-in)', unreachable: ' (server unreachable)' };

/** The left rail: who Braid acts as, at a glance. Names are rendered as text, never markup. */
export function AccountsRail({ accounts, onAdd, footer }: { accounts: AccountSummary[]; onAdd: () => void; footer: React.ReactNode }) {
  return (
    <nav className="rail" aria-label="Accounts">
      <div className="rail-brand" title="Braid">
        <BraidMark size={36} />
      </div>
      <ul className="rail-accounts">
        {accounts.map((account) => (
          <li key={account.id} title={`${account.displayName || account.handle} · @${account.handle} · ${networkName(account.network)}${stateSuffix[account.status]}`}>
            <Avatar account={account} mark />
          </li>
        ))}
      </ul>
      <button type="button" className="rail-button" aria-label="Add account" title="Add account" onClick={onAdd} data-testid="add-account">
        <PlusIcon />
      </button>
      <div className="rail-footer">{footer}</div>
    </nav>
  );
}
