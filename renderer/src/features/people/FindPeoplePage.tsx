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
import { handOver } from '../../state/files.ts';

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
          {words(match.person.network === 'twitter' ? 'find.onTwitter' : 'find.whoYouFollow', { name: match.person.displayName || match.person.handle, handle: match.person.handle })}
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

/** What a search found: the people with their matches, ticks for the sure and likely ones, and the bulk follow. */
function FindResults({ result, toAccount, unnamed }: { result: FindPeopleResult; toAccount: AccountSummary | undefined; unnamed?: number }) {
  const words = useWords();
  const heading = useId();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const found = result.matches.filter((match) => match.candidates.length > 0);
  const missing = result.matches.length - found.length;
  const tickKey = (candidate: Candidate) => candidate.author.id;
  const sure = found.flatMap((match) => match.candidates.filter((candidate) => candidate.confidence === 'sure' && !candidate.following));
  const chosen = found.flatMap((match) => match.candidates.filter((candidate) => ticked.has(tickKey(candidate))));
  const tickable = found.some((match) => match.candidates.some((candidate) => candidate.confidence !== 'maybe'));
  return (
    <section aria-labelledby={heading} data-testid="find-results">
      <h3 id={heading} className="search-heading">
        {words('find.found', { found: found.length, total: result.matches.length })}
      </h3>
      {result.unfinished > 0 ? <p className="form-error">{words('find.unfinished', { count: result.unfinished })}</p> : null}
      {unnamed ? <p className="muted">{words('find.unnamed', { count: unnamed })}</p> : null}
      {tickable ? (
        <div className="find-actions">
          <button type="button" className="button" disabled={sure.length === 0} onClick={() => setTicked(new Set(sure.map(tickKey)))}>
            {words('find.tickSure', { count: sure.length })}
          </button>
          {toAccount ? <FollowMany account={toAccount} people={chosen.map((candidate) => candidate.author)} /> : null}
        </div>
      ) : null}
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
  );
}

/** How far a look has come (people.finding: of the export's people, or of an account's), and a reset for the next look. */
function useFindingProgress(ofExport: boolean) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent('people.finding', ({ from, done, total }) => (from === 'twitter') === ofExport && setProgress({ done, total })), [ofExport]);
  return [progress, () => setProgress(null)] as const;
}

function FindingProgress({ done, total }: { done: number; total: number }) {
  const words = useWords();
  return (
    <p role="status" className="muted">
      {words('find.progress', { done, total })}
    </p>
  );
}

function AccountOptions({ accounts }: { accounts: AccountSummary[] }) {
  return accounts.map((account) => <option key={account.id} value={account.id}>{`@${account.handle} (${account.network})`}</option>);
}

/** For everyone one account follows, the same person on another network, with the evidence; ticked ones are followed as a chosen account. */
function FromAccounts({ choices }: { choices: AccountSummary[] }) {
  const words = useWords();
  const ids = useId();
  const [from, setFrom] = useState(choices[0]?.id ?? '');
  const fromNetwork = choices.find((account) => account.id === from)?.network;
  const targets = choices.filter((account) => account.network !== fromNetwork);
  const [to, setTo] = useState(targets[0]?.id ?? '');
  const toAccount = targets.find((account) => account.id === to) ?? targets[0];
  const [readWebsites, setReadWebsites] = useState(true);
  const find = useMutation({ mutationFn: (request: { from: string; to: string; readWebsites: boolean }) => call('people.find', request) });
  const [progress, resetProgress] = useFindingProgress(false);

  if (targets.length === 0) return <p className="muted">{words('find.needTwo')}</p>;
  return (
    <>
      <p className="muted">{words('find.about')}</p>
      <form
        className="find-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!toAccount) return;
          resetProgress();
          find.mutate({ from, to: toAccount.id, readWebsites });
        }}
      >
        <label htmlFor={`${ids}-from`}>{words('find.from')}</label>
        <select id={`${ids}-from`} value={from} onChange={(event) => setFrom(event.target.value)}>
          <AccountOptions accounts={choices} />
        </select>
        <label htmlFor={`${ids}-to`}>{words('find.to')}</label>
        <select id={`${ids}-to`} value={toAccount?.id ?? ''} onChange={(event) => setTo(event.target.value)}>
          <AccountOptions accounts={targets} />
        </select>
        <label className="find-option">
          <input type="checkbox" checked={readWebsites} onChange={(event) => setReadWebsites(event.target.checked)} />
          {words('find.readWebsites')}
        </label>
        <button type="submit" className="button button-primary" disabled={find.isPending} data-testid="find-run">
          {words(find.isPending ? 'find.looking' : 'find.look')}
        </button>
      </form>
      {find.isPending && progress ? <FindingProgress {...progress} /> : null}
      {find.error ? <ErrorPanel title={words('find.failed')} error={find.error} /> : null}
      {find.data ? <FindResults key={find.submittedAt} result={find.data} toAccount={toAccount} /> : null}
    </>
  );
}

