/**
 * `braid outbox list|retry|discard`: the app's outbox, from a terminal. Retry resumes what a
 * stopped run left (each target keeps its idempotency keys: nothing is posted twice) and tries
 * failed targets again, then waits until everything it touched has settled (or --timeout
 * passes). Nothing is resumed before the job named has been found.
 */
import type { OutboxEntry, TargetStatus } from '../../shared/domain/draft.ts';
import type { RefusalFix } from '../../shared/compose/plan.ts';
import { exitCodes, usageError, type ExitCode } from './exit.ts';
import type { Session } from './session.ts';
import { accountsById, type AccountsById, adviseSignIn, deadlineAfter, exitCodeOfResults, handleOf, isSettled, printResults, targetJson, waitUntilSettled } from './settle.ts';
import { oneLine, print, say } from './terminal.ts';
import { coreWords, words } from './words.ts';

const preview = (text: string) => {
  const line = oneLine(text);
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
};

export async function listOutbox(session: Session, { json = false }): Promise<void> {
  const byId = accountsById(await session.call('accounts.list'));
  const entries = await session.call('outbox.list');
  if (json) {
    print(JSON.stringify(entries.map((entry) => ({ ...entry, targets: entry.targets.map((target) => targetJson(target, byId)) }))));
    return;
  }
  if (entries.length === 0) {
    say(words('cli.outbox.empty'));
    return;
  }
  for (const entry of entries) {
    print(words('cli.outbox.entry', { draft: entry.draftId, time: entry.sentAt, text: preview(entry.text) }));
    for (const target of entry.targets) {
      // This process resumed nothing: a target still "on its way" is one a stopped run left.
      const state = isSettled(target) || target.state === 'waiting' ? target.state : 'stopped';
      const detail = target.error ? oneLine(coreWords(target.error)) : target.urls.join(' ');
      print(`  ${target.jobId}  ${words('cli.state', { state }).padEnd(8)} ${handleOf(byId, target.accountId)}  ${detail}`.trimEnd());
    }
  }
  if (entries.some((entry) => entry.targets.some((target) => !isSettled(target)))) {
    say(words('cli.outbox.retryHint'));
  }
}

/** Retries a failed target; one refused as too long only with a fix (as it is, it would be refused again). */
async function retryTarget(session: Session, target: TargetStatus, fix: RefusalFix | undefined, byId: AccountsById): Promise<void> {
  if (target.error?.code !== 'too_long') return void (await session.call('outbox.retry', { jobId: target.jobId }));
  if (fix) return void (await session.call('outbox.retry', { jobId: target.jobId, fix }));
  say(words('cli.outbox.tooLong', { handle: handleOf(byId, target.accountId) }));
}

export async function retryOutbox(
  session: Session,
  jobId: string | undefined,
  { json = false, timeout, fix }: { json?: boolean; timeout?: number; fix?: RefusalFix | undefined },
): Promise<ExitCode> {
  const byId = accountsById(await session.call('accounts.list'));
  const entries = await session.call('outbox.list');
  let watched: (entry: OutboxEntry) => boolean;
  if (jobId !== undefined) {
    const entry = entries.find((candidate) => candidate.targets.some((target) => target.jobId === jobId));
    if (!entry) throw usageError({ id: 'cli.outbox.noTarget', values: { job: oneLine(jobId) } });
    session.resumeSending();
    const target = entry.targets.find((candidate) => candidate.jobId === jobId)!;
    if (target.state === 'failed') await retryTarget(session, target, fix, byId);
    watched = (candidate) => candidate.draftId === entry.draftId;
  } else {
    const unsettled = new Set(entries.filter((entry) => entry.targets.some((target) => !isSettled(target) || target.state === 'failed')).map((entry) => entry.draftId));
    if (unsettled.size === 0) {
      say(words('cli.outbox.nothingToRetry'));
      if (json) print(JSON.stringify({ targets: [] }));
      return exitCodes.ok;
    }
    session.resumeSending();
    const failed = entries.flatMap((entry) => entry.targets.filter((target) => target.state === 'failed'));
    for (const target of failed) await retryTarget(session, target, fix, byId);
    watched = (entry) => unsettled.has(entry.draftId);
  }
  const settled = await waitUntilSettled(session, watched, byId, deadlineAfter(timeout));
  if (json) print(JSON.stringify({ targets: settled.flatMap((entry) => entry.targets.map((target) => targetJson(target, byId))) }));
  else printResults(settled, byId);
  adviseSignIn(settled, byId);
  return exitCodeOfResults(settled);
}

export async function discardFromOutbox(session: Session, draftId: string): Promise<void> {
  const entry = (await session.call('outbox.list')).find((candidate) => candidate.draftId === draftId);
  if (!entry) throw usageError({ id: 'cli.outbox.noPost', values: { draft: oneLine(draftId) } });
  await session.call('outbox.discard', { draftId });
  print(words('cli.outbox.removed', { text: preview(entry.text) }));
}
