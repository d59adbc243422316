import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { TargetStatus } from '../../../../shared/domain/draft.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { NetworkBadge } from '../../components/Avatar.tsx';
import { ErrorPanel, FormError } from '../../components/ErrorPanel.tsx';
import { useDiscardEntry, useOutbox, useRetryTarget } from '../../state/outbox.ts';
import { ExternalLink } from '../timeline/content/ExternalLink.tsx';
import { excerpt, timeWords } from './words.ts';

/** Every sent draft, with one line per target account saying where it is. */
export function OutboxList({ accounts }: { accounts: AccountSummary[] }) {
  const outbox = useOutbox();
  const retry = useRetryTarget();
  const discard = useDiscardEntry();
  const entries = outbox.data ?? [];

  return (
    <section className="compose-section" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="section-title">
        Outbox
      </h2>
      {outbox.error ? <ErrorPanel title="The outbox could not be loaded" error={outbox.error} /> : null}
      <FormError error={retry.error ?? discard.error} />
      {outbox.isSuccess && entries.length === 0 ? <p className="muted compose-empty">Nothing sent yet.</p> : null}
      <ul className="outbox-list">
        {entries.map((entry) => (
          <li key={entry.draftId} className="outbox-entry" data-testid="outbox-entry">
            <div className="outbox-entry-header">
              <p className="outbox-text" dir="auto">
                {excerpt(entry.text) || <span className="muted">(images only)</span>}
              </p>
              <button
                type="button"
                className="button button-quiet"
                aria-label={`Remove from the outbox: ${excerpt(entry.text, 40) || 'images only'}`}
                disabled={discard.isPending}
                onClick={() => discard.mutate(entry.draftId)}
              >
                Remove
              </button>
            </div>
            <p className="outbox-when muted">
              Sent {timeWords(entry.sentAt)}
              {entry.scheduledAt ? ` · for ${timeWords(entry.scheduledAt)}` : ''}
            </p>
            <ul className="status-lines">
              {entry.targets.map((target) => (
                <StatusLine
                  key={target.jobId}
                  target={target}
                  account={accounts.find((a) => a.id === target.accountId)}
                  onRetry={(fix) => retry.mutate(fix ? { jobId: target.jobId, fix } : { jobId: target.jobId })}
                  retrying={retry.isPending && retry.variables.jobId === target.jobId}
                />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatusLine({ target, account, onRetry, retrying }: { target: TargetStatus; account: AccountSummary | undefined; onRetry: (fix?: 'thread' | 'cut') => void; retrying: boolean }) {
  return (
    <li className="status-line" data-testid="target-status" data-state={target.state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-account">
        <bdi>@{account?.handle ?? target.accountId}</bdi> {account ? <NetworkBadge network={account.network} /> : null}
      </span>
      <span className="status-text">
        <StatusText target={target} />
      </span>
      {target.state === 'failed' && target.error?.code === 'too_long' ? (
        // Sent as it is, it would be refused again: only a thread or a cut can get it through.
        <span className="status-fixes">
          <button type="button" className="button status-retry" disabled={retrying} onClick={() => onRetry('thread')}>
            Send as a thread
          </button>
          <button type="button" className="button status-retry" disabled={retrying} onClick={() => onRetry('cut')}>
            Cut to fit
          </button>
        </span>
      ) : target.state === 'failed' ? (
        <button type="button" className="button status-retry" disabled={retrying} onClick={() => onRetry()}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      ) : null}
    </li>
  );
}

function StatusText({ target }: { target: TargetStatus }) {
  switch (target.state) {
    case 'queued':
      return <>Queued</>;
    case 'scheduled':
      return (
        <>
          Scheduled{target.nextAttemptAt ? ` for ${timeWords(target.nextAttemptAt)}` : ''}
          {target.scheduledByBraid ? ' by Braid — keep Braid running' : ' on the server'}
        </>
      );
    case 'uploading':
      return target.progress ? (
        <>
          Uploading images: {target.progress.done} of {target.progress.total}{' '}
          <progress max={target.progress.total} value={target.progress.done} aria-label="Upload progress" />
        </>
      ) : (
        <>Uploading images…</>
      );
    case 'sending':
      return <>Sending…</>;
    case 'checking':
      return <>Unknown — checking whether it was posted</>;
    case 'waiting':
      return (
        <>
          Waiting{target.nextAttemptAt ? ` until ${timeWords(target.nextAttemptAt)}` : ''}
          {target.error ? `: ${target.error.message}` : ''}
        </>
      );
    case 'posted':
      return <PostedLinks urls={target.urls} />;
    case 'failed':
      return <span className="status-error">Failed: {target.error?.message ?? 'the server refused it'}</span>;
  }
}

function PostedLinks({ urls }: { urls: string[] }) {
  const links = urls.flatMap((url) => {
    const checked = httpUrl(url);
    return checked ? [checked.href] : [];
  });
  if (links.length === 0) return <>Posted</>;
  return (
    <>
      Posted:{' '}
      {links.map((href, index) => {
        const text = links.length > 1 ? `post ${index + 1} of ${links.length}` : 'open the post';
        return (
          <span key={href} className="status-link">
            <ExternalLink href={href} text={text}>
              {text}
            </ExternalLink>
          </span>
        );
      })}
    </>
  );
}
