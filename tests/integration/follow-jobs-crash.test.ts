/**
 * Crash test of bulk follows: a process following 200 people of the Mastodon test server as a
 * signed-in account (the real network module, follow-jobs-child.ts) is killed (SIGKILL, no
 * clean-up) at random moments, again and again, each time resuming from what the last one saved;
 * then one runs to the end. Counted on the server: the account follows exactly the 200 ticked
 * (none missing, nobody else), each notified of one follow; in the database every job is done,
 * none lost. The server's budget is small (a short window), so rate limits are met and waited
 * out along the way, and between some trials the server refuses the next few requests outright. BRAID_FOLLOW_KILLS sets the kills (default 10).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/core/store/database.ts';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { nodeBundle } from '../support/node-bundle.ts';
import { tempDir } from '../support/temp-dir.ts';

vi.setConfig({ testTimeout: 240_000 });

const kills = Number(process.env.BRAID_FOLLOW_KILLS ?? 10);
const count = 200;
const names = Array.from({ length: count }, (_, i) => `p${String(i).padStart(3, '0')}`);
const childScript = nodeBundle(new URL('../support/follow-jobs-child.ts', import.meta.url).pathname, 'follow-jobs-child');
const dir = tempDir('follow-crash');
let server: MastodonTestServer;
let args: string[];

beforeAll(async () => {
  // 40 requests a second for the account's token: a follow takes two (the lookup, the follow), so
  // the budget runs out now and then and the runner waits for the next window.
  server = await startMastodonServer({ rateLimit: { limit: 40, windowMs: 1_000 } });
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'zed', password: 'zed-password-1' }); // not ticked: never followed
  for (const name of names) server.addUser({ username: name, password: `${name}-password-1` });
  const braid = startCore({ liveUpdates: false }, dir);
  const accountId = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  braid.core.close();
  const peopleFile = join(dir.path, 'people.json');
  writeFileSync(peopleFile, JSON.stringify(names.map((name) => ({ who: name, label: `@${name}` }))));
  args = [dir.path, accountId, peopleFile];
}, 120_000);

afterAll(async () => {
  await server?.close();
  dir.remove();
});

/** Runs the child; kills it `killAfterMs` after its first line (never, when null). Answers its last line. */
function run(killAfterMs: number | null): Promise<{ last: string; killed: boolean; errors: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    let errors = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      last = line;
      if (killAfterMs !== null && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve({ last, killed: signal === 'SIGKILL', errors });
      else reject(new Error(`the follow process ended with ${code ?? signal}: ${errors.slice(-1000)}`));
    });
  });
}

const doneIn = (line: string) => Number(/^(?:progress|ended) (\d+)/.exec(line)?.[1] ?? 0);

describe('bulk follows killed at random moments', () => {
  it(`resume after ${kills} kills to exactly the ${count} people ticked, followed once each, no job lost`, async () => {
    const reached: number[] = [];
    let killedMidway = 0;
    for (let trial = 0; trial < kills; trial++) {
      // Now and then the server refuses a few requests outright until a moment later, whatever the budget.
      if (trial % 3 === 1) server.rateLimitNext(3, 400);
      const { killed, last } = await run(50 + Math.floor(Math.random() * 1_200));
      reached.push(doneIn(last));
      if (killed && doneIn(last) < count) killedMidway += 1;
    }
    const end = await run(null);
    expect(end.last).toBe(`ended ${count} 0 ${count}`);
    console.info(`follows done when each kill landed: ${reached.join(', ')}`);
    // The kills landed part-way through, not all before the first follow or after the last.
    expect(killedMidway).toBeGreaterThanOrEqual(Math.min(kills, 3));
    expect(reached.some((done) => done > 0 && done < count)).toBe(true);

    // Counted on the server: every one of the 200 followed, nobody else, one follow each.
    const followed = names.filter((name) => server.isFollowing('amy', name));
    expect(followed).toHaveLength(count);
    expect(server.isFollowing('amy', 'zed')).toBe(false);
    const followNotifications = names.map((name) => server.notificationsOf(name).filter((notification) => notification.type === 'follow').length);
    expect(followNotifications.filter((n) => n !== 1)).toEqual([]);
    const followRequests = server.requests.filter((request) => request.method === 'POST' && /^\/api\/v1\/accounts\/[^/]+\/follow$/.test(request.path));
    const limited = server.requests.filter((request) => request.status === 429).length;
    console.info(`${followRequests.length} follow requests for ${count} people (a follow cut off is sent again); ${limited} answers were rate limits`);
    expect(followRequests.filter((request) => request.status === 200).length).toBeGreaterThanOrEqual(count);
    if (kills >= 2) expect(limited).toBeGreaterThan(0);

    // In the database: one job per person, every one done, none lost.
    const db = openDatabase(dir.path);
    try {
      const rows = db.prepare('SELECT label, state, attempts FROM follow_jobs ORDER BY rowid').all() as { label: string; state: string; attempts: number }[];
      expect(rows.map((row) => row.label)).toEqual(names.map((name) => `@${name}`));
      expect(rows.filter((row) => row.state !== 'done')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
