/**
 * The durable outbox: sends each target of a sent draft, in parallel across accounts and one at
 * a time per account, and keeps every step in SQLite so that a crash at any point resumes
 * without losing or doubling a post. A target that may have been posted when Braid stopped is
 * "checking" until its network says whether it was (see the publishers).
 */
import { randomUUID } from 'node:crypto';
import { ok, type AppError, type Result } from '../../../shared/contract.ts';
import { planDraft, planRefusedTarget, problemsOf as problemLinesOf, type RefusalFix } from '../../../shared/compose/plan.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import type { Draft, OutboxEntry } from '../../../shared/domain/draft.ts';
import type { Post } from '../../../shared/domain/post.ts';
import { say, translator } from '../../../shared/i18n/translate.ts';
import { appError, errorOf, fromPhrase, neverReached, phrase, refuse, sentences, ServerError, type CorePhrase } from '../base/errors.ts';
import type { Logger } from '../base/logger.ts';
import type { MediaStore } from './media-store.ts';
import type { Job, JobPlan, NetworkPublishing, OutboxStep, PostedPart, PublishContext } from '../networks/publishing.ts';
import type { OutboxStore } from './outbox-store.ts';
import { defaultRetryPolicy, nextAttempt, type RetryPolicy } from './retry-policy.ts';

export interface OutboxDeps {
  store: OutboxStore;
  media: MediaStore;
  accounts: () => AccountSummary[];
  /** The publishing part of a network's module (networks/registry.ts). */
  publishing: (network: Network) => NetworkPublishing;
  /** The timeline post a reply answers, as loaded now. */
  findPost: (key: string) => Post | null;
  changed: (entries: OutboxEntry[]) => void;
  /** A target was posted: its parts as its server answered them (the archive keeps them at once). */
  onPosted?: (job: Job, account: AccountSummary, posted: PostedPart[]) => void;
  onAuthExpired: (accountId: string) => void;
  policy?: RetryPolicy;
  now?: () => number;
  onStep?: (step: OutboxStep, job: Job) => void;
  log?: Logger;
}

const runnableStates = new Set(['queued', 'checking', 'waiting', 'scheduled']);
const longestTimerMs = 2 ** 31 - 1;

// The core's refusals are in English, as its other error messages: the window and the command
// line check the plan first and show its problems in the user's language.
const english = translator('en');
const problemsOf = (plan: ReturnType<typeof planDraft>): string => problemLinesOf(plan, english).join(' ');
/** The same problems as one phrase, for the window and the command line to say in the user's language. */
const problemsPhrase = (plan: ReturnType<typeof planDraft>): CorePhrase | undefined =>
  sentences([
    ...plan.problems.map(fromPhrase),
    ...plan.targets.flatMap((target) => target.problems.map((problem) => phrase('compose.plan.targetProblem', { handle: target.handle, problem: fromPhrase(problem) }))),
  ]);

