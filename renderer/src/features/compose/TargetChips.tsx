import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { Avatar, NetworkBadge } from '../../components/Avatar.tsx';
import { useWords } from '../../i18n/use-words.ts';

/** The accounts to post as, each a toggle: who Braid will post as is always in sight. */
export function TargetChips({ accounts, targets, onChange }: { accounts: AccountSummary[]; targets: string[]; onChange: (targets: string[]) => void }) {
  const words = useWords();
  const chosen = new Set(targets);
  const toggle = (id: string) =>
    // Kept in the accounts' order, so previews and status lines come in a stable order.
    onChange(accounts.filter((account) => (account.id === id ? !chosen.has(id) : chosen.has(account.id))).map((account) => account.id));
  return (
    <fieldset className="compose-targets">
      <legend>{words('compose.targets.legend')}</legend>
      <div className="chips">
        {accounts.map((account) => (
          <button
            key={account.id}
            type="button"
            className="chip"
            aria-pressed={chosen.has(account.id)}
            data-status={account.status}
            title={account.status === 'auth_expired' ? words('compose.targets.expiredTitle', { handle: account.handle }) : `@${account.handle}`}
            onClick={() => toggle(account.id)}
          >
            <Avatar account={account} size={24} />
            <bdi className="chip-handle">@{account.handle}</bdi>
            <NetworkBadge network={account.network} />
            {account.status === 'auth_expired' ? <span className="visually-hidden">{words('compose.targets.expired')}</span> : null}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
