// A dev-env network whose start fails halfway (the PDS's port taken) leaves nothing running: no
// listening server, no open socket that would keep Vitest's main process from exiting.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closingPartialStart } from './dev-env-partial-start.ts';
import { freePort } from './free-port.ts';
import { startPostgres, type Postgres } from './postgres.ts';
import { quietPgQueryQueueDeprecation } from './quiet-pg-deprecation.ts';

let postgres: Postgres | undefined;
let blocker: Server | undefined;
let runDir: string | undefined;

afterAll(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  await postgres?.stop();
  if (runDir) await rm(runDir, { recursive: true, force: true });
});

/** Listening servers and open sockets of this process (timers are left out: expect.poll makes its own). */
const handles = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap' || kind === 'TCPSocketWrap');

it('closes every service a failed TestNetwork.create had started', async () => {
  quietPgQueryQueueDeprecation();
  const devEnv = await import('@atproto/dev-env');
  postgres = await startPostgres({ database: 'bsky' });
  const taken = await freePort();
  blocker = createServer((socket) => socket.destroy()); // the AppView dials the PDS's port: answer nobody
  await new Promise<void>((resolve) => blocker!.listen(taken, resolve));
  runDir = await mkdtemp(join(tmpdir(), 'braid-partial-'));
  const before = handles().length;
  const saved = { DB_POSTGRES_URL: process.env.DB_POSTGRES_URL, REDIS_HOST: process.env.REDIS_HOST, TMPDIR: process.env.TMPDIR };
  Object.assign(process.env, { DB_POSTGRES_URL: postgres.url, REDIS_HOST: 'localhost', TMPDIR: runDir });
  try {
    const [plcPort, bskyPort] = [await freePort(), await freePort()];
    const start = closingPartialStart(devEnv, () =>
      devEnv.TestNetwork.create({ dbPostgresUrl: postgres!.url, dbPostgresSchema: 'partial_start', plc: { port: plcPort }, pds: { port: taken, hostname: 'localhost' }, bsky: { port: bskyPort } }),
    );
    await expect(start).rejects.toMatchObject({ code: 'EADDRINUSE' });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  // Everything the PLC, helper PDS, bsync and AppView opened is closed again (a failed create
  // without closingPartialStart leaves 4 listening servers and their sockets).
  await expect.poll(() => handles().length, { timeout: 5_000 }).toBeLessThanOrEqual(before);
  // The wrappers are gone: dev-env's own create() and start() are back.
  expect(devEnv.TestPds.create.name).toBe('create');
}, 120_000);
