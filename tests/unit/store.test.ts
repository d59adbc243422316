import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAccounts } from '../../electron/core/accounts/registry.ts';
import { readTheme, writeTheme } from '../../electron/core/settings.ts';
import { openDatabase } from '../../electron/core/store/database.ts';
import { latestVersion, migrate, migrations, schemaVersion } from '../../electron/core/store/migrations.ts';
import { DatabaseSync, type Database } from '../../electron/core/store/sqlite.ts';

const tables = (db: Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(latestVersion).toBe(migrations.length);
  });

  it('1: creates the settings table on an empty database', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['settings']);
  });

  it('3: adds default targets and limits to existing accounts, and the Mastodon app table', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 2);
    db.prepare(
      "INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('mastodon:m.test:1', 'mastodon', 'm.test', 'a@m.test', 0, 'now')",
    ).run();
    migrate(db, 3);
    expect(tables(db)).toEqual(['accounts', 'mastodon_apps', 'settings']);
    expect(listAccounts(db)[0]).toMatchObject({ id: 'mastodon:m.test:1', postByDefault: true });
    expect(db.prepare('SELECT limits FROM accounts').get()).toEqual({ limits: null });
  });

  it('2: adds accounts to a version-1 database and keeps its settings', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 1);
    writeTheme(db, 'dark');
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['accounts', 'settings']);
    expect(readTheme(db)).toBe('dark');
    db.prepare(
      "INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('bluesky:did:plc:x', 'bluesky', 'pds.test', 'x.test', 0, '2026-11-25T00:00:00Z')",
    ).run();
    expect(db.prepare('SELECT id, handle, status FROM accounts').all()).toEqual([{ id: 'bluesky:did:plc:x', handle: 'x.test', status: 'ok' }]);
    expect(() =>
      db.prepare("INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('y', 'myspace', 's', 'h', 1, 'now')").run(),
    ).toThrow(/CHECK/);
  });

  it('4: adds the timeline cache, whose rows go with their account', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON'); // as openDatabase sets it
    migrate(db, 3);
    db.prepare(
      "INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('bluesky:did:plc:x', 'bluesky', 'pds.test', 'x.test', 0, 'now')",
    ).run();
    migrate(db, 4);
    expect(tables(db)).toEqual(['accounts', 'mastodon_apps', 'settings', 'timeline_feeds', 'timeline_posts']);
    db.prepare("INSERT INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES ('bluesky:did:plc:x', 'c1', 0, 'now')").run();
    db.prepare(
      "INSERT INTO timeline_posts (account_id, position, post_key, sort_at, post) VALUES ('bluesky:did:plc:x', 0, 'bluesky at://p', '2026-11-25T00:00:00.000Z', '{}')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES ('nobody', NULL, 1, 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM accounts WHERE id = 'bluesky:did:plc:x'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_posts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_feeds').get()).toEqual({ n: 0 });
  });

  it('6: takes accounts of any network, keeping every account, its choices and its cached timeline', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON'); // as openDatabase sets it
    migrate(db, 5);
    db.prepare(
      "INSERT INTO accounts (id, network, server, handle, position, added_at, post_by_default, limits) VALUES ('bluesky:did:plc:x', 'bluesky', 'pds.test', 'x.test', 0, 'now', 0, '{}')",
    ).run();
    db.prepare("INSERT INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES ('bluesky:did:plc:x', 'c1', 0, 'now')").run();
    migrate(db, 6);
    expect(db.prepare('SELECT id, network, post_by_default, limits FROM accounts').all()).toEqual([{ id: 'bluesky:did:plc:x', network: 'bluesky', post_by_default: 0, limits: '{}' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_feeds').get()).toEqual({ n: 1 });
    expect((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys).toBe(1);
    db.prepare("INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('nostr:npub1', 'nostr', 'relay.test', 'n', 1, 'now')").run();
    expect(() => db.prepare("INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('y', 'My Space', 's', 'h', 2, 'now')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM accounts WHERE id = 'bluesky:did:plc:x'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM timeline_feeds').get()).toEqual({ n: 0 }); // still goes with its account
  });

  it('7: keeps one Mastodon app per server and redirect', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 6);
    db.prepare("INSERT INTO mastodon_apps (origin, client_id, scopes, registered_at) VALUES ('https://a.example', 'both', 'read', 'now')").run();
    migrate(db, 7);
    expect(db.prepare('SELECT COUNT(*) AS n FROM mastodon_apps').get()).toEqual({ n: 0 }); // registered again, once per redirect
    const insert = db.prepare("INSERT INTO mastodon_apps (origin, redirect_uri, client_id, scopes, registered_at) VALUES ('https://a.example', ?, ?, 'read', 'now')");
    insert.run('http://127.0.0.1/callback', 'loop');
    insert.run('urn:ietf:wg:oauth:2.0:oob', 'oob');
    expect(() => insert.run('urn:ietf:wg:oauth:2.0:oob', 'again')).toThrow(/UNIQUE/);
  });

  it('10: adds the archive (posts, two full-text indexes kept by triggers, import positions) and keeps what was there', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 9);
    db.prepare(
      "INSERT INTO accounts (id, network, server, handle, position, added_at) VALUES ('mastodon:m.test:1', 'mastodon', 'm.test', 'a@m.test', 0, 'now')",
    ).run();
    migrate(db, 10);
    expect(tables(db)).toEqual(expect.arrayContaining(['archive_posts', 'archive_sources', 'archive_words', 'archive_trigrams']));
    expect(listAccounts(db)).toHaveLength(1);
    const insert = db.prepare(
      "INSERT INTO archive_posts (account_id, network, post_key, uri, created_at, text, content, has_media, is_reply, is_quote, post, source, archived_at) VALUES ('a', 'mastodon', ?, 'u', 't', ?, '{}', 0, 0, 0, '{}', '{}', 'now')",
    );
    insert.run('1', 'Crème brûlée à Tōkyō 東京タワー');
    expect(() => insert.run('1', 'again')).toThrow(/UNIQUE/);
    const words = db.prepare('SELECT rowid FROM archive_words WHERE archive_words MATCH ?');
    const trigrams = db.prepare('SELECT rowid FROM archive_trigrams WHERE archive_trigrams MATCH ?');
    expect(words.all('creme tokyo')).toHaveLength(1);
    expect(trigrams.all('"京タワ"')).toHaveLength(1);
    db.prepare("UPDATE archive_posts SET text = 'changed' WHERE post_key = '1'").run();
    expect(words.all('creme')).toHaveLength(0);
    expect(words.all('changed')).toHaveLength(1);
    db.prepare("DELETE FROM archive_posts WHERE post_key = '1'").run();
    expect(words.all('changed')).toHaveLength(0);
    expect(trigrams.all('"changed"')).toHaveLength(0);
  });

  it('runs again without changing anything once the database is current', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(latestVersion);
  });

  it('rolls a failing migration back and says which one failed', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 1);
    db.exec('CREATE TABLE accounts (id TEXT)'); // a stray table makes migration 2 fail
    expect(() => migrate(db)).toThrow(/Migration 2 .*failed/);
    expect(schemaVersion(db)).toBe(1);
  });

  it('refuses a database written by a newer Braid instead of damaging it', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`PRAGMA user_version = ${latestVersion + 1}`);
    expect(() => migrate(db)).toThrow(/newer Braid/);
  });
});

describe('the database file', () => {
  it('is created with its folder, private to the user, and reopens with what was written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'braid-store-'));
    dirs.push(dir);
    const dataDir = join(dir, 'nested', 'braid');
    const db = openDatabase(dataDir);
    expect(readTheme(db)).toBe('system');
    writeTheme(db, 'light');
    db.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const again = openDatabase(dataDir);
    expect(readTheme(again)).toBe('light');
    expect(schemaVersion(again)).toBe(latestVersion);
    again.close();
  });

  it('keeps its files readable by the user only, in a folder that already existed (umask 022)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'braid-store-'));
    dirs.push(dataDir);
    chmodSync(dataDir, 0o755);
    const db = openDatabase(dataDir);
    writeTheme(db, 'dark');
    for (const name of readdirSync(dataDir)) expect(statSync(join(dataDir, name)).mode & 0o777, name).toBe(0o600);
    db.close();
    chmodSync(join(dataDir, 'braid.sqlite'), 0o644); // as an earlier Braid left it
    openDatabase(dataDir).close();
    expect(statSync(join(dataDir, 'braid.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('reads an unknown stored theme as "system"', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('theme', 'neon')").run();
    expect(readTheme(db)).toBe('system');
  });
});
