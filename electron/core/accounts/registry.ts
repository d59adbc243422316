import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { Database } from '../store/database.ts';

interface AccountRow {
  id: string;
  network: AccountSummary['network'];
  server: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  status: AccountSummary['status'];
}

export function listAccounts(db: Database): AccountSummary[] {
  const rows = db
    .prepare(
      'SELECT id, network, server, handle, display_name, avatar_url, status FROM accounts ORDER BY position, added_at',
    )
    .all() as unknown as AccountRow[];
  return rows.map((row) => ({
    id: row.id,
    network: row.network,
    server: row.server,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    status: row.status,
  }));
}
