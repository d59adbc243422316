/** The empty state: nothing to read until an account is added. */
export function FirstAccount() {
  return (
    <section className="empty" aria-labelledby="first-account-title">
      <h2 id="first-account-title">Add your first account</h2>
      <p>
        Braid reads and posts for your Mastodon and Bluesky accounts, as many as you like: one home timeline, and one
        composer that posts everywhere.
      </p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" disabled aria-describedby="first-account-soon">
          Add Mastodon account
        </button>
        <button type="button" className="button" disabled aria-describedby="first-account-soon">
          Add Bluesky account
        </button>
      </div>
      <p id="first-account-soon" className="muted">Signing in arrives with the next version of Braid.</p>
    </section>
  );
}
