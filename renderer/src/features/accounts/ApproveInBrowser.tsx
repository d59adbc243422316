import { FormError } from '../../components/ErrorPanel.tsx';

/**
 * The middle of an OAuth sign-in: the server's own page opens in the browser (it asks for the
 * password, never Braid); Braid waits for the browser to come back.
 */
export function ApproveInBrowser({
  host,
  authorizeUrl,
  waiting,
  error,
  onCancel,
  children,
}: {
  host: string;
  authorizeUrl: string;
  waiting: boolean;
  error: Error | null;
  onCancel: () => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="form">
      <p>
        Approve Braid on <strong>{host}</strong>: the server asks for your password on its own page, never Braid.
      </p>
      <a className="button button-primary" href={authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">
        Open {host} to approve Braid
      </a>
      <p className="muted" role="status">
        {waiting ? `Waiting for ${host}… Braid continues by itself once you approve.` : null}
      </p>
      <FormError error={error} />
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {error ? 'Start again' : 'Cancel'}
        </button>
        {children}
      </div>
    </div>
  );
}
