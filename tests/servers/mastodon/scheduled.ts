/**
 * Statuses posted with a scheduled_at (ScheduledStatus): kept with their parameters until published. Mastodon's
 * scheduler publishes them at their time; here a test publishes them with publishScheduled().
 */
import type { PostInput } from './distribution.ts';
import type { Uploads } from './uploads.ts';

export interface ScheduledRecord {
  id: string;
  accountId: string;
  username: string;
  scheduledAt: Date;
  /** What to post, media aside. */
  post: Omit<PostInput, 'attachments' | 'media'>;
  mediaIds: string[];
  /** The `params` of the entity: the status parameters as given (null when absent). */
  params: Record<string, unknown>;
}

export function createScheduled(uploads: Uploads) {
  const scheduled = new Map<string, ScheduledRecord>();
  return {
    add(record: ScheduledRecord): void {
      scheduled.set(record.id, record);
      for (const id of record.mediaIds) {
        const upload = uploads.get(id);
        if (upload) upload.attachedTo = `scheduled:${record.id}`;
      }
    },
    get: (id: string): ScheduledRecord | undefined => scheduled.get(id),
    /** The account's scheduled statuses, newest id first. */
    of: (accountId: string): ScheduledRecord[] => [...scheduled.values()].filter((s) => s.accountId === accountId).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1)),
    all: (): ScheduledRecord[] => [...scheduled.values()],
    /** Cancelling frees its media again, as Mastodon's ScheduledStatus#destroy does not delete them. */
    remove(record: ScheduledRecord): void {
      scheduled.delete(record.id);
      for (const id of record.mediaIds) {
        const upload = uploads.get(id);
        if (upload?.attachedTo === `scheduled:${record.id}`) upload.attachedTo = null;
      }
    },
    entity(record: ScheduledRecord) {
      return {
        id: record.id,
        scheduled_at: record.scheduledAt.toISOString(),
        params: record.params,
        media_attachments: record.mediaIds.flatMap((id) => {
          const upload = uploads.get(id);
          return upload ? [uploads.entity(upload)] : [];
        }),
      };
    },
  };
}

export type Scheduled = ReturnType<typeof createScheduled>;
