import type { Database } from './sqlite.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds a table others reference: foreign keys are off while it runs (SQLite's way to
   *  change a table), and checked before it commits. */
  rebuildsTable?: boolean;
}

/** Numbered, append-only: a released migration is never edited, a new one is added. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'accounts (no secrets: those live in the SecretStore)',
    sql: `
      CREATE TABLE accounts (
        id           TEXT PRIMARY KEY,
        network      TEXT NOT NULL CHECK (network IN ('mastodon', 'bluesky')),
        server       TEXT NOT NULL,
        handle       TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        avatar_url   TEXT,
        status       TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'auth_expired')),
        position     INTEGER NOT NULL,
        added_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX accounts_by_position ON accounts (position);
    `,
  },
  {
    version: 3,
    name: 'default post targets, server limits, Mastodon app registrations',
    sql: `
      ALTER TABLE accounts ADD COLUMN post_by_default INTEGER NOT NULL DEFAULT 1 CHECK (post_by_default IN (0, 1));
      ALTER TABLE accounts ADD COLUMN limits TEXT;
      CREATE TABLE mastodon_apps (
        origin        TEXT PRIMARY KEY,
        client_id     TEXT NOT NULL,
        scopes        TEXT NOT NULL,
        registered_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'cached home timelines: the newest posts of each account and where its older pages start',
    sql: `
      CREATE TABLE timeline_posts (
        account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        post_key     TEXT NOT NULL,
        sort_at      TEXT NOT NULL,
        post         TEXT NOT NULL,
        older_cursor TEXT,
        PRIMARY KEY (account_id, position)
      ) STRICT;
      CREATE TABLE timeline_feeds (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        cursor     TEXT,
        done       INTEGER NOT NULL CHECK (done IN (0, 1)),
        saved_at   TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'drafts and the outbox: one job per target of a sent draft, with its idempotency keys',
    sql: `
      CREATE TABLE drafts (
        id         TEXT PRIMARY KEY,
        draft      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at    TEXT
      ) STRICT;
      CREATE TABLE outbox_jobs (
        id              TEXT PRIMARY KEY,
        draft_id        TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        account_id      TEXT NOT NULL,
        plan            TEXT NOT NULL,
        keys            TEXT NOT NULL,
        state           TEXT NOT NULL,
        progress        TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        sent_at         TEXT,
        error           TEXT,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_jobs_by_draft ON outbox_jobs (draft_id);
    `,
  },
  {
    version: 6,
    name: 'accounts of any network: the network is the id of its module, no longer a fixed list',
    rebuildsTable: true,
    sql: `
      CREATE TABLE accounts_new (
        id              TEXT PRIMARY KEY,
        network         TEXT NOT NULL CHECK (network GLOB '[a-z]*' AND length(network) <= 31),
        server          TEXT NOT NULL,
        handle          TEXT NOT NULL,
        display_name    TEXT NOT NULL DEFAULT '',
        avatar_url      TEXT,
        status          TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'auth_expired')),
        position        INTEGER NOT NULL,
        added_at        TEXT NOT NULL,
        post_by_default INTEGER NOT NULL DEFAULT 1 CHECK (post_by_default IN (0, 1)),
        limits          TEXT
      ) STRICT;
      INSERT INTO accounts_new (id, network, server, handle, display_name, avatar_url, status, position, added_at, post_by_default, limits)
        SELECT id, network, server, handle, display_name, avatar_url, status, position, added_at, post_by_default, limits FROM accounts;
      DROP TABLE accounts;
      ALTER TABLE accounts_new RENAME TO accounts;
      CREATE INDEX accounts_by_position ON accounts (position);
    `,
  },
  {
    version: 7,
    name: 'Mastodon apps: one per server and redirect (a server may keep a list of redirects as one URI)',
    sql: `
      DROP TABLE mastodon_apps;
      CREATE TABLE mastodon_apps (
        origin        TEXT NOT NULL,
        redirect_uri  TEXT NOT NULL,
        client_id     TEXT NOT NULL,
        scopes        TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (origin, redirect_uri)
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: 'Timeline gaps: posts below which an account\'s posts are missing, kept between runs',
    sql: `ALTER TABLE timeline_posts ADD COLUMN gap_below INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 9,
    name: 'The inbox kept between runs: each account\'s notifications, where its older pages start, how far it has read',
    sql: `
      CREATE TABLE inbox_notifications (
        account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id           TEXT NOT NULL,
        at           TEXT NOT NULL,
        notification TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      ) STRICT;
      CREATE INDEX inbox_notifications_by_time ON inbox_notifications (account_id, at);
      CREATE TABLE inbox_accounts (
        account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        cursor     TEXT,
        done       INTEGER NOT NULL CHECK (done IN (0, 1)),
        read_mark  TEXT
      ) STRICT;
    `,
  },
  {
    version: 10,
    name: 'The archive: every post of the user\'s own accounts, searchable by words (accents ignored) and by substrings (Japanese, Chinese), and where each account\'s import stands',
    sql: `
      -- Not tied to the accounts table: an archive outlives a signed-out account or a server that is gone.
      CREATE TABLE archive_posts (
        id          INTEGER PRIMARY KEY,
        account_id  TEXT NOT NULL,
        network     TEXT NOT NULL,
        post_key    TEXT NOT NULL,
        uri         TEXT NOT NULL,
        url         TEXT,
        created_at  TEXT NOT NULL,
        text        TEXT NOT NULL,
        alt_text    TEXT NOT NULL DEFAULT '',
        content     TEXT NOT NULL,
        langs       TEXT NOT NULL DEFAULT '[]',
        has_media   INTEGER NOT NULL CHECK (has_media IN (0, 1)),
        is_reply    INTEGER NOT NULL CHECK (is_reply IN (0, 1)),
        is_quote    INTEGER NOT NULL CHECK (is_quote IN (0, 1)),
        deleted_at  TEXT,
        post        TEXT NOT NULL,
        source      TEXT NOT NULL,
        archived_at TEXT NOT NULL,
        UNIQUE (account_id, post_key)
      ) STRICT;
      CREATE INDEX archive_posts_by_time ON archive_posts (created_at, id);
      CREATE INDEX archive_posts_by_account_time ON archive_posts (account_id, created_at);
      CREATE VIRTUAL TABLE archive_words USING fts5 (text, alt_text, content = 'archive_posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE archive_trigrams USING fts5 (text, alt_text, content = 'archive_posts', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1');
      CREATE TRIGGER archive_posts_indexed AFTER INSERT ON archive_posts BEGIN
        INSERT INTO archive_words (rowid, text, alt_text) VALUES (new.id, new.text, new.alt_text);
        INSERT INTO archive_trigrams (rowid, text, alt_text) VALUES (new.id, new.text, new.alt_text);
      END;
      CREATE TRIGGER archive_posts_unindexed AFTER DELETE ON archive_posts BEGIN
        INSERT INTO archive_words (archive_words, rowid, text, alt_text) VALUES ('delete', old.id, old.text, old.alt_text);
        INSERT INTO archive_trigrams (archive_trigrams, rowid, text, alt_text) VALUES ('delete', old.id, old.text, old.alt_text);
      END;
      CREATE TRIGGER archive_posts_reindexed AFTER UPDATE OF text, alt_text ON archive_posts
        WHEN old.text IS NOT new.text OR old.alt_text IS NOT new.alt_text BEGIN
        INSERT INTO archive_words (archive_words, rowid, text, alt_text) VALUES ('delete', old.id, old.text, old.alt_text);
        INSERT INTO archive_trigrams (archive_trigrams, rowid, text, alt_text) VALUES ('delete', old.id, old.text, old.alt_text);
        INSERT INTO archive_words (rowid, text, alt_text) VALUES (new.id, new.text, new.alt_text);
        INSERT INTO archive_trigrams (rowid, text, alt_text) VALUES (new.id, new.text, new.alt_text);
      END;
      -- One walk through an account's history at a time: where it continues, and where it may stop
      -- (a later sync stops at posts older than the newest one an earlier complete walk archived).
      CREATE TABLE archive_sources (
        account_id    TEXT PRIMARY KEY,
        network       TEXT NOT NULL,
        walking       INTEGER NOT NULL DEFAULT 0 CHECK (walking IN (0, 1)),
        cursor        TEXT,
        stop_before   TEXT,
        walk_newest   TEXT,
        synced_to     TEXT,
        complete      INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
        pages         INTEGER NOT NULL DEFAULT 0,
        walk_started  TEXT,
        last_synced   TEXT
      ) STRICT;
    `,
  },
  {
    version: 11,
    name: 'The archive\'s media (each picture or video of an archived post, with its description and its saved file), cross-post groups, and who each archived account is',
    sql: `
      CREATE TABLE archive_media (
        post_id    INTEGER NOT NULL REFERENCES archive_posts (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        alt        TEXT NOT NULL DEFAULT '',
        -- Where it is downloaded from; null when it came in an export file.
        remote_url TEXT,
        mime_type  TEXT,
        -- Under dataDir/archive-media, named by its SHA-256; null until saved.
        file       TEXT,
        sha256     TEXT,
        bytes      INTEGER,
        -- Why the last download failed (it is tried again on a later sync).
        failure    TEXT,
        PRIMARY KEY (post_id, position)
      ) STRICT;
      CREATE INDEX archive_media_missing ON archive_media (post_id) WHERE file IS NULL;
      -- The same words posted to several accounts: the draft Braid sent them from, or the collapse rule's match.
      ALTER TABLE archive_posts ADD COLUMN cross_post TEXT;
      CREATE INDEX archive_posts_by_cross_post ON archive_posts (cross_post) WHERE cross_post IS NOT NULL;
      -- Who the account is, for an archive that outlives it (a signed-out account, an imported file).
      ALTER TABLE archive_sources ADD COLUMN label TEXT;
    `,
  },
  {
    version: 12,
    name: 'Bulk follows: one job per person ticked, saved before any request, resumed after a restart',
    sql: `
      -- Tied to the account: a follow acts as it, so an account removed takes its pending follows
      -- with it (the outbox keeps its jobs instead: a sent draft's words are the user's to see).
      CREATE TABLE follow_jobs (
        id              TEXT PRIMARY KEY,
        batch           TEXT NOT NULL,
        account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        -- JSON of a Who: an Author, or an address string.
        who             TEXT NOT NULL,
        -- The handle shown for the person.
        label           TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'following', 'done', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        -- JSON of the AppError a failed job ended with (or the last one a waiting job met).
        error           TEXT,
        created_at      TEXT NOT NULL,
        done_at         TEXT
      ) STRICT;
      CREATE INDEX follow_jobs_by_account_state ON follow_jobs (account_id, state);
      CREATE INDEX follow_jobs_by_batch ON follow_jobs (batch);
    `,
  },
  {
    version: 13,
    name: 'A bulk follow of a locked account is a request, waiting for their approval',
    sql: `
      ALTER TABLE follow_jobs ADD COLUMN requested INTEGER NOT NULL DEFAULT 0 CHECK (requested IN (0, 1));
    `,
  },
  {
    version: 14,
    name: "The archive's counts per account, kept as posts are saved instead of counted for every status",
    sql: `
      -- Counting 100,000 archived posts took about 0.4 s, and a sync reports its status every 250 ms.
      CREATE TABLE archive_counts (
        account_id TEXT PRIMARY KEY,
        network    TEXT NOT NULL,
        posts      INTEGER NOT NULL,
        deleted    INTEGER NOT NULL,
        with_media INTEGER NOT NULL
      ) STRICT;
      INSERT INTO archive_counts (account_id, network, posts, deleted, with_media)
        SELECT account_id, MIN(network), COUNT(*), COUNT(deleted_at), SUM(has_media) FROM archive_posts GROUP BY account_id;
      CREATE TRIGGER archive_posts_counted AFTER INSERT ON archive_posts BEGIN
        INSERT OR IGNORE INTO archive_counts (account_id, network, posts, deleted, with_media) VALUES (new.account_id, new.network, 0, 0, 0);
        UPDATE archive_counts SET posts = posts + 1, deleted = deleted + (new.deleted_at IS NOT NULL), with_media = with_media + new.has_media
          WHERE account_id = new.account_id;
      END;
      CREATE TRIGGER archive_posts_recounted AFTER UPDATE OF deleted_at, has_media ON archive_posts BEGIN
        UPDATE archive_counts
          SET deleted = deleted - (old.deleted_at IS NOT NULL) + (new.deleted_at IS NOT NULL), with_media = with_media - old.has_media + new.has_media
          WHERE account_id = new.account_id;
      END;
      CREATE TRIGGER archive_posts_uncounted AFTER DELETE ON archive_posts BEGIN
        UPDATE archive_counts SET posts = posts - 1, deleted = deleted - (old.deleted_at IS NOT NULL), with_media = with_media - old.has_media
          WHERE account_id = old.account_id;
      END;
    `,
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Applies every migration above the database's version (up to `target`), each in its own transaction. */
export function migrate(db: Database, target = latestVersion): void {
  const current = schemaVersion(db);
  if (current > latestVersion) {
    throw new Error(
      `This database was written by a newer Braid (schema ${current}, this one knows ${latestVersion}). Update Braid to open it.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    const foreignKeys = (db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys;
    if (migration.rebuildsTable) db.exec('PRAGMA foreign_keys = OFF'); // a no-op inside a transaction
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      if (migration.rebuildsTable && db.prepare('PRAGMA foreign_key_check').all().length > 0) throw new Error('a reference no longer resolves');
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${String(error)}`, { cause: error });
    } finally {
      db.exec(`PRAGMA foreign_keys = ${foreignKeys}`);
    }
  }
}
