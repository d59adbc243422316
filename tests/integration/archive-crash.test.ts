/**
 * Crash test of the archive import: a process importing a Mastodon account's statuses is killed
 * (SIGKILL, no clean-up) at random moments, again and again, each time resuming from what the
 * last one saved; then one runs to the end. The archive must hold exactly the server's statuses:
 * none twice, none missing, and both search indexes intact. BRAID_ARCHIVE_KILLS sets the kills
 * (default 20).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/core/store/database.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { tokenFor } from '../servers/mastodon/test-token.ts';
import { nodeBundle } from '../support/node-bundle.ts';
import { tempDir } from '../support/temp-dir.ts';

vi.setConfig({ testTimeout: 240_000 });

const kills = Number(process.env.BRAID_ARCHIVE_KILLS ?? 20);
const childScript = nodeBundle(new URL('../support/archive-child.ts', import.meta.url).pathname, 'archive-child');
const dir = tempDir('archive-crash');
let server: MastodonTestServer;
let args: string[];

beforeAll(async () => {
  server = await startMastodonServer();
  const amy = server.addUser({ username: 'amy', password: 'amy pw' });
  server.seedStatuses('amy', 4000, { from: new Date(Date.UTC(2021, 0, 1)) });
  args = [dir.path, server.url, await tokenFor(server, 'amy'), `mastodon:${new URL(server.url).host}:${amy.id}`];
});
afterAll(async () => {
  await server?.close();
  dir.remove();
});

/** Runs the child; kills it `killAfterMs` after its first saved page (never, when null). Answers its last line. */
function run(killAfterMs: number | null): Promise<{ last: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      last = line;
      if (killAfterMs !== null && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve({ last, killed: signal === 'SIGKILL' });
      else reject(new Error(`the import process ended with ${code ?? signal}`));
    });
  });
}

describe('an archive import killed at random moments', () => {
  it(`resumes after ${kills} kills to exactly the server's statuses, no duplicate, no gap`, async () => {
    let killedMidway = 0;
    const reached: string[] = [];
    for (let trial = 0; trial < kills; trial++) {
      const { killed, last } = await run(Math.floor(Math.random() * 300));
      reached.push(last);
      if (killed) killedMidway += 1;
      if (last.startsWith('done')) break; // finished before the kill came
    }
    console.info(`archive crash test: what each killed process had printed last: ${reached.join(', ')}`);
    expect(killedMidway).toBeGreaterThan(0);
    const final = await run(null);
    expect(final.last).toBe('done 4000');

    const db = openDatabase(dir.path);
    try {
      const keys = (db.prepare('SELECT post_key AS key FROM archive_posts').all() as { key: string }[]).map((row) => row.key);
      const onServer = server.statusesOf('amy').map((status) => status.id);
      expect(keys).toHaveLength(onServer.length);
      expect(new Set(keys)).toEqual(new Set(onServer));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      // FTS5's own check that its index matches the rows it indexes (throws when not).
      db.exec("INSERT INTO archive_words (archive_words, rank) VALUES ('integrity-check', 1)");
      db.exec("INSERT INTO archive_trigrams (archive_trigrams, rank) VALUES ('integrity-check', 1)");
      expect(db.prepare("SELECT COUNT(*) AS n FROM archive_words WHERE archive_words MATCH 'seq'").get()).toEqual({ n: 4000 });
    } finally {
      db.close();
    }
  });
});
