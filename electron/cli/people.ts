/**
 * `braid people find` and `braid people follow`: the people one account follows, found on the
 * other network with the evidence for each; then the chosen ones followed as one account, as
 * durable jobs (a run stopped part-way is finished by running it again: a follow that exists is
 * a success). Progress on stderr, results on stdout (--json: the same in every language).
 */
import type { FollowBatch } from '../../shared/contract.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { Evidence } from '../../shared/domain/find-people.ts';
import { findAccount } from './account-names.ts';
import { exitCodes, usageError, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { oneLine, print, say } from './terminal.ts';
import { coreWords, words } from './words.ts';

const progressEveryMs = 1000;

const evidenceJson = (item: Evidence) => ({ ...item });

/** The other account: the one named, else the only signed-in account on another network. */
function otherAccount(accounts: readonly AccountSummary[], from: AccountSummary, to: string | undefined): AccountSummary {
  if (to) return findAccount(accounts, to);
  const others = accounts.filter((account) => account.network !== from.network && account.status !== 'auth_expired');
  if (others.length !== 1) throw usageError({ id: 'cli.people.chooseTo' });
  return others[0]!;
}

export async function findPeople(session: Session, options: { from: string; to?: string; json?: boolean; names?: boolean }): Promise<ExitCode> {
  const accounts = await session.call('accounts.list');
  const from = findAccount(accounts, options.from);
  const to = otherAccount(accounts, from, options.to);
  let said = 0;
  const stop = session.core.events.subscribe((event, payload) => {
    if (event !== 'people.finding') return;
    const { done, total } = payload as { done: number; total: number };
    if (Date.now() - said < progressEveryMs && done < total) return;
    said = Date.now();
    say(words('cli.people.looking', { done, total }));
  });
  let result;
  try {
    result = await session.call('people.find', { from: from.id, to: to.id, byName: options.names !== false });
  } finally {
    stop();
  }
  if (options.json) {
    print(
      JSON.stringify({
        from: from.handle,
        to: to.handle,
        unfinished: result.unfinished,
        people: result.matches.map((match) => ({
          person: { handle: match.person.handle, displayName: match.person.displayName },
          found: match.candidates.map((candidate) => ({ handle: candidate.author.handle, id: candidate.author.id, confidence: candidate.confidence, following: candidate.following, evidence: candidate.evidence.map(evidenceJson) })),
        })),
      }),
    );
  } else {
    for (const match of result.matches) {
      const [best] = match.candidates;
      if (!best) continue;
      print(`${oneLine(match.person.handle)}  →  ${oneLine(best.author.handle)}  ${words('cli.people.confidence', { confidence: best.confidence })}${best.following ? `  ${words('cli.people.following')}` : ''}`);
      for (const item of best.evidence) print(`  ${words('cli.people.evidence', { kind: item.kind, by: 'by' in item ? item.by : 'none', verified: 'verified' in item && item.verified ? 'yes' : 'no' })}`);
    }
    const found = result.matches.filter((match) => match.candidates.length > 0).length;
    say(words('cli.people.found', { found, total: result.matches.length }));
    if (result.unfinished > 0) say(words('cli.people.unfinished', { count: result.unfinished }));
  }
  return result.unfinished > 0 ? exitCodes.failed : exitCodes.ok;
}

export async function followPeople(session: Session, people: readonly string[], options: { to: string; json?: boolean }): Promise<ExitCode> {
  if (people.length === 0) throw usageError({ id: 'cli.people.nobody' });
  const accounts = await session.call('accounts.list');
  const to = findAccount(accounts, options.to);
  let batch: FollowBatch = await session.call('people.followMany', { accountId: to.id, people: people.map((who) => ({ who, label: who })) });
  let said = 0;
  while (batch.done + batch.failed < batch.total) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    batch = await session.call('people.followBatch', { batch: batch.batch });
    if (Date.now() - said >= progressEveryMs) {
      said = Date.now();
      say(words('cli.people.following.progress', { done: batch.done, total: batch.total }));
    }
  }
  if (options.json) print(JSON.stringify({ to: to.handle, people: batch.people.map((person) => ({ who: person.label, state: person.state, error: person.error })) }));
  else {
    for (const person of batch.people) {
      if (person.state === 'failed' && person.error) say(words('cli.about', { subject: oneLine(person.label), message: oneLine(coreWords(person.error)) }));
    }
    print(words('cli.people.followed', { done: batch.done, total: batch.total, handle: to.handle }));
  }
  return batch.failed > 0 ? exitCodes.failed : exitCodes.ok;
}
