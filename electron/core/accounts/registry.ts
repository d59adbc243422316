/** The accounts table: who Braid acts as. No secret is ever stored here (see secrets/). */
import { mastodonLimitsSchema, type AccountSummary, type Network } from '../../../shared/domain/account.ts';
import { withoutBidiControls } from '../../../shared/text/bidi.ts';
import type { SignedInAccount } from '../networks/network.ts';
import type { Database } from '../store/database.ts';

interface AccountRow {
  id: string;
  network: Network;
  server: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  status: 'ok' | 'auth_expired';
  post_by_default: number;
  limits: string | null;
}

const columns = 'id, network, server, handle, display_name, avatar_url, status, post_by_default, limits';

const toSummary = (row: AccountRow): AccountSummary => ({
  id: row.id,
  network: row.network,
  server: row.server,
  handle: row.handle,
  displayName: row.display_name,
  avatarUrl: row.avatar_url,
  status: row.status,
  postByDefault: row.post_by_default === 1,
  limits: row.limits ? (mastodonLimitsSchema.safeParse(JSON.parse(row.limits)).data ?? null) : null,
});

export function listAccounts(db: Database): AccountSummary[] {
  const rows = db.prepare(`SELECT ${columns} FROM accounts ORDER BY position, added_at`).all() as unknown as AccountRow[];
  return rows.map(toSummary);
}

export function findAccount(db: Database, id: string): AccountSummary | null {
  const row = db.prepare(`SELECT ${columns} FROM accounts WHERE id = ?`).get(id) as AccountRow | undefined;
  return row ? toSummary(row) : null;
}

/** Adds an account, or refreshes it after signing in again (it keeps its place and choices). */
/** Avatars are shown only from https: never mixed content, never a local address. */
const safeAvatar = (url: string | null) => (url?.startsWith('https://') ? url : null);

export function saveAccount(db: Database, account: SignedInAccount): void {
  db.prepare(
    `INSERT INTO accounts (id, network, server, handle, display_name, avatar_url, status, position, added_at, limits)
     VALUES (:id, :network, :server, :handle, :displayName, :avatarUrl, 'ok',
             (SELECT COALESCE(MAX(position) + 1, 0) FROM accounts), :addedAt, :limits)
     ON CONFLICT (id) DO UPDATE SET server = excluded.server, handle = excluded.handle,
       display_name = excluded.display_name, avatar_url = excluded.avatar_url, status = 'ok',
       limits = COALESCE(excluded.limits, accounts.limits)`,
  ).run({
    id: account.id,
    network: account.network,
    server: account.server,
    handle: withoutBidiControls(account.handle),
    displayName: withoutBidiControls(account.displayName),
    avatarUrl: safeAvatar(account.avatarUrl),
    addedAt: new Date().toISOString(),
    limits: account.limits === undefined ? null : JSON.stringify(account.limits),
  });
}

export function setAccountStatus(db: Database, id: string, status: 'ok' | 'auth_expired'): void {
  db.prepare('UPDATE accounts SET status = ? WHERE id = ?').run(status, id);
}

export function setPostByDefault(db: Database, id: string, postByDefault: boolean): boolean {
  return db.prepare('UPDATE accounts SET post_by_default = ? WHERE id = ?').run(postByDefault ? 1 : 0, id).changes > 0;
}

export function deleteAccount(db: Database, id: string): void {
  db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
}
