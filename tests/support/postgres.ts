// A throwaway PostgreSQL cluster for one test run: a fresh temp folder, a free port on
// 127.0.0.1, the Unix socket inside that folder, fsync off, trust auth for the user "pg".
// initdb and the server refuse to run as root, and CI runs the tests as root: then every
// server-side command runs as the "postgres" user (runuser) in a folder that user owns.
// Clients (createdb) connect over TCP and run as whoever we are.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { freePort } from './free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Postgres {
  /** postgresql://pg@127.0.0.1:PORT/NAME */
  url: string;
  port: number;
  database: string;
  /** Stops the server at once (pg_ctl stop -m immediate) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Database to create (default "test"). */
  database?: string;
}

const NOT_INSTALLED =
  'PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin (or $PG_BIN). ' +
  'Install it with: apt-get install postgresql';

/** The folder holding initdb, pg_ctl and createdb: $PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new Error(`${NOT_INSTALLED} (PG_BIN=${fromEnv} has no initdb)`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) throw new Error(NOT_INSTALLED);
  return join(root, newest, 'bin');
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A server-side PostgreSQL command line: run as the postgres user when we are root. */
function serverCommand(file: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function runAsServerUser(file: string, args: string[]): Promise<void> {
  const [command, commandArgs] = serverCommand(file, args);
  try {
    await run(command, commandArgs, { encoding: 'utf8' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${[command, ...commandArgs].join(' ')} failed: ${(stderr ?? '').trim() || (stdout ?? '').trim() || String(error)}`, { cause: error });
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const uid = Number((await run('id', ['-u', 'postgres'], { encoding: 'utf8' })).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'], { encoding: 'utf8' })).stdout.trim());
    return { uid, gid };
  } catch (error) {
    throw new Error(`Running as root, but there is no "postgres" user to run PostgreSQL as. ${NOT_INSTALLED}`, { cause: error });
  }
}

/** Starts a fresh PostgreSQL server with one database. Always call stop(), also when a test fails. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<Postgres> {
  const database = options.database ?? 'test';
  const bin = findPostgresBin();
  // A folder of its own right under the temp dir (mkdtemp makes it 0700, so it must not sit inside
  // another 0700 folder of root's: the postgres user has to reach it).
  const dir = await mkdtemp(join(tmpdir(), 'braid-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  // A postmaster.pid means a server may be running (also after a pg_ctl start that timed out).
  const mayRun = (): boolean => existsSync(join(dataDir, 'postmaster.pid'));
  let stopped = false;

  const stopNow = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopOnExit);
    try {
      if (mayRun()) await runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  // Last resort when the process exits without stop() (a crash, process.exit): a detached
  // postmaster would outlive us.
  const stopOnExit = (): void => {
    try {
      const [command, args] = serverCommand(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      if (mayRun()) execFileSync(command, args, { stdio: 'ignore' });
    } catch {
      // Exiting anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopOnExit);

  try {
    if (isRoot()) {
      const { uid, gid } = await postgresUserIds();
      await chown(dir, uid, gid);
    }
    await runAsServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'pg', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);

    // The port may be taken between freePort() and the server's bind: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', serverOptions, 'start']);
        break;
      } catch (error) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (attempt >= 3 || !/could not bind|address already in use/i.test(log)) {
          throw new Error(`PostgreSQL did not start. Server log:\n${log}`, { cause: error });
        }
      }
    }

    try {
      await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'pg', database], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`createdb ${database} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`, { cause: error });
    }
    return { url: `postgresql://pg@127.0.0.1:${port}/${database}`, port, database, stop: stopNow };
  } catch (error) {
    await stopNow().catch(() => undefined);
    throw error;
  }
}
