/**
 * Drafts and the outbox in SQLite. A draft is saved as the user types; on Send it and one job per
 * target, each with its idempotency keys, are written in ONE transaction before any network call.
 * A job's row then records every step that must survive a crash: media uploaded, parts posted,
 * and when a request that may have created the post went out.
 */
import type { AppError } from '../../../shared/contract.ts';
import { draftSchema, type Draft, type OutboxEntry, type TargetState, type TargetStatus } from '../../../shared/domain/draft.ts';
import type { Job, JobChange, JobPlan, JobProgress } from '../networks/publishing.ts';
import { inTransaction, type Database } from '../store/database.ts';
import { sentPartKey, type SentPart, type SentParts } from '../../../shared/timeline/sent-together.ts';

interface JobRow {
  id: string;
  draft_id: string;
  account_id: string;
  plan: string;
  keys: string;
  state: string;
  progress: string;
  attempts: number;
  next_attempt_at: string | null;
  sent_at: string | null;
  error: string | null;
}

const jobOf = (row: JobRow): Job => ({
  id: row.id,
  draftId: row.draft_id,
  accountId: row.account_id,
  plan: JSON.parse(row.plan) as JobPlan,
  keys: JSON.parse(row.keys) as string[],
  state: row.state as TargetState,
  progress: JSON.parse(row.progress) as JobProgress,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  sentAt: row.sent_at,
  error: row.error ? (JSON.parse(row.error) as AppError) : null,
});

