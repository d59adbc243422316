/**
 * Notifications of local users (NotifyService and LocalNotificationWorker): who did what to which status, with the
 * group key Mastodon 4.3+ gives them, streamed as `notification` to the recipient's open user streams.
 */
import type { ResolvedOptions } from './options.ts';
import type { PubSub } from './pubsub.ts';
import { byIdDesc, type Social } from './social.ts';
import type { AccountEntity, Renderer, StatusEntity } from './status-entities.ts';

export type NotificationType = 'mention' | 'reblog' | 'follow' | 'favourite' | 'quote';

/** The types the server groups; anything else stands alone. */
export const groupableTypes: readonly NotificationType[] = ['favourite', 'reblog', 'follow'];

/** A group may go on growing for this long after it started. */
const maxGroupSpanHours = 12;
const hourMs = 3_600_000;

export interface NotificationRecord {
  id: string;
  recipientId: string;
  type: NotificationType;
  /** Who acted. */
  accountId: string;
  /** The status concerned: the one favourited, reblogged or quoted, or the one mentioning. */
  statusId: string | null;
  /** The status that made it (a reblog, a mention, a quote), which takes the notification with it when deleted. */
  activityId: string | null;
  createdAt: Date;
  groupKey: string;
}

export interface NotificationEntity {
  id: string;
  type: NotificationType;
  created_at: string;
  group_key: string;
  account: AccountEntity;
  status?: StatusEntity;
}

export interface NotificationFilter {
  types?: string[];
  excludeTypes?: string[];
  accountId?: string;
}

export function createNotifications(social: Social, renderer: Renderer, pubsub: PubSub, options: ResolvedOptions) {
  const records: NotificationRecord[] = [];
  /** recipient/type[-status] → the hour bucket its latest group started in. */
  const buckets = new Map<string, number>();

  function groupKey(record: Omit<NotificationRecord, 'groupKey'>): string {
    if (!groupableTypes.includes(record.type)) return `ungrouped-${record.id}`;
    const prefix = record.type === 'follow' ? 'follow' : `${record.type}-${record.statusId ?? ''}`;
    const memory = `${record.recipientId}/${prefix}`;
    let bucket = Math.floor(record.createdAt.getTime() / hourMs);
    const previous = buckets.get(memory);
    if (previous !== undefined && bucket >= previous && bucket < previous + maxGroupSpanHours) bucket = previous;
    buckets.set(memory, bucket);
    return `${prefix}-${bucket}`;
  }

  /** Gone with the status it is about or came from, or with the account that acted. */
  function live(record: NotificationRecord): boolean {
    if (record.statusId !== null && !social.status(record.statusId)) return false;
    if (record.activityId !== null && !social.status(record.activityId)) return false;
    return social.actor(record.accountId) !== undefined;
  }

  function entity(record: NotificationRecord): NotificationEntity {
    const actor = social.actor(record.accountId);
    if (!actor) throw new Error(`notification ${record.id} has no account`);
    const status = record.statusId === null ? undefined : social.status(record.statusId);
    return {
      id: record.id,
      type: record.type,
      created_at: record.createdAt.toISOString(),
      group_key: record.groupKey,
      account: renderer.account(actor),
      ...(status ? { status: renderer.status(status, record.recipientId, 'list') } : {}),
    };
  }

  return {
    entity,

    /** Only local recipients get notified, and never of their own doings; 4.4 and older know no quote notifications. */
    notify(input: { recipientId: string; type: NotificationType; accountId: string; statusId?: string; activityId?: string; createdAt?: Date }): NotificationRecord | undefined {
      if (input.recipientId === input.accountId || social.actor(input.recipientId)?.domain !== null) return undefined;
      if (input.type === 'quote' && !options.quotes) return undefined;
      const createdAt = input.createdAt ?? new Date();
      const base = { id: social.nextId(createdAt), recipientId: input.recipientId, type: input.type, accountId: input.accountId, statusId: input.statusId ?? null, activityId: input.activityId ?? null, createdAt };
      const record = { ...base, groupKey: groupKey(base) };
      records.push(record);
      const channel = `timeline:${record.recipientId}:notifications`;
      if (pubsub.hasListeners(channel)) pubsub.publish(channel, { event: 'notification', payload: JSON.stringify(entity(record)) });
      return record;
    },

    /** An undone favourite takes its notification away. */
    withdraw(type: NotificationType, accountId: string, statusId: string): void {
      for (let i = records.length - 1; i >= 0; i--) {
        const record = records[i]!;
        if (record.type === type && record.accountId === accountId && record.statusId === statusId) records.splice(i, 1);
      }
    },

    /** The recipient's notifications, newest first. */
    of(recipientId: string, filter: NotificationFilter = {}): NotificationRecord[] {
      return records
        .filter((r) => r.recipientId === recipientId && live(r))
        .filter((r) => (filter.types === undefined || filter.types.length === 0 || filter.types.includes(r.type)) && !(filter.excludeTypes ?? []).includes(r.type))
        .filter((r) => filter.accountId === undefined || r.accountId === filter.accountId)
        .sort(byIdDesc);
    },

    dismiss(recipientId: string, id: string): boolean {
      const index = records.findIndex((r) => r.id === id && r.recipientId === recipientId);
      if (index >= 0) records.splice(index, 1);
      return index >= 0;
    },

    clear(recipientId: string): void {
      for (let i = records.length - 1; i >= 0; i--) if (records[i]!.recipientId === recipientId) records.splice(i, 1);
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
