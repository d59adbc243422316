import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations.ts';
import { DatabaseSync, type Database } from './sqlite.ts';

export type { Database };

/** Opens (creating if needed) Braid's database in `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'braid.sqlite');
  // The user's only, even in a folder that already existed (SQLite gives its -wal and -shm files the same mode).
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(db);
  return db;
}

/** An in-memory database with the full schema, for tests. */
export function openMemoryDatabase(): Database {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  return db;
}

/** Runs `work` in one IMMEDIATE transaction: all of it is saved, or none. */
export function inTransaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
