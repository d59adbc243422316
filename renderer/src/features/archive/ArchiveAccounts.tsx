import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { ArchiveAccount, ArchiveStatus } from '../../../../shared/domain/archive.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useArchiveControl } from '../../state/archive.ts';

/** Seconds left at the pace of the sync under way, where the server says how many posts there are. */
function secondsLeft(account: ArchiveAccount, now: number): number | null {
  if (!account.run || account.total === null || account.run.added < 40) return null;
  const elapsed = (now - account.run.startedAt) / 1000;
  const left = account.total - account.posts;
  if (elapsed <= 0 || left <= 0) return null;
  return Math.round(left / (account.run.added / elapsed));
}

/** A clock for "time left" and "waiting until", ticking only while something runs. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function AccountRow({ account, now }: { account: ArchiveAccount; now: number }) {
  const words = useWords();
  const intl = useIntl();
  const left = secondsLeft(account, now);
  const day = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium' });
  const running = account.state === 'syncing' || account.state === 'waiting';
  const fraction = account.total ? Math.min(1, account.posts / account.total) : null;
  return (
    <li className="archive-account" data-testid="archive-account" data-account={account.accountId} data-state={account.state}>
      <div className="archive-account-head">
        <span className="archive-account-name" dir="auto">
          {account.label}
        </span>
        <span className="muted">{words('archive.network', { network: account.network })}</span>
      </div>
      <p className="archive-account-counts" data-testid="archive-count">
        {words('archive.count', { posts: account.posts, deleted: account.deleted })}
        {account.oldest && account.newest ? ` · ${words('archive.span', { from: day(account.oldest), to: day(account.newest) })}` : null}
      </p>
      {running ? (
        <>
          <progress
            className="archive-progress"
            max={fraction === null ? undefined : 1}
            value={fraction === null ? undefined : fraction}
            aria-label={words('archive.progressLabel', { label: account.label })}
          />
          <p className="muted archive-account-state" aria-live="polite">
            {account.state === 'waiting' && account.run?.waitingUntil
              ? words('archive.waiting', { time: intl.formatTime(account.run.waitingUntil) })
              : words('archive.syncing', { added: account.run?.added ?? 0, total: account.total ?? -1 })}
            {left !== null ? ` · ${words('archive.left', { minutes: Math.max(1, Math.round(left / 60)) })}` : null}
          </p>
        </>
      ) : (
        <p className="muted archive-account-state">
          {account.state === 'paused'
            ? words('archive.paused')
            : account.lastSynced
              ? words(account.complete ? 'archive.synced' : 'archive.partial', { time: intl.formatDate(account.lastSynced, { dateStyle: 'medium', timeStyle: 'short' }) })
              : account.canSync
                ? words('archive.notYet')
                : words('archive.fromFile')}
        </p>
      )}
      {account.error ? (
        <p className="form-error" role="alert">
          <ErrorText error={account.error} />
        </p>
      ) : null}
    </li>
  );
}

/** Each account's archive, with its import's progress, and the buttons that start and stop them all. */
export function ArchiveAccounts({ status }: { status: ArchiveStatus }) {
  const words = useWords();
  const { sync, pause } = useArchiveControl();
  const running = status.accounts.some((account) => account.state === 'syncing' || account.state === 'waiting');
  const now = useNow(running);
  const canSync = status.accounts.some((account) => account.canSync);
  return (
    <section className="archive-section" aria-labelledby="archive-accounts-title">
      <div className="archive-section-head">
        <h2 id="archive-accounts-title">{words('archive.accounts')}</h2>
        {running ? (
          <button type="button" className="button" onClick={() => pause.mutate()} disabled={pause.isPending}>
            {words('archive.pause')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => sync.mutate(undefined)} disabled={!canSync || sync.isPending} data-testid="archive-sync">
            {words(status.accounts.some((account) => account.lastSynced || account.state === 'paused') ? 'archive.syncAll' : 'archive.start')}
          </button>
        )}
      </div>
      <p className="muted">{words('archive.about')}</p>
      <ul className="archive-accounts">
        {status.accounts.map((account) => (
          <AccountRow key={account.accountId} account={account} now={now} />
        ))}
      </ul>
      {status.mediaMissing > 0 ? <p className="muted">{words('archive.mediaMissing', { count: status.mediaMissing })}</p> : null}
    </section>
  );
}
