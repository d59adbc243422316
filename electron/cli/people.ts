/**
 * `braid people find` and `braid people follow`: the people one account follows, found on the
 * other network with the evidence for each; then the chosen ones followed as one account, as
 * durable jobs (a run stopped part-way is finished by running it again: a follow that exists is
 * a success). `people find --from-file` looks for the people of a Twitter/X data export instead,
 * by handle and name only (every match a maybe). Progress on stderr, results on stdout (--json:
 * the same in every language).
 */
import type { FollowBatch } from '../../shared/contract.ts';
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { Evidence } from '../../shared/domain/find-people.ts';
import { findAccount } from './account-names.ts';
import { ServerError } from '../core/base/errors.ts';
import { CliError, exitCodeOf, exitCodes, usageError, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { oneLine, print, say } from './terminal.ts';
import { coreWording, coreWords, words } from './words.ts';

const progressEveryMs = 1000;

const evidenceJson = (item: Evidence) => ({ ...item });

/** The other account: the one named, else the only signed-in account on another network. */
function otherAccount(accounts: readonly AccountSummary[], from: AccountSummary, to: string | undefined): AccountSummary {
  if (to) return findAccount(accounts, to);
  const others = accounts.filter((account) => account.network !== from.network && account.status !== 'auth_expired');
  if (others.length !== 1) throw usageError({ id: 'cli.people.chooseTo' });
  return others[0]!;
}

/** The account to look with for a file's people: the one named, else the only signed-in one. */
function accountToLookWith(accounts: readonly AccountSummary[], to: string | undefined): AccountSummary {
  if (to) return findAccount(accounts, to);
  const usable = accounts.filter((account) => account.status !== 'auth_expired');
  if (usable.length !== 1) throw usageError({ id: 'cli.people.chooseTo' });
  return usable[0]!;
}

export async function findPeople(session: Session, options: { from?: string; fromFile?: string; to?: string; json?: boolean; names?: boolean; websites?: boolean }): Promise<ExitCode> {
  if ((options.from === undefined) === (options.fromFile === undefined)) throw usageError({ id: 'cli.people.chooseFrom' });
  const accounts = await session.call('accounts.list');
  const from = options.from === undefined ? null : findAccount(accounts, options.from);
  const to = from ? otherAccount(accounts, from, options.to) : accountToLookWith(accounts, options.to);
  let said = 0;
  const progress = ({ done, total }: { done: number; total: number }) => {
    if (Date.now() - said < progressEveryMs && done < total) return;
    said = Date.now();
    say(words('cli.people.looking', { done, total }));
  };
  const stop = session.core.events.subscribe((event, payload) => {
    if (event === 'people.finding') progress(payload as { done: number; total: number });
  });
  let result;
  let unnamed: number | null = null;
  try {
    if (from) result = await session.call('people.find', { from: from.id, to: to.id, byName: options.names !== false, readWebsites: options.websites !== false });
    else {
      // A file's people: a host's own call (no contract channel takes a path).
      const listed = await session.core.findListed(options.fromFile!, to.id, { onProgress: progress });
      unnamed = listed.unnamed;
      result = listed;
    }
  } catch (error) {
    // The core's refusal of the file (not an export, unreadable): the command's error, in the user's words.
    if (error instanceof ServerError && !from) throw new CliError(coreWording(error), exitCodeOf(error), error.code);
    throw error;
  } finally {
    stop();
  }
  const shown = (person: { handle: string; displayName: string }) => oneLine(person.handle || person.displayName);
  if (options.json) {
    print(
      JSON.stringify({
        from: from ? from.handle : options.fromFile,
        to: to.handle,
        unfinished: result.unfinished,
        ...(unnamed === null ? {} : { unnamed }),
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
      print(`${shown(match.person)}  →  ${oneLine(best.author.handle)}  ${words('cli.people.confidence', { confidence: best.confidence })}${best.following ? `  ${words('cli.people.following')}` : ''}`);
      for (const item of best.evidence) print(`  ${words('cli.people.evidence', { kind: item.kind, by: 'by' in item ? item.by : 'none', verified: 'verified' in item && item.verified ? 'yes' : 'no' })}`);
    }
    const found = result.matches.filter((match) => match.candidates.length > 0).length;
    say(words('cli.people.found', { found, total: result.matches.length }));
    if (result.unfinished > 0) say(words('cli.people.unfinished', { count: result.unfinished }));
  }
  if (unnamed !== null) say(words('cli.people.unnamed', { count: unnamed }));
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
  if (options.json) print(JSON.stringify({ to: to.handle, people: batch.people.map((person) => ({ who: person.label, state: person.state, requested: person.requested, error: person.error })) }));
  else {
    for (const person of batch.people) {
      if (person.state === 'failed' && person.error) say(words('cli.about', { subject: oneLine(person.label), message: oneLine(coreWords(person.error)) }));
    }
    print(words('cli.people.followed', { done: batch.done, total: batch.total, handle: to.handle, requested: batch.requested }));
  }
  return batch.failed > 0 ? exitCodes.failed : exitCodes.ok;
}
