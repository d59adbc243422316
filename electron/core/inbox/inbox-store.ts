/**
 * The inbox kept between runs (migration 9): each account's notifications, where its next older
 * page starts and how far it has read, so the inbox and its unread count show at start without
 * asking any server. A row Braid can no longer read is left out, never a crash; removing an
 * account removes its rows (ON DELETE CASCADE).
 */
import { accountNotificationSchema, type AccountNotification } from '../../../shared/domain/notification.ts';
import { inTransaction, type Database } from '../store/database.ts';

/** At most this many of an account's newest notifications are kept (older ones load again by paging). */
export const keptNotificationsPerAccount = 5_000;

export interface AccountInbox {
  /** By id; newest first when read back. */
  notifications: Map<string, AccountNotification>;
  cursor: string | null;
  done: boolean;
  readMark: string | null;
}

function parse(json: string): AccountNotification | null {
  try {
    return accountNotificationSchema.safeParse(JSON.parse(json)).data ?? null;
  } catch {
    return null;
  }
}

export function createInboxStore(db: Database) {
  const selectAccounts = db.prepare('SELECT account_id, cursor, done, read_mark FROM inbox_accounts');
  const selectNotifications = db.prepare('SELECT notification FROM inbox_notifications WHERE account_id = ? ORDER BY at DESC LIMIT ?');
  const accountExists = db.prepare('SELECT 1 AS found FROM accounts WHERE id = ?');
  const upsertNotification = db.prepare(
    `INSERT INTO inbox_notifications (account_id, id, at, notification) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET at = excluded.at, notification = excluded.notification`,
  );
  const trim = db.prepare(
    `DELETE FROM inbox_notifications WHERE account_id = ? AND id NOT IN
       (SELECT id FROM inbox_notifications WHERE account_id = ? ORDER BY at DESC LIMIT ?)`,
  );
  const upsertAccount = db.prepare(
    `INSERT INTO inbox_accounts (account_id, cursor, done, read_mark) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, done = excluded.done, read_mark = excluded.read_mark`,
  );

  return {
    /** Every account's kept inbox. */
    load(): Map<string, AccountInbox> {
      const rows = selectAccounts.all() as { account_id: string; cursor: string | null; done: number; read_mark: string | null }[];
      return new Map(
        rows.map((row) => {
          const notes = (selectNotifications.all(row.account_id, keptNotificationsPerAccount) as { notification: string }[]).flatMap((r) => parse(r.notification) ?? []);
          return [row.account_id, { notifications: new Map(notes.map((n) => [n.id, n])), cursor: row.cursor, done: row.done === 1, readMark: row.read_mark }];
        }),
      );
    },
    /** Writes what changed for the account (an account removed meanwhile is not written back). */
    save(accountId: string, inbox: AccountInbox, changed: readonly AccountNotification[]): void {
      inTransaction(db, () => {
        if (!accountExists.get(accountId)) return;
        for (const notification of changed) upsertNotification.run(accountId, notification.id, notification.at, JSON.stringify(notification));
        if (inbox.notifications.size > keptNotificationsPerAccount) trim.run(accountId, accountId, keptNotificationsPerAccount);
        upsertAccount.run(accountId, inbox.cursor, inbox.done ? 1 : 0, inbox.readMark);
      });
    },
  };
}
