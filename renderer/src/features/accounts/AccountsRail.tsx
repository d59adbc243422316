import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, networkName } from '../../components/Avatar.tsx';
import { BraidMark, PlusIcon } from '../../components/icons.tsx';
import { useWords } from '../../i18n/use-words.ts';

/** The left rail: who Braid acts as, at a glance. Names are rendered as text, never markup. */
export function AccountsRail({ accounts, unread = [], onAdd, footer }: { accounts: AccountSummary[]; unread?: readonly { accountId: string; unread: number }[]; onAdd: () => void; footer: React.ReactNode }) {
  const words = useWords();
  return (
    <nav className="rail" aria-label={words('accounts.rail.label')}>
      <div className="rail-brand" title={words('accounts.rail.brand')}>
        <BraidMark size={36} />
      </div>
      <ul className="rail-accounts">
        {accounts.map((account) => {
          const count = unread.find((entry) => entry.accountId === account.id)?.unread ?? 0;
          return (
            <li key={account.id} title={words('accounts.rail.account', {
                name: account.displayName || account.handle,
                handle: account.handle,
                network: networkName(account.network),
                status: account.status,
                count,
              })}>
              <Avatar account={account} mark />
              {count > 0 ? (
                <span className="rail-unread" data-testid="rail-unread">
                  {count}
                  <span className="visually-hidden"> {words('accounts.rail.unreadFor', { handle: account.handle })}</span>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" className="rail-button" aria-label={words('accounts.rail.add')} title={words('accounts.rail.add')} onClick={onAdd} data-testid="add-account">
        <PlusIcon />
      </button>
      <div className="rail-footer">{footer}</div>
    </nav>
  );
}
