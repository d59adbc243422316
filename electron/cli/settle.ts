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
      return 'queued';
    case 'uploading':
      return target.progress ? `uploading images (${target.progress.done} of ${target.progress.total})` : 'uploading images';
    case 'sending':
      return 'sending';
    case 'checking':
      return 'checking whether an earlier attempt was posted';
    case 'waiting':
      return `will try again at ${target.nextAttemptAt ? clock(target.nextAttemptAt) : 'once possible'}: ${oneLine(target.error?.message ?? '')}`;
    case 'scheduled':
      return `scheduled for ${target.nextAttemptAt ?? 'later'}`;
    case 'posted':
      return `posted ${target.urls.join(' ')}`.trim();
    case 'failed':
      return `failed: ${oneLine(target.error?.message ?? 'no reason given')}`;
  }
}

/** When waiting ends (epoch ms): --timeout seconds from now, or never. */
export const deadlineAfter = (seconds: number | undefined) => (seconds === undefined ? Infinity : Date.now() + seconds * 1000);

const pause = (deadline: number) => sleep(Math.max(0, Math.min(pollMs, deadline - Date.now())));

/** Each target's state on stderr, and the error (exit 1) that ends the command: the outbox stays as it is. */
function timedOut(entries: readonly OutboxEntry[], accounts: AccountsById): CliError {
  const targets = entries.flatMap((entry) => entry.targets);
  say('--timeout passed. Where each target is:');
  for (const target of targets) say(`  ${handleOf(accounts, target.accountId)}: ${progressOf(target)}`);
  const open = targets.filter((target) => !isSettled(target)).length;
  return new CliError(
    `--timeout passed with ${open} of ${targets.length} target${targets.length === 1 ? '' : 's'} not settled. They stay in the outbox as they are: \`braid outbox retry\` finishes them later without posting twice.`,
    exitCodes.failed,
  );
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
      const line = `${handleOf(accounts, target.accountId)}: ${progressOf(target)}`;
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
      say(`--timeout passed: ${busy.length} earlier post${busy.length === 1 ? '' : 's'} not finished; \`braid outbox retry\` finishes ${busy.length === 1 ? 'it' : 'them'} later.`);
      return;
    }
    if (!told) say(`Finishing ${busy.length} earlier post${busy.length === 1 ? '' : 's'} that a stopped run left in the outbox…`);
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
    const detail = target.state === 'failed' ? oneLine(target.error?.message ?? '') : target.urls.join(' ');
    print(`${target.state.padEnd(9)} ${handleOf(accounts, target.accountId)}  ${detail}`.trimEnd());
  }
}

/** Tells how to fix each target that needs a new sign-in. */
export function adviseSignIn(entries: readonly OutboxEntry[], accounts: AccountsById): void {
  for (const target of entries.flatMap((entry) => entry.targets).filter(needsSignIn)) {
    const account = accounts.get(target.accountId);
    say(
      account
        ? `${oneLine(account.handle)} needs to sign in again: run \`braid accounts add ${account.network}\`, then \`braid outbox retry ${target.jobId}\`.`
        : `The account ${target.accountId} is no longer in Braid: \`braid outbox discard\` removes this post from the outbox.`,
    );
  }
}
