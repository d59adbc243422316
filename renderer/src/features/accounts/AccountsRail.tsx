import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, networkName } from '../../components/Avatar.tsx';
import { BraidMark, PlusIcon } from '../../components/icons.tsx';

const stateSuffix: Record<AccountSummary['status'], string> = { ok: '', auth_expired: ' (needs sign-in)', unreachable: ' (server unreachable)' };

/** The left rail: who Braid acts as, at a glance. Names are rendered as text, never markup. */
export function AccountsRail({ accounts, unread = [], onAdd, footer }: { accounts: AccountSummary[]; unread?: readonly { accountId: string; unread: number }[]; onAdd: () => void; footer: React.ReactNode }) {
  return (
    <nav className="rail" aria-label="Accounts">
      <div className="rail-brand" title="Braid">
        <BraidMark size={36} />
      </div>
      <ul className="rail-accounts">
        {accounts.map((account) => {
          const count = unread.find((entry) => entry.accountId === account.id)?.unread ?? 0;
          return (
            <li key={account.id} title={`${account.displayName || account.handle} · @${account.handle} · ${networkName(account.network)}${stateSuffix[account.status]}${count ? ` · ${count} unread` : ''}`}>
              <Avatar account={account} mark />
              {count > 0 ? (
                <span className="rail-unread" data-testid="rail-unread">
                  {count}
                  <span className="visually-hidden"> unread for @{account.handle}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" className="rail-button" aria-label="Add account" title="Add account" onClick={onAdd} data-testid="add-account">
        <PlusIcon />
      </button>
      <div className="rail-footer">{footer}</div>
    </nav>
  );
}
