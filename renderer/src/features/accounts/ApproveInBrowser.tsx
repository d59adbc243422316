import { FormError } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';

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
  const words = useWords();
  return (
    <div className="form">
      <p>
        <Message id="accounts.approve.intro" values={{ host, strong: (chunks) => <strong>{chunks}</strong> }} />
      </p>
      <a className="button button-primary" href={authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">
        {words('accounts.approve.open', { host })}
      </a>
      <p className="muted" role="status">
        {waiting ? words('accounts.approve.waiting', { host }) : null}
      </p>
      <FormError error={error} />
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {words(error ? 'accounts.approve.startAgain' : 'accounts.cancel')}
        </button>
        {children}
      </div>
    </div>
  );
}
