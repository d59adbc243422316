import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { TargetStatus } from '../../../../shared/domain/draft.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { NetworkBadge } from '../../components/Avatar.tsx';
import { ErrorPanel, FormError } from '../../components/ErrorPanel.tsx';
import { useDiscardEntry, useOutbox, useRetryTarget } from '../../state/outbox.ts';
import { ExternalLink } from '../timeline/content/ExternalLink.tsx';
import { useIntl } from 'react-intl';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { excerpt, timeWords } from './words.ts';
import { useErrorText } from '../../i18n/error-text.ts';

/** Every sent draft, with one line per target account saying where it is. */
export function OutboxList({ accounts }: { accounts: AccountSummary[] }) {
  const outbox = useOutbox();
  const retry = useRetryTarget();
  const discard = useDiscardEntry();
  const words = useWords();
  const { locale } = useIntl();
  const entries = outbox.data ?? [];

  return (
    <section className="compose-section" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="section-title">
        {words('compose.outbox.title')}
      </h2>
      {outbox.error ? <ErrorPanel title={words('compose.outbox.failed')} error={outbox.error} /> : null}
      <FormError error={retry.error ?? discard.error} />
      {outbox.isSuccess && entries.length === 0 ? <p className="muted compose-empty">{words('compose.outbox.none')}</p> : null}
      <ul className="outbox-list">
        {entries.map((entry) => (
          <li key={entry.draftId} className="outbox-entry" data-testid="outbox-entry">
            <div className="outbox-entry-header">
              <p className="outbox-text" dir="auto">
                {excerpt(entry.text) || <span className="muted">{words('compose.outbox.imagesOnly')}</span>}
              </p>
              <button
                type="button"
                className="button button-quiet"
                aria-label={excerpt(entry.text, 40) ? words('compose.outbox.removeLabel', { name: excerpt(entry.text, 40) }) : words('compose.outbox.removeLabelImages')}
                disabled={discard.isPending}
                onClick={() => discard.mutate(entry.draftId)}
              >
                {words('compose.outbox.remove')}
              </button>
            </div>
            <p className="outbox-when muted">
              {entry.scheduledAt
                ? words('compose.outbox.sentFor', { sent: timeWords(entry.sentAt, locale), scheduled: timeWords(entry.scheduledAt, locale) })
                : words('compose.outbox.sent', { sent: timeWords(entry.sentAt, locale) })}
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
  const words = useWords();
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
            {words('compose.outbox.asThread')}
          </button>
          <button type="button" className="button status-retry" disabled={retrying} onClick={() => onRetry('cut')}>
            {words('compose.outbox.cut')}
          </button>
        </span>
      ) : target.state === 'failed' ? (
        <button type="button" className="button status-retry" disabled={retrying} onClick={() => onRetry()}>
          {words(retrying ? 'compose.outbox.retrying' : 'compose.outbox.retry')}
        </button>
      ) : null}
    </li>
  );
}

function StatusText({ target }: { target: TargetStatus }) {
  const words = useWords();
  const errorText = useErrorText();
  const { locale } = useIntl();
  const next = target.nextAttemptAt ? timeWords(target.nextAttemptAt, locale) : null;
  switch (target.state) {
    case 'queued':
      return <>{words('compose.status.queued')}</>;
    case 'scheduled': {
      const by = target.scheduledByBraid ? 'braid' : 'server';
      return <>{next ? words('compose.status.scheduledFor', { time: next, by }) : words('compose.status.scheduled', { by })}</>;
    }
    case 'uploading':
      return target.progress ? (
        <>
          {words('compose.status.uploadingCount', { done: target.progress.done, total: target.progress.total })}{' '}
          <progress max={target.progress.total} value={target.progress.done} aria-label={words('compose.status.uploadProgress')} />
        </>
      ) : (
        <>{words('compose.status.uploading')}</>
      );
    case 'sending':
      return <>{words('compose.status.sending')}</>;
    case 'checking':
      return <>{words('compose.status.checking')}</>;
    case 'waiting': {
      // The reason is the core's own words.
      const message = target.error ? errorText(target.error) : undefined;
      return (
        <>
          {next
            ? message
              ? words('compose.status.waitingUntilReason', { time: next, message })
              : words('compose.status.waitingUntil', { time: next })
            : message
              ? words('compose.status.waitingReason', { message })
              : words('compose.status.waiting')}
        </>
      );
    }
    case 'posted':
      return <PostedLinks urls={target.urls} />;
    case 'failed':
      return <span className="status-error">{target.error ? words('compose.status.failed', { message: errorText(target.error) }) : words('compose.status.refused')}</span>;
  }
}

function PostedLinks({ urls }: { urls: string[] }) {
  const words = useWords();
  const links = urls.flatMap((url) => {
    const checked = httpUrl(url);
    return checked ? [checked.href] : [];
  });
  if (links.length === 0) return <>{words('compose.status.posted')}</>;
  return (
    <Message
      id="compose.status.postedLinks"
      values={{
        links: (
          <>
            {links.map((href, index) => {
              const text = links.length > 1 ? words('compose.status.postN', { number: index + 1, count: links.length }) : words('compose.status.openPost');
              return (
                <span key={href} className="status-link">
                  <ExternalLink href={href} text={text}>
                    {text}
                  </ExternalLink>
                </span>
              );
            })}
          </>
        ),
      }}
    />
  );
}
