import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Candidate, Evidence, FindPeopleResult, PersonMatch } from '../../../../shared/domain/find-people.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { call, onEvent } from '../../api.ts';
import { useNavigation } from '../../state/navigation.ts';
import { AuthorAvatar } from '../timeline/AuthorLine.tsx';
import { FollowMany } from './FollowMany.tsx';

const usable = (account: AccountSummary) => account.status !== 'auth_expired';

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const words = useWords();
  return (
    <ul className="find-evidence">
      {evidence.map((item, index) => (
        <li key={index}>{words('find.evidence', { kind: item.kind, by: 'by' in item ? item.by : 'none', verified: 'verified' in item && item.verified ? 'yes' : 'no' })}</li>
      ))}
    </ul>
  );
}

function CandidateRow({ match, candidate, ticked, onTick, to }: { match: PersonMatch; candidate: Candidate; ticked: boolean; onTick: (on: boolean) => void; to: string }) {
  const words = useWords();
  const { go } = useNavigation();
  const id = useId();
  // A name alone is never followed in bulk: its profile opens, to follow from there.
  const tickable = candidate.confidence !== 'maybe' && !candidate.following;
  return (
    <li className="find-candidate" data-testid="find-candidate" data-confidence={candidate.confidence} data-handle={candidate.author.handle}>
      {tickable ? <input id={id} type="checkbox" checked={ticked} onChange={(event) => onTick(event.target.checked)} /> : <span className="find-tick-space" />}
      <AuthorAvatar author={candidate.author} size={36} />
      <div className="find-names">
        <label htmlFor={tickable ? id : undefined} className="find-name" dir="auto">
          {candidate.author.displayName || candidate.author.handle} <span className="muted">@{candidate.author.handle}</span>
        </label>
        <span className="muted find-from" dir="auto">
          {words('find.whoYouFollow', { name: match.person.displayName || match.person.handle, handle: match.person.handle })}
        </span>
        <EvidenceList evidence={candidate.evidence} />
      </div>
      <div className="find-state">
        <span className="find-confidence" data-confidence={candidate.confidence}>
          {words('find.confidence', { confidence: candidate.confidence })}
        </span>
        {candidate.following ? <span className="muted">{words('find.following')}</span> : null}
        <button type="button" className="button button-quiet" onClick={() => go({ name: 'person', accountId: to, who: candidate.author.id })}>
          {words('find.openProfile')}
        </button>
      </div>
    </li>
  );
}

/** For everyone one account follows, the same person on another network, with the evidence; ticked ones are followed as a chosen account. */
export function FindPeoplePage({ accounts }: { accounts: AccountSummary[] }) {
  const words = useWords();
  const ids = useId();
  const choices = accounts.filter(usable);
  const [from, setFrom] = useState(choices[0]?.id ?? '');
  const fromNetwork = choices.find((account) => account.id === from)?.network;
  const targets = choices.filter((account) => account.network !== fromNetwork);
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const toAccount = targets.find((account) => account.id === to) ?? targets[0];
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const find = useMutation({ mutationFn: (request: { from: string; to: string }) => call('people.find', request), onSuccess: () => setTicked(new Set()) });
  useEffect(() => onEvent('people.finding', ({ done, total }) => setProgress({ done, total })), []);

  if (choices.length < 2 || targets.length === 0) return <p className="muted">{words('find.needTwo')}</p>;
  const result: FindPeopleResult | undefined = find.data;
  const found = result?.matches.filter((match) => match.candidates.length > 0) ?? [];
  const missing = result ? result.matches.length - found.length : 0;
  const tickKey = (candidate: Candidate) => candidate.author.id;
  const sure = found.flatMap((match) => match.candidates.filter((candidate) => candidate.confidence === 'sure' && !candidate.following));
  const chosen = found.flatMap((match) => match.candidates.filter((candidate) => ticked.has(tickKey(candidate))));
  return (
    <div className="find-people">
      <p className="muted">{words('find.about')}</p>
      <form
        className="find-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (toAccount) {
            setProgress(null);
            find.mutate({ from, to: toAccount.id });
          }
        }}
      >
        <label htmlFor={`${ids}-from`}>{words('find.from')}</label>
        <select id={`${ids}-from`} value={from} onChange={(event) => setFrom(event.target.value)}>
          {choices.map((account) => (
            <option key={account.id} value={account.id}>{`@${account.handle} (${account.network})`}</option>
          ))}
        </select>
        <label htmlFor={`${ids}-to`}>{words('find.to')}</label>
        <select id={`${ids}-to`} value={toAccount?.id ?? ''} onChange={(event) => setTo(event.target.value)}>
          {targets.map((account) => (
            <option key={account.id} value={account.id}>{`@${account.handle} (${account.network})`}</option>
          ))}
        </select>
        <button type="submit" className="button button-primary" disabled={find.isPending} data-testid="find-run">
          {words(find.isPending ? 'find.looking' : 'find.look')}
        </button>
      </form>
      {find.isPending && progress ? (
        <p role="status" className="muted">
          {words('find.progress', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
      {find.error ? <ErrorPanel title={words('find.failed')} error={find.error} /> : null}
      {result ? (
        <section aria-labelledby={`${ids}-results`}>
          <h2 id={`${ids}-results`} className="search-heading">
            {words('find.found', { found: found.length, total: result.matches.length })}
          </h2>
          {result.unfinished > 0 ? <p className="form-error">{words('find.unfinished', { count: result.unfinished })}</p> : null}
          <div className="find-actions">
            <button type="button" className="button" disabled={sure.length === 0} onClick={() => setTicked(new Set(sure.map(tickKey)))}>
              {words('find.tickSure', { count: sure.length })}
            </button>
            {toAccount ? <FollowMany account={toAccount} people={chosen.map((candidate) => candidate.author)} /> : null}
          </div>
          <ul className="find-list">
            {found.flatMap((match) =>
              match.candidates.map((candidate) => (
                <CandidateRow
                  key={`${match.person.id} ${candidate.author.id}`}
                  match={match}
                  candidate={candidate}
                  to={result.to}
                  ticked={ticked.has(tickKey(candidate))}
                  onTick={(on) => {
                    const next = new Set(ticked);
                    if (on) next.add(tickKey(candidate));
                    else next.delete(tickKey(candidate));
                    setTicked(next);
                  }}
                />
              )),
            )}
          </ul>
          {missing > 0 ? <p className="muted">{words('find.notFound', { count: missing })}</p> : null}
        </section>
      ) : null}
    </div>
  );
}
