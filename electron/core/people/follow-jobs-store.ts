/**
 * Bulk follows in SQLite (table follow_jobs, migrations 12 and 13): one row per person ticked, all of a
 * batch written in ONE transaction before any request goes out. A row then records every step
 * that must survive a crash: a follow under way ('following'), when a waiting one is due again,
 * the error a failed one ended with.
 */
import type { AppError } from '../../../shared/contract.ts';
import type { Who } from '../../../shared/domain/profile.ts';
import { inTransaction, type Database } from '../store/database.ts';

export const followStates = ['queued', 'following', 'done', 'failed'] as const;
export type FollowState = (typeof followStates)[number];

export interface FollowJob {
  id: string;
  batch: string;
  accountId: string;
  who: Who;
  /** The handle shown for the person. */
  label: string;
  state: FollowState;
  /** Attempts made that count towards the limit (rate limits waited out do not count). */
  attempts: number;
  /** A queued job waiting out a failure: not tried before then. */
  nextAttemptAt: string | null;
  /** Why it failed; on a queued job, the failure it is waiting out. */
  error: AppError | null;
  createdAt: string;
  doneAt: string | null;
  /** Done as a request: the account is locked, and they approve their followers. */
  requested: boolean;
}

export type FollowJobChange = Partial<Pick<FollowJob, 'state' | 'attempts' | 'nextAttemptAt' | 'error' | 'doneAt' | 'requested'>>;

interface FollowJobRow {
  id: string;
  batch: string;
  account_id: string;
  who: string;
  label: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  error: string | null;
  created_at: string;
  done_at: string | null;
  requested: number;
}

const jobOf = (row: FollowJobRow): FollowJob => ({
  id: row.id,
  batch: row.batch,
  accountId: row.account_id,
  who: JSON.parse(row.who) as Who,
  label: row.label,
  state: row.state as FollowState,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  error: row.error ? (JSON.parse(row.error) as AppError) : null,
  createdAt: row.created_at,
  doneAt: row.done_at,
  requested: row.requested === 1,
});

export function createFollowJobsStore(db: Database) {
  const insert = db.prepare(
    `INSERT INTO follow_jobs (id, batch, account_id, who, label, state, attempts, next_attempt_at, error, created_at, done_at)
     VALUES (?, ?, ?, ?, ?, 'queued', 0, NULL, NULL, ?, NULL)`,
  );
  // rowid: the order the people were ticked in, which is the order they are followed in.
  const unfinished = db.prepare(`SELECT * FROM follow_jobs WHERE state IN ('queued', 'following') ORDER BY rowid`);
  const ofBatch = db.prepare('SELECT * FROM follow_jobs WHERE batch = ? ORDER BY rowid');
  const all = db.prepare('SELECT * FROM follow_jobs ORDER BY rowid');
  const one = db.prepare('SELECT * FROM follow_jobs WHERE id = ?');
  const update = db.prepare('UPDATE follow_jobs SET state = ?, attempts = ?, next_attempt_at = ?, error = ?, done_at = ?, requested = ? WHERE id = ?');
  const removeBatch = db.prepare('DELETE FROM follow_jobs WHERE batch = ?');

  return {
    /** A batch's jobs, queued, in one transaction: all of them are saved, or none. */
    add(batch: string, accountId: string, people: readonly { id: string; who: Who; label: string }[], now: string): void {
      inTransaction(db, () => {
        for (const person of people) insert.run(person.id, batch, accountId, JSON.stringify(person.who), person.label, now);
      });
    },
    /** Jobs still to do (queued, or cut off while following), in the order they were added. */
    unfinished: (): FollowJob[] => (unfinished.all() as unknown as FollowJobRow[]).map(jobOf),
    /** A batch's jobs, or every job, in the order they were added. */
    jobs: (batch?: string): FollowJob[] => ((batch === undefined ? all.all() : ofBatch.all(batch)) as unknown as FollowJobRow[]).map(jobOf),
    job(id: string): FollowJob | null {
      const row = one.get(id) as FollowJobRow | undefined;
      return row ? jobOf(row) : null;
    },
    /** Saves a job's new state; answers the job as saved (a job whose account went with its rows changes nothing). */
    update(job: FollowJob, change: FollowJobChange): FollowJob {
      const next = { ...job, ...change };
      update.run(next.state, next.attempts, next.nextAttemptAt, next.error ? JSON.stringify(next.error) : null, next.doneAt, next.requested ? 1 : 0, job.id);
      return next;
    },
    removeBatch(batch: string): void {
      removeBatch.run(batch);
    },
  };
}

export type FollowJobsStore = ReturnType<typeof createFollowJobsStore>;