/** A stored draft that no longer reads (a newer Braid wrote it, or a bug) is skipped, not fatal. */
function draftOf(text: string): Draft | null {
  const parsed = draftSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

export function statusOf(job: Job): TargetStatus {
  // Accepted by a server that posts it later (Mastodon scheduled_at): scheduled, from then on.
  const heldByServer = job.state === 'posted' && job.plan.schedule?.by === 'server';
  if (heldByServer) return { ...statusOf({ ...job, state: 'scheduled', nextAttemptAt: job.plan.schedule!.at }), urls: [] };
  return {
    jobId: job.id,
    accountId: job.accountId,
    state: job.state,
    progress: job.state === 'uploading' ? (job.progress.upload ?? null) : null,
    urls: (job.progress.posted ?? []).flatMap((part) => (part.url ? [part.url] : [])),
    error: job.error,
    nextAttemptAt: job.state === 'waiting' || job.state === 'scheduled' ? job.nextAttemptAt : null,
    attempts: job.attempts,
    scheduledByBraid: job.plan.schedule?.by === 'braid',
  };
}

export function createOutboxStore(db: Database) {
  const upsertDraft = db.prepare(
    `INSERT INTO drafts (id, draft, updated_at, sent_at) VALUES (?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at WHERE drafts.sent_at IS NULL`,
  );
  const markSent = db.prepare('UPDATE drafts SET draft = ?, sent_at = ? WHERE id = ? AND sent_at IS NULL');
  const draftRow = db.prepare('SELECT draft, sent_at FROM drafts WHERE id = ?');
  const unsentDrafts = db.prepare('SELECT draft FROM drafts WHERE sent_at IS NULL ORDER BY updated_at DESC');
  const sentDrafts = db.prepare('SELECT id, draft, sent_at FROM drafts WHERE sent_at IS NOT NULL ORDER BY sent_at DESC');
  const deleteDraftRow = db.prepare('DELETE FROM drafts WHERE id = ?');
  const deleteUnsentDraft = db.prepare('DELETE FROM drafts WHERE id = ? AND sent_at IS NULL');
  const insertJob = db.prepare(
    `INSERT INTO outbox_jobs (id, draft_id, account_id, plan, keys, state, progress, attempts, next_attempt_at, sent_at, error, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '{}', 0, ?, NULL, NULL, ?)`,
  );
  const allJobs = db.prepare('SELECT * FROM outbox_jobs ORDER BY rowid');
  const jobsOfDraft = db.prepare('SELECT * FROM outbox_jobs WHERE draft_id = ? ORDER BY rowid');
  const oneJob = db.prepare('SELECT * FROM outbox_jobs WHERE id = ?');
  const updateJob = db.prepare(
    `UPDATE outbox_jobs SET state = ?, progress = ?, attempts = ?, next_attempt_at = ?, sent_at = ?, error = ?, updated_at = ? WHERE id = ?`,
  );

  const replanJob = db.prepare(
    `UPDATE outbox_jobs SET plan = ?, keys = ?, state = ?, progress = ?, attempts = 0, next_attempt_at = ?, sent_at = NULL, error = NULL, updated_at = ?
     WHERE id = ? AND state = 'failed'`,
  );

  const jobs = (): Job[] => (allJobs.all() as unknown as JobRow[]).map(jobOf);

  // What was posted, worked out again only after a write (the timeline asks at every view).
  let writes = 0;
  let sent: { at: number; parts: SentParts } | undefined;
  function sentParts(): SentParts {
    if (sent?.at === writes) return sent.parts;
    const parts = new Map<string, SentPart>();
    for (const job of jobs()) {
      const posted = job.progress.posted ?? [];
      posted.forEach((part, index) => parts.set(sentPartKey(job.accountId, part.id), { group: job.draftId, part: index, parts: job.plan.parts.length }));
    }
    sent = { at: writes, parts };
    return parts;
  }

  return {
    /** Saves a draft being written; a draft already sent is not changed. Answers whether it was saved. */
    saveDraft(draft: Draft): boolean {
      return upsertDraft.run(draft.id, JSON.stringify(draft), draft.updatedAt).changes > 0;
    },
    isSent(id: string): boolean {
      const row = draftRow.get(id) as { sent_at: string | null } | undefined;
      return Boolean(row?.sent_at);
    },
    drafts(): Draft[] {
      return (unsentDrafts.all() as { draft: string }[]).flatMap((row) => draftOf(row.draft) ?? []);
    },
    deleteDraft(id: string): void {
      deleteUnsentDraft.run(id);
    },

    /** The draft, marked sent, and its jobs: in one transaction, before anything goes out. */
    send(draft: Draft, jobs: Pick<Job, 'id' | 'accountId' | 'plan' | 'keys' | 'state' | 'nextAttemptAt'>[], now: string): void {
      writes += 1;
      inTransaction(db, () => {
        upsertDraft.run(draft.id, JSON.stringify(draft), draft.updatedAt);
        if (markSent.run(JSON.stringify(draft), now, draft.id).changes !== 1) throw new Error('This draft was already sent.');
        for (const job of jobs) {
          insertJob.run(job.id, draft.id, job.accountId, JSON.stringify(job.plan), JSON.stringify(job.keys), job.state, job.nextAttemptAt, now);
        }
      });
    },

    /** A sent draft, as it was sent. */
    sentDraft(id: string): Draft | null {
      const row = draftRow.get(id) as { draft: string; sent_at: string | null } | undefined;
      return row?.sent_at ? draftOf(row.draft) : null;
    },

    /**
     * A failed job that nothing of was posted, with a new plan and new keys (its server refused the
     * old one: nothing of it landed), to be sent afresh. Images uploaded and the parent found stay.
     */
    replan(job: Job, change: Pick<Job, 'plan' | 'keys' | 'state' | 'nextAttemptAt'>): boolean {
      writes += 1;
      const progress: JobProgress = { ...(job.progress.media ? { media: job.progress.media } : {}), ...(job.progress.parent ? { parent: job.progress.parent } : {}) };
      const { changes } = replanJob.run(JSON.stringify(change.plan), JSON.stringify(change.keys), change.state, JSON.stringify(progress), change.nextAttemptAt, new Date().toISOString(), job.id);
      return changes === 1;
    },

    jobs,
    job(id: string): Job | null {
      const row = oneJob.get(id) as JobRow | undefined;
      return row ? jobOf(row) : null;
    },
    jobsOf(draftId: string): Job[] {
      return (jobsOfDraft.all(draftId) as unknown as JobRow[]).map(jobOf);
    },
    /** Saves a job's new state; answers the job as saved. */
    update(job: Job, change: JobChange): Job {
      writes += 1;
      const next = { ...job, ...change };
      updateJob.run(
        next.state,
        JSON.stringify(next.progress),
        next.attempts,
        next.nextAttemptAt,
        next.sentAt,
        next.error ? JSON.stringify(next.error) : null,
        new Date().toISOString(),
        job.id,
      );
      return next;
    },

    entries(): OutboxEntry[] {
      const all = jobs();
      return (sentDrafts.all() as { id: string; draft: string; sent_at: string }[]).map((row) => {
        const draft = draftOf(row.draft);
        return {
          draftId: row.id,
          text: draft?.text ?? '',
          sentAt: row.sent_at,
          scheduledAt: draft?.scheduledAt ?? null,
          targets: all.filter((job) => job.draftId === row.id).map(statusOf),
        };
      });
    },
    /** Every part Braid posted, by its account's sighting of it: what the timeline shows as one item per draft. */
    sentParts,
    /** Removes a sent draft and its jobs. */
    removeEntry(draftId: string): void {
      writes += 1;
      deleteDraftRow.run(draftId);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
