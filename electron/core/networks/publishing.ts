/**
 * Publishing, the seam between the outbox (compose/outbox.ts) and each network: what a job to
 * send is, and what a network does with it. Keys are made once at Send and never changed, so a
 * resend after a crash or a lost answer can never post twice.
 */
import type { AppError } from '../../../shared/contract.ts';
import type { TargetPlan } from '../../../shared/compose/plan.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { TargetState } from '../../../shared/domain/draft.ts';
import type { Post } from '../../../shared/domain/post.ts';

/** What a job sends: the target's plan as shown before Send, and what it needs besides. */
export interface JobPlan extends TargetPlan {
  media: { id: string; alt: string }[];
  /** The post answered on this network, as the timeline held it at Send. */
  parent: Post | null;
  /** The post quoted as an embed on this network, as the timeline held it at Send (absent in jobs saved before quotes). */
  quoted?: Post | null;
}

/** One posted part of a thread. */
export interface PostedPart {
  id: string;
  url: string | null;
  /** Bluesky: the record's cid, for the replies after it. */
  cid?: string;
}

/** Steps done so far, saved as each one ends. */
export interface JobProgress {
  /** Mastodon media ids (or Bluesky blob refs as JSON) in the draft's image order. */
  media?: string[];
  /** The parent resolved on this account's server: a Mastodon status id, or Bluesky root and parent refs. */
  parent?: unknown;
  /** The quoted post resolved likewise: a Mastodon status id, or a Bluesky strong ref. */
  quoted?: unknown;
  posted?: PostedPart[];
  /** Bluesky: the thread's records as built once, and their CIDs, so a resumed send writes the same. */
  records?: unknown[];
  cids?: string[];
  /** uploading: images done of all. */
  upload?: { done: number; total: number };
}

export interface Job {
  id: string;
  draftId: string;
  accountId: string;
  plan: JobPlan;
  /** One per part: Mastodon Idempotency-Keys, Bluesky record keys (TIDs). Made before the first attempt, never changed. */
  keys: string[];
  state: TargetState;
  progress: JobProgress;
  attempts: number;
  nextAttemptAt: string | null;
  /** When a request that may have created the post last went out (null: nothing can have landed). */
  sentAt: string | null;
  error: AppError | null;
}

export type JobChange = Partial<Pick<Job, 'state' | 'progress' | 'attempts' | 'nextAttemptAt' | 'sentAt' | 'error'>>;

/** What a publisher may do while it sends one target; each call is saved before it returns. */
export interface PublishContext {
  /** The job as saved now. */
  job(): Job;
  /** Saves steps done (merged into the job's progress); saving `posted` also clears `sentAt`. */
  save(progress: Partial<JobProgress>): void;
  /** Call right before a request that may create the post goes out: from then on, a crash means "checking". */
  sending(): void;
  uploaded(done: number, total: number): void;
  /** The original bytes of the draft's image at `index`. */
  image(index: number): Uint8Array;
  /** Tells the crash tests where it is. */
  step(step: OutboxStep): void;
}

/** One network's way of sending a target. It must never post twice: before sending again after
 *  `job.sentAt` is set, it finds out whether the earlier request landed. */
export interface Publisher {
  publish(job: Job, account: AccountSummary, context: PublishContext): Promise<PostedPart[]>;
}

export type OutboxStep = 'saved' | 'media_uploaded';

export interface NetworkPublishing extends Publisher {
  /** One idempotency key per part (e.g. Mastodon Idempotency-Keys, Bluesky record keys), made at Send. */
  keys(count: number): string[];
}
