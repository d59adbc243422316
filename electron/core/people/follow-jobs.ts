/**
 * Bulk follows as durable jobs, like the outbox: the people the user ticked are saved (one job
 * each, one transaction) before any request goes out, then followed one at a time per account, in
 * the order they were ticked, in parallel across accounts. Nothing is followed that was not added
 * here, and only `add` adds: the user's tick is the only way in. (A person waiting out a failure
 * lets the next go first; a rate limit holds the whole account.)
 *
 * Every step is in SQLite (follow-jobs-store.ts), so a crash at any point resumes without losing a
 * follow: a job found 'following' after a restart (its request may or may not have reached the
 * server) is simply tried again, which is safe because a follow is idempotent on the server (a
 * follow that exists is a success, and answers the relationship as it is). Nothing can be doubled.
 *
 * Failures: a rate limit (`rate_limited` with the server's reset time) holds the whole account
 * until then and does not count as an attempt; other failures that pass by themselves (no answer,
 * a server error) are tried again with backoff up to the policy's attempts; any other (signed out,
 * not found, invalid) fails the job at once, with its error, shown per person.
 */
import { randomUUID } from 'node:crypto';
import type { AppError, FollowBatch, Result } from '../../../shared/contract.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { whoSchema, type Relationship, type Who } from '../../../shared/domain/profile.ts';
import { nextAttempt, defaultRetryPolicy, type RetryPolicy } from '../compose/retry-policy.ts';
import { appError, errorOf, phrase, ServerError } from '../base/errors.ts';
import type { Logger } from '../base/logger.ts';
import type { Database } from '../store/database.ts';
import { createFollowJobsStore, type FollowJob, type FollowState } from './follow-jobs-store.ts';

export type { FollowJob, FollowState } from './follow-jobs-store.ts';

/** A failed follow's error; `retryAt` (epoch ms) when the server said when to come back. */
export type FollowFailure = AppError & { retryAt?: number | undefined };

export interface FollowJobsDeps {
  db: Database;
  /**
   * Follows the person as the account (idempotent: a follow that exists answers the relationship).
   * A failure may be answered (its error may carry `retryAt`) or thrown as a ServerError.
   */
  relate: (accountId: string, who: Who) => Promise<Result<Relationship>>;
  accounts: () => AccountSummary[];
  /** A batch's status changed (changes that come together are told once). */
  changed?: (status: FollowBatchStatus) => void;
  policy?: RetryPolicy;
  now?: () => number;
  log?: Logger;
}

/** One person of a batch, as the window shows them. */
export interface FollowPersonStatus {
  jobId: string;
  label: string;
  state: FollowState;
  /** Why it failed; while queued, the failure it is waiting out (null when none). */
  error: AppError | null;
  /** When a waiting follow is tried again. */
  nextAttemptAt: string | null;
  attempts: number;
  /** Done as a request the person has to approve (a locked account). */
  requested: boolean;
}

export interface FollowBatchStatus {
  batch: string;
  accountId: string;
  people: FollowPersonStatus[];
  counts: Record<FollowState, number> & { total: number };
  /** Every person done or failed. */
  ended: boolean;
}

/** People ticked at once: at most this many a batch. */
export const maxPeoplePerBatch = 5000;
const longestTimerMs = 2 ** 31 - 1;

/** The same person twice in one batch is followed once. */
const keyOf = (who: Who) => (typeof who === 'string' ? who.trim().replace(/^@/, '').toLowerCase() : who.id);

function statusOf(batch: string, jobs: FollowJob[]): FollowBatchStatus {
  const counts = { queued: 0, following: 0, done: 0, failed: 0, total: jobs.length };
  for (const job of jobs) counts[job.state] += 1;
  return {
    batch,
    accountId: jobs[0]?.accountId ?? '',
    people: jobs.map((job) => ({
      jobId: job.id,
      label: job.label,
      state: job.state,
      error: job.error,
      nextAttemptAt: job.state === 'queued' ? job.nextAttemptAt : null,
      attempts: job.attempts,
      requested: job.requested,
    })),
    counts,
    ended: counts.done + counts.failed === counts.total,
  };
}

/** A rate limit holds its account's whole lane: its jobs wait until the server's reset. */
const heldUntil = (job: FollowJob): number => (job.error?.code === 'rate_limited' && job.nextAttemptAt ? Date.parse(job.nextAttemptAt) : 0);