/** The people of a Twitter/X data export, looked for by name and username on one of the user's networks. */
function FromExport({ choices }: { choices: AccountSummary[] }) {
  const words = useWords();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [to, setTo] = useState(choices[0]?.id ?? '');
  const toAccount = choices.find((account) => account.id === to) ?? choices[0];
  const [sent, setSent] = useState<number | null>(null);
  const find = useMutation({
    mutationFn: async ({ file, to }: { file: File; to: string }) => {
      setSent(0);
      const fileId = await handOver(file, setSent).finally(() => setSent(null));
      try {
        return await call('people.findExport', { fileId, to });
      } finally {
        void call('files.discard', { fileId }).catch(() => undefined);
      }
    },
  });
  const [progress, resetProgress] = useFindingProgress(true);
  return (
    <>
      <p className="muted">{words('find.exportAbout')}</p>
      <form
        className="find-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file || !toAccount) return;
          resetProgress();
          find.mutate({ file, to: toAccount.id });
        }}
      >
        <label htmlFor={`${ids}-file`}>{words('find.exportFile')}</label>
        <input id={`${ids}-file`} type="file" accept=".zip,application/zip" onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="find-export-file" />
        <label htmlFor={`${ids}-to`}>{words('find.to')}</label>
        <select id={`${ids}-to`} value={toAccount?.id ?? ''} onChange={(event) => setTo(event.target.value)}>
          <AccountOptions accounts={choices} />
        </select>
        <button type="submit" className="button button-primary" disabled={!file || find.isPending} data-testid="find-export-run">
          {words(find.isPending ? 'find.looking' : 'find.look')}
        </button>
      </form>
      {sent !== null && file ? (
        <p role="status" className="muted">
          {words('find.reading', { percent: file.size > 0 ? Math.floor((100 * sent) / file.size) : 100 })}
        </p>
      ) : find.isPending && progress ? (
        <FindingProgress {...progress} />
      ) : null}
      {find.error ? <ErrorPanel title={words('find.failed')} error={find.error} /> : null}
      {find.data ? <FindResults key={find.submittedAt} result={find.data} toAccount={toAccount} unnamed={find.data.unnamed} /> : null}
    </>
  );
}

/** Finding your people: from another network you are on, or from a platform you left (its data export). */
export function FindPeoplePage({ accounts }: { accounts: AccountSummary[] }) {
  const words = useWords();
  const ids = useId();
  const choices = accounts.filter(usable);
  if (choices.length === 0) return <p className="muted">{words('find.needTwo')}</p>;
  return (
    <div className="find-people">
      <section aria-labelledby={`${ids}-accounts`}>
        <h2 id={`${ids}-accounts`} className="search-heading">
          {words('find.fromAccounts')}
        </h2>
        <FromAccounts choices={choices} />
      </section>
      <section aria-labelledby={`${ids}-export`}>
        <h2 id={`${ids}-export`} className="search-heading">
          {words('find.exportTitle')}
        </h2>
        <FromExport choices={choices} />
      </section>
    </div>
  );
}
