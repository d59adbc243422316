/**
 * Waiting for the outbox: each target's progress on stderr as it changes, until every watched
 * target has settled (posted, failed, or held by its server); a target waiting to try again is
 * waited for, unless --timeout passes first. Then the results on stdout, and the exit code they
 * mean.
 */
import type { AccountSummary } from '../../shared/domain/account.ts';
import type { OutboxEntry, TargetStatus } from '../../shared/domain/draft.ts';
import { CliError, exitCodes, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { oneLine, print, say } from './terminal.ts';
import { coreWords, words } from './words.ts';

const pollMs = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const isSettled = (target: TargetStatus) => target.state === 'posted' || target.state === 'failed' || target.state === 'scheduled';
/** Started by this process and not ended yet: leaving now would cut it off. */
const isInFlight = (target: TargetStatus) => ['queued', 'uploading', 'sending', 'checking'].includes(target.state);

export type AccountsById = ReadonlyMap<string, AccountSummary>;
export const accountsById = (accounts: readonly AccountSummary[]): AccountsById => new Map(accounts.map((account) => [account.id, account]));

export const handleOf = (accounts: AccountsById, accountId: string) => {
  const account = accounts.get(accountId);
  return account ? oneLine(account.handle) : accountId;
};

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

function progressOf(target: TargetStatus): string {
  switch (target.state) {
    case 'queued':
      return words('cli.progress.queued');
    case 'uploading':
      return target.progress ? words('cli.progress.uploadingCount', { done: target.progress.done, total: target.progress.total }) : words('cli.progress.uploading');
    case 'sending':
      return words('cli.progress.sending');
    case 'checking':
      return words('cli.progress.checking');
    case 'waiting': {
      const reason = target.error ? oneLine(coreWords(target.error)) : '';
      return target.nextAttemptAt ? words('cli.progress.waitingUntil', { time: clock(target.nextAttemptAt), reason }) : words('cli.progress.waiting', { reason });
    }
    case 'scheduled':
      return target.nextAttemptAt ? words('cli.progress.scheduledFor', { time: target.nextAttemptAt }) : words('cli.progress.scheduled');
    case 'posted':
      return words('cli.progress.posted', { links: target.urls.join(' ') }).trim();
    case 'failed':
      return words('cli.progress.failed', { reason: target.error ? oneLine(coreWords(target.error)) : words('cli.progress.noReason') });
  }
}

/** "handle: what happens", in the user's language. */
const progressLine = (accounts: AccountsById, target: TargetStatus) => words('cli.about', { subject: handleOf(accounts, target.accountId), message: progressOf(target) });

/** When waiting ends (epoch ms): --timeout seconds from now, or never. */
export const deadlineAfter = (seconds: number | undefined) => (seconds === undefined ? Infinity : Date.now() + seconds * 1000);

const pause = (deadline: number) => sleep(Math.max(0, Math.min(pollMs, deadline - Date.now())));

/** Each target's state on stderr, and the error (exit 1) that ends the command: the outbox stays as it is. */
function timedOut(entries: readonly OutboxEntry[], accounts: AccountsById): CliError {
  const targets = entries.flatMap((entry) => entry.targets);
  say(words('cli.timeout.where'));
  for (const target of targets) say(`  ${progressLine(accounts, target)}`);
  const open = targets.filter((target) => !isSettled(target)).length;
  return new CliError({ id: 'cli.timeout.passed', values: { open, count: targets.length } }, exitCodes.failed);
}

/**
 * Polls the outbox until every target of the watched entries has settled; prints each change.
 * Past `deadline`: a CliError (exit 1) after each target's state.
 */
export async function waitUntilSettled(session: Session, watched: (entry: OutboxEntry) => boolean, accounts: AccountsById, deadline = Infinity): Promise<OutboxEntry[]> {
  const shown = new Map<string, string>();
  for (;;) {
    const entries = (await session.call('outbox.list')).filter(watched);
    for (const target of entries.flatMap((entry) => entry.targets)) {
      const line = progressLine(accounts, target);
      if (shown.get(target.jobId) !== line) say(line);
      shown.set(target.jobId, line);
    }
    if (entries.every((entry) => entry.targets.every(isSettled))) return entries;
    if (Date.now() >= deadline) throw timedOut(entries, accounts);
    await pause(deadline);
  }
}

/**
 * Waits for sends of other drafts that this process resumed and has not finished (a killed
 * run's), until `deadline`: then leaves them to a later `braid outbox retry`.
 */
export async function finishOthers(session: Session, except: ReadonlySet<string>, deadline = Infinity): Promise<void> {
  let told = false;
  for (;;) {
    const busy = (await session.call('outbox.list')).filter((entry) => !except.has(entry.draftId) && entry.targets.some(isInFlight));
    if (busy.length === 0) return;
    if (Date.now() >= deadline) {
      say(words('cli.timeout.others', { count: busy.length }));
      return;
    }
    if (!told) say(words('cli.finishingOthers', { count: busy.length }));
    told = true;
    await pause(deadline);
  }
}

/** Whether a failure needs the user to sign in again (or the account is gone). */
const needsSignIn = (target: TargetStatus) => target.state === 'failed' && (target.error?.code === 'auth_expired' || target.error?.code === 'not_found');

export function exitCodeOfResults(entries: readonly OutboxEntry[]): ExitCode {
  const targets = entries.flatMap((entry) => entry.targets);
  if (targets.some(needsSignIn)) return exitCodes.setup;
  if (targets.some((target) => target.state === 'failed')) return exitCodes.failed;
  return exitCodes.ok;
}

/** One target as --json shows it. */
export const targetJson = (target: TargetStatus, accounts: AccountsById) => ({
  jobId: target.jobId,
  account: target.accountId,
  handle: accounts.get(target.accountId)?.handle ?? null,
  network: accounts.get(target.accountId)?.network ?? null,
  state: target.state,
  urls: target.urls,
  error: target.error ? { code: target.error.code, message: target.error.message } : null,
});

export function printResults(entries: readonly OutboxEntry[], accounts: AccountsById): void {
  for (const target of entries.flatMap((entry) => entry.targets)) {
    const detail = target.state === 'failed' && target.error ? oneLine(coreWords(target.error)) : target.state === 'failed' ? '' : target.urls.join(' ');
    print(`${words('cli.state', { state: target.state }).padEnd(9)} ${handleOf(accounts, target.accountId)}  ${detail}`.trimEnd());
  }
}

/** Tells how to fix each target that needs a new sign-in. */
export function adviseSignIn(entries: readonly OutboxEntry[], accounts: AccountsById): void {
  for (const target of entries.flatMap((entry) => entry.targets).filter(needsSignIn)) {
    const account = accounts.get(target.accountId);
    say(
      account
        ? words('cli.advise.signIn', { handle: oneLine(account.handle), network: account.network, job: target.jobId })
        : words('cli.advise.gone', { account: target.accountId }),
    );
  }
}