export function createOutbox(deps: OutboxDeps) {
  const { store, policy = defaultRetryPolicy, now = Date.now } = deps;
  const running = new Set<string>();
  /** Per account, the end of its queue: one request at a time per account. */
  const lanes = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // Changes that come together (four targets starting at once) go out as one event.
  let emitting: NodeJS.Immediate | undefined;
  const emit = () => {
    emitting ??= setImmediate(() => {
      emitting = undefined;
      if (!closed) deps.changed(store.entries());
    });
  };
  const entryOf = (draftId: string): OutboxEntry | undefined => store.entries().find((entry) => entry.draftId === draftId);

  function due(job: Job, at: number): boolean {
    if (job.state === 'queued' || job.state === 'checking') return true;
    return (job.state === 'waiting' || job.state === 'scheduled') && job.nextAttemptAt !== null && Date.parse(job.nextAttemptAt) <= at;
  }

  function kick(): void {
    if (closed) return;
    clearTimeout(timer);
    const at = now();
    let next = Infinity;
    for (const job of store.jobs()) {
      if (running.has(job.id) || !runnableStates.has(job.state)) continue;
      if (due(job, at)) start(job);
      else if (job.nextAttemptAt) next = Math.min(next, Date.parse(job.nextAttemptAt));
    }
    if (next < Infinity) timer = setTimeout(kick, Math.min(Math.max(0, next - at), longestTimerMs));
  }

  function start(job: Job): void {
    running.add(job.id);
    const lane = (lanes.get(job.accountId) ?? Promise.resolve()).then(() => run(job.id));
    const end = lane
      .catch((error: unknown) => {
        if (closed) return;
        deps.log?.('error', `outbox job ${job.id} stopped: ${String(error)}`);
        // Never left in a state nothing picks up: shown as failed, to retry.
        const stuck = store.job(job.id);
        if (stuck && stuck.state !== 'posted' && stuck.state !== 'failed') {
          store.update(stuck, { state: 'failed', error: appError('internal', phrase('error.outbox.stopped', { reason: String(error) }), job.accountId) });
          emit();
        }
      })
      .finally(() => {
        running.delete(job.id);
        if (lanes.get(job.accountId) === end) lanes.delete(job.accountId);
        kick();
      });
    lanes.set(job.accountId, end);
  }

  function failureOf(error: unknown, job: Job): AppError & { retryAt?: number | undefined } {
    const known = error instanceof ServerError ? error : new ServerError('internal', phrase('error.outbox.failed', { reason: String(error) }));
    // No answer to a request that may have created the post: say so, and look it up before any retry.
    if (job.sentAt && (known.code === 'network' || known.code === 'server' || known.code === 'internal')) {
      return { ...appError('unknown_outcome', phrase('error.outbox.mayHavePosted', { reason: known.phrase ?? known.message }), job.accountId), retryAt: known.retryAt };
    }
    return { ...errorOf(known, job.accountId), retryAt: known.retryAt };
  }

  async function run(jobId: string): Promise<void> {
    let job = store.job(jobId);
    if (closed || !job || !runnableStates.has(job.state)) return;
    const account = deps.accounts().find((candidate) => candidate.id === job!.accountId);
    if (!account || account.status === 'auth_expired') {
      const error: AppError = account
        ? appError('auth_expired', phrase('error.outbox.signIn', { handle: account.handle }), account.id)
        : appError('not_found', phrase('error.outbox.accountRemoved'), job.accountId);
      store.update(job, { state: 'failed', error });
      emit();
      return;
    }
    const sentBefore = job.sentAt;
    const hasImagesToUpload = job.plan.media.length > 0 && !job.progress.media;
    job = store.update(job, {
      state: job.sentAt ? 'checking' : hasImagesToUpload ? 'uploading' : 'sending',
      attempts: job.attempts + 1,
      nextAttemptAt: null,
    });
    emit();

    const context: PublishContext = {
      job: () => job!,
      save: (progress) => {
        // A part's answer saved: nothing sent is unaccounted for any more.
        const answered = progress.posted ? { sentAt: null } : {};
        job = store.update(job!, { progress: { ...job!.progress, ...progress }, ...answered });
      },
      sending: () => {
        // The first send counts (Mastodon keeps a key an hour from then): a resend keeps its time.
        job = store.update(job!, { state: job!.state === 'checking' ? 'checking' : 'sending', sentAt: job!.sentAt ?? new Date(now()).toISOString() });
        emit();
      },
      uploaded: (done, total) => {
        job = store.update(job!, { state: 'uploading', progress: { ...job!.progress, upload: { done, total } } });
        emit();
      },
      image: (index) => deps.media.read(job!.plan.media[index]!.id),
      step: (step) => deps.onStep?.(step, job!),
    };

    try {
      const posted = await deps.publishing(account.network).publish(job, account, context);
      if (closed) return;
      const progress = { ...job.progress, posted };
      delete progress.upload;
      store.update(job, { state: 'posted', progress, error: null, nextAttemptAt: null });
      try {
        deps.onPosted?.(job, account, posted);
      } catch (error) {
        deps.log?.('a post sent could not be kept in the archive', error);
      }
    } catch (error) {
      if (closed) return;
      // This attempt's request never reached the server: what was sent before (if anything) is all that may have landed.
      if (neverReached(error) && job.sentAt !== sentBefore) job = store.update(job, { sentAt: sentBefore });
      const failure = failureOf(error, job);
      const decision = nextAttempt(failure, job.attempts, now(), policy);
      const shown: AppError = { code: failure.code, message: failure.message, ...(failure.phrase ? { phrase: failure.phrase } : {}), account: account.id };
      store.update(job, decision.retry ? { state: 'waiting', error: shown, nextAttemptAt: new Date(decision.at).toISOString() } : { state: 'failed', error: shown });
      if (failure.code === 'auth_expired') deps.onAuthExpired(account.id);
    }
    emit();
  }

  function sendAgainFitted(job: Job, fix: RefusalFix): Result<OutboxEntry> {
    if (job.error?.code !== 'too_long' || (job.progress.posted?.length ?? 0) > 0) {
      return refuse('invalid_input', phrase('error.outbox.onlyTooLong'));
    }
    const draft = store.sentDraft(job.draftId);
    const account = deps.accounts().find((candidate) => candidate.id === job.accountId);
    if (!draft || !account) return refuse('not_found', phrase('error.outbox.postGone'));
    const target = planRefusedTarget(draft, account, fix, now());
    if (target.problems.length > 0) return refuse('invalid_input', sentences(target.problems.map(fromPhrase)) ?? target.problems.map((problem) => say(english, problem)).join(' '));
    const byBraid = target.schedule?.by === 'braid';
    const replanned = store.replan(job, {
      plan: { ...target, media: job.plan.media, parent: job.plan.parent },
      keys: deps.publishing(account.network).keys(target.parts.length),
      state: byBraid ? 'scheduled' : 'queued',
      nextAttemptAt: byBraid ? target.schedule!.at : null,
    });
    if (!replanned) return refuse('invalid_input', phrase('error.outbox.onlyFailed'));
    kick();
    emit();
    return ok(entryOf(job.draftId)!);
  }

  return {
    /** After a restart: a target cut off while sending resumes; one whose request went out is checked first. */
    start(): void {
      for (const job of store.jobs()) {
        if (job.state === 'uploading' || job.state === 'sending') store.update(job, { state: job.sentAt ? 'checking' : 'queued' });
      }
      kick();
    },

    send(draft: Draft): Result<OutboxEntry> {
      const already = entryOf(draft.id);
      if (already) return ok(already); // Send pressed twice: the draft is already out
      const plan = planDraft(draft, deps.accounts(), now());
      if (!plan.sendable) return refuse('invalid_input', problemsPhrase(plan) ?? problemsOf(plan));
      const jobs: Pick<Job, 'id' | 'accountId' | 'plan' | 'keys' | 'state' | 'nextAttemptAt'>[] = [];
      for (const target of plan.targets) {
        const parent = target.replyTo ? deps.findPost(target.replyTo) : null;
        if (target.replyTo && !parent) return refuse('not_found', phrase('error.outbox.parentGone'));
        const quoted = target.quote ? deps.findPost(target.quote) : null;
        if (target.quote && !quoted) return refuse('not_found', phrase('error.outbox.quoteGone'));
        const jobPlan: JobPlan = { ...target, media: draft.media.map(({ id, alt }) => ({ id, alt })), parent, quoted };
        const byBraid = target.schedule?.by === 'braid';
        jobs.push({
          id: randomUUID(),
          accountId: target.accountId,
          plan: jobPlan,
          keys: deps.publishing(target.network).keys(target.parts.length),
          state: byBraid ? 'scheduled' : 'queued',
          nextAttemptAt: byBraid ? target.schedule!.at : null,
        });
      }
      store.send(draft, jobs, new Date(now()).toISOString());
      for (const job of store.jobsOf(draft.id)) deps.onStep?.('saved', job);
      kick();
      emit();
      return ok(entryOf(draft.id)!);
    },

    list: (): OutboxEntry[] => store.entries(),

    /** The draft's entry once every target has ended (posted, failed, or held by its server), or as it is after `timeoutMs`. */
    async settled(draftId: string, timeoutMs: number): Promise<OutboxEntry | undefined> {
      const deadline = now() + timeoutMs;
      const ended = (entry: OutboxEntry) => entry.targets.every((t) => t.state === 'posted' || t.state === 'failed' || (t.state === 'scheduled' && !t.scheduledByBraid));
      for (;;) {
        const entry = entryOf(draftId);
        if (!entry || ended(entry) || now() >= deadline || closed) return entry;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },

    /**
     * Tries a failed target again, with the same keys: what landed is found, never posted twice.
     * With `fix`, a target its server refused as too long is planned again as a thread or cut to
     * fit (counted as that server counts), with new keys: nothing of it was posted.
     */
    retry(jobId: string, fix?: RefusalFix): Result<OutboxEntry> {
      const job = store.job(jobId);
      if (!job) return refuse('not_found', phrase('error.outbox.targetGone'));
      if (job.state !== 'failed') return refuse('invalid_input', phrase('error.outbox.onlyFailed'));
      if (fix) return sendAgainFitted(job, fix);
      store.update(job, { state: job.sentAt ? 'checking' : 'queued', attempts: 0, error: null, nextAttemptAt: null });
      kick();
      emit();
      return ok(entryOf(job.draftId)!);
    },

    discard(draftId: string): Result<null> {
      const jobs = store.jobsOf(draftId);
      if (jobs.some((job) => running.has(job.id))) return refuse('invalid_input', phrase('error.outbox.busy'));
      store.removeEntry(draftId);
      kick();
      emit();
      return ok(null);
    },

    close(): void {
      closed = true;
      clearTimeout(timer);
      clearImmediate(emitting);
    },

    /** For tests: resolves once no target is running or due (waiting ones may remain). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...lanes.values()]);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