export function createFollowJobs(deps: FollowJobsDeps) {
  const { policy = defaultRetryPolicy, now = Date.now } = deps;
  const store = createFollowJobsStore(deps.db);
  /** Jobs whose follow is under way in this process. */
  const running = new Set<string>();
  /** Per account, its one follow under way: one request at a time per account. */
  const lanes = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // Changes that come together go out as one event per batch.
  const pending = new Set<string>();
  let emitting: NodeJS.Immediate | undefined;
  const emit = (batch: string) => {
    if (!deps.changed) return;
    pending.add(batch);
    emitting ??= setImmediate(() => {
      emitting = undefined;
      const batches = [...pending];
      pending.clear();
      if (closed) return;
      for (const one of batches) {
        const jobs = store.jobs(one);
        if (jobs.length > 0) deps.changed?.(statusOf(one, jobs));
      }
    });
  };

  function kick(): void {
    if (closed) return;
    clearTimeout(timer);
    const at = now();
    const byAccount = new Map<string, FollowJob[]>();
    for (const job of store.unfinished()) {
      const jobs = byAccount.get(job.accountId) ?? [];
      jobs.push(job);
      byAccount.set(job.accountId, jobs);
    }
    let next = Infinity;
    for (const [accountId, jobs] of byAccount) {
      if (lanes.has(accountId)) continue;
      const held = Math.max(...jobs.map(heldUntil));
      if (held > at) {
        next = Math.min(next, held);
        continue;
      }
      const due = jobs.find((job) => !running.has(job.id) && (job.nextAttemptAt === null || Date.parse(job.nextAttemptAt) <= at));
      if (due) startLane(accountId, due);
      else for (const job of jobs) if (job.nextAttemptAt) next = Math.min(next, Date.parse(job.nextAttemptAt));
    }
    if (next < Infinity) timer = setTimeout(kick, Math.min(Math.max(0, next - at), longestTimerMs));
  }

  function startLane(accountId: string, job: FollowJob): void {
    running.add(job.id);
    const lane = run(job)
      .catch((error: unknown) => {
        if (closed) return;
        deps.log?.(`follow job ${job.id} stopped`, error);
        // Never left in a state nothing picks up: shown as failed.
        const stuck = store.job(job.id);
        if (stuck && stuck.state !== 'done' && stuck.state !== 'failed') {
          store.update(stuck, { state: 'failed', error: appError('internal', phrase('error.follow.stopped', { who: job.label, reason: String(error) }), accountId) });
          emit(job.batch);
        }
      })
      .finally(() => {
        running.delete(job.id);
        lanes.delete(accountId);
        kick();
      });
    lanes.set(accountId, lane);
  }

  /** The relate's answer, a thrown ServerError or anything else thrown, as one failure or success. */
  async function follow(job: FollowJob): Promise<Result<Relationship> & { error?: FollowFailure }> {
    try {
      return await deps.relate(job.accountId, job.who);
    } catch (error) {
      if (error instanceof ServerError) return { ok: false, error: { ...errorOf(error, job.accountId), retryAt: error.retryAt } };
      throw error;
    }
  }

  async function run(queued: FollowJob): Promise<void> {
    let job = queued;
    const account = deps.accounts().find((candidate) => candidate.id === job.accountId);
    if (!account || account.status === 'auth_expired') {
      const error = account
        ? appError('auth_expired', phrase('error.act.signIn', { handle: account.handle }), account.id)
        : appError('not_found', phrase('error.act.accountGone'), job.accountId);
      store.update(job, { state: 'failed', error, nextAttemptAt: null });
      emit(job.batch);
      return;
    }
    job = store.update(job, { state: 'following', nextAttemptAt: null });
    emit(job.batch);
    const answer = await follow(job);
    // Closed meanwhile: left 'following', tried again at the next start (the follow is idempotent).
    if (closed) return;
    if (answer.ok) {
      const requested = answer.value.requested && !answer.value.following;
      store.update(job, { state: 'done', error: null, nextAttemptAt: null, doneAt: new Date(now()).toISOString(), requested });
    } else {
      const { retryAt, ...error } = answer.error;
      const at = now();
      if (error.code === 'rate_limited' && retryAt !== undefined) {
        // Waited out, not counted: the server said when.
        const until = Math.max(retryAt, at) + Math.round(policy.random() * policy.resetJitterMs);
        store.update(job, { state: 'queued', error, nextAttemptAt: new Date(until).toISOString() });
      } else {
        const attempts = job.attempts + 1;
        const decision = nextAttempt({ code: error.code }, attempts, at, policy);
        store.update(
          job,
          decision.retry ? { state: 'queued', attempts, error, nextAttemptAt: new Date(decision.at).toISOString() } : { state: 'failed', attempts, error, nextAttemptAt: null },
        );
      }
    }
    emit(job.batch);
  }

  function status(): FollowBatchStatus[];
  function status(batch: string): FollowBatchStatus | null;
  function status(batch?: string): FollowBatchStatus[] | FollowBatchStatus | null {
    if (batch !== undefined) {
      const jobs = store.jobs(batch);
      return jobs.length > 0 ? statusOf(batch, jobs) : null;
    }
    const batches = new Map<string, FollowJob[]>();
    for (const job of store.jobs()) {
      const jobs = batches.get(job.batch) ?? [];
      jobs.push(job);
      batches.set(job.batch, jobs);
    }
    return [...batches].map(([id, jobs]) => statusOf(id, jobs));
  }

  return {
    /**
     * The people the user ticked, to follow as the account: saved, all of them in one transaction,
     * before any request. Answers the batch's id. The same person twice is followed once.
     */
    add(accountId: string, people: readonly { who: Who; label: string }[]): string {
      const account = deps.accounts().find((candidate) => candidate.id === accountId);
      if (!account) throw new ServerError('not_found', phrase('error.act.accountGone'));
      if (people.length === 0) throw new ServerError('invalid_input', phrase('error.follow.nobody'));
      if (people.length > maxPeoplePerBatch) throw new ServerError('invalid_input', phrase('error.follow.tooMany', { max: maxPeoplePerBatch }));
      const seen = new Set<string>();
      const jobs: { id: string; who: Who; label: string }[] = [];
      for (const person of people) {
        const who = whoSchema.safeParse(person.who);
        if (!who.success || typeof person.label !== 'string') throw new ServerError('invalid_input', phrase('error.follow.nobody'));
        const key = keyOf(who.data);
        if (seen.has(key)) continue;
        seen.add(key);
        const label = person.label.trim().slice(0, 600) || (typeof who.data === 'string' ? who.data : `@${who.data.handle}`);
        jobs.push({ id: randomUUID(), who: who.data, label });
      }
      const batch = randomUUID();
      store.add(batch, accountId, jobs, new Date(now()).toISOString());
      kick();
      emit(batch);
      return batch;
    },

    /** One batch's people and counts (null: no such batch), or every batch's. */
    status,

    /** After a restart: what was queued resumes, and a follow cut off is simply tried again. */
    start(): void {
      const batches = new Set<string>();
      for (const job of store.unfinished()) {
        if (job.state !== 'following' || running.has(job.id)) continue;
        store.update(job, { state: 'queued' });
        batches.add(job.batch);
      }
      for (const batch of batches) emit(batch);
      kick();
    },

    /** Removes a batch that has ended (done and failed people alike); false while it runs. */
    dismiss(batch: string): boolean {
      const jobs = store.jobs(batch);
      if (jobs.some((job) => job.state === 'queued' || job.state === 'following')) return false;
      store.removeBatch(batch);
      return true;
    },

    close(): void {
      closed = true;
      clearTimeout(timer);
      clearImmediate(emitting);
    },

    /** For tests: resolves once no follow is under way (waiting ones may remain). */
    async idle(): Promise<void> {
      while (lanes.size > 0) await Promise.all([...lanes.values()]);
    },
  };
}

export type FollowJobs = ReturnType<typeof createFollowJobs>;

/** A batch of follows as the contract shows it. */
export const followBatchOf = (status: FollowBatchStatus): FollowBatch => ({
  batch: status.batch,
  accountId: status.accountId,
  people: status.people.map(({ label, state, error, requested }) => ({ label, state, error, requested })),
  total: status.counts.total,
  done: status.counts.done,
  requested: status.people.filter((person) => person.requested).length,
  failed: status.counts.failed,
});

