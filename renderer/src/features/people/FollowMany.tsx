import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FollowBatch } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Author } from '../../../../shared/domain/post.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { call, onEvent } from '../../api.ts';

/** Follows the ticked people as one account, as durable jobs (they go on after a restart), with each one's result. */
export function FollowMany({ account, people }: { account: AccountSummary; people: Author[] }) {
  const words = useWords();
  const [batch, setBatch] = useState<FollowBatch | null>(null);
  const start = useMutation({
    mutationFn: () => call('people.followMany', { accountId: account.id, people: people.map((author) => ({ who: author, label: author.handle })) }),
    onSuccess: setBatch,
  });
  useEffect(() => onEvent('people.followBatch', (changed) => setBatch((current) => (current && current.batch === changed.batch ? changed : current))), []);
  return (
    <div className="follow-many">
      <button type="button" className="button button-primary" disabled={people.length === 0 || start.isPending} onClick={() => start.mutate()} data-testid="follow-many">
        {words('find.follow', { count: people.length, handle: account.handle })}
      </button>
      {start.error ? <p className="form-error">{start.error.message}</p> : null}
      {batch ? (
        <div role="status" data-testid="follow-batch" data-done={batch.done} data-failed={batch.failed}>
          <progress max={batch.total} value={batch.done + batch.failed} aria-label={words('find.followProgress', { done: batch.done, total: batch.total })} />
          <p className="muted">{words('find.followProgress', { done: batch.done, total: batch.total })}</p>
          {batch.requested > 0 ? (
            <p className="muted" data-testid="follow-requested">
              {words('find.requested', { count: batch.requested, handle: batch.people.find((person) => person.requested)?.label ?? '' })}
            </p>
          ) : null}
          <ul className="find-results">
            {batch.people
              .filter((person) => person.state === 'failed')
              .map((person) => (
                <li key={person.label} className="form-error">
                  {`@${person.label}: `}
                  {person.error ? <ErrorText error={person.error} /> : null}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
