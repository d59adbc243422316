import type { Network } from '../../../../shared/domain/account.ts';

/** The empty state: nothing to read until an account is added. */
export function FirstAccount({ onAdd }: { onAdd: (network: Network) => void }) {
  return (
    <section className="empty" aria-labelledby="first-account-title">
      <h2 id="first-account-title">Add your first account</h2>
      <p>
        Braid reads and posts for your Mastodon and Bluesky accounts, as many as you like: one home timeline, and one
        composer that posts everywhere.
      </p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={() => onAdd('mastodon')}>
          Add Mastodon account
        </button>
        <button type="button" className="button" onClick={() => onAdd('bluesky')}>
          Add Bluesky account
        </button>
      </div>
    </section>
  );
}
