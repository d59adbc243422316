import type { Network } from '../../../../shared/domain/account.ts';
import { networkName } from '../../components/Avatar.tsx';
import { useWords } from '../../i18n/use-words.ts';

/** The empty state: nothing to read until an account is added. */
export function FirstAccount({ onAdd }: { onAdd: (network: Network) => void }) {
  const words = useWords();
  return (
    <section className="empty" aria-labelledby="first-account-title">
      <h2 id="first-account-title">{words('accounts.first.title')}</h2>
      <p>{words('accounts.first.intro')}</p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={() => onAdd('mastodon')}>
          {words('accounts.first.add', { network: networkName('mastodon') })}
        </button>
        <button type="button" className="button" onClick={() => onAdd('bluesky')}>
          {words('accounts.first.add', { network: networkName('bluesky') })}
        </button>
      </div>
    </section>
  );
}
