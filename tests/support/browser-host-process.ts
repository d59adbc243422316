import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { tempDir } from './temp-dir.ts';

export interface RunningHost {
  origin: string;
  /** The first launch link (one-time). */
  launchUrl: string;
  /** A fresh one-time launch link, as a user gets by pressing Enter where Braid runs. */
  newLaunchUrl(): Promise<string>;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');

export interface HostProcessOptions {
  /** Extra environment, e.g. where the Bluesky directory is. */
  env?: Record<string, string>;
  /** Reuse a data folder (a restart); it is then left in place by stop(). */
  dataDir?: string;
}

/** Starts `electron/web/main.ts` as its own process, the way `npm start` does, on a fresh data dir. */
export async function startHostProcess(options: HostProcessOptions = {}): Promise<RunningHost> {
  const dir = options.dataDir ? { path: options.dataDir, remove: () => undefined } : tempDir('host');
  const child: ChildProcess = spawn(process.execPath, ['electron/web/main.ts', '--no-open'], {
    cwd: root,
    env: { ...process.env, ...options.env, BRAID_DATA_DIR: dir.path },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const links = () => [...output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/g)].map((match) => match[1]!);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  /** Resolves with the `count`-th launch link the host printed. */
  const linkNumber = (count: number) =>
    new Promise<string>((resolve, reject) => {
      const stop = (done: () => void) => {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        child.off('exit', look);
        done();
      };
      const look = () => {
        const link = links()[count - 1];
        if (link !== undefined) stop(() => resolve(link));
        else if (exited !== null) stop(() => reject(new Error(`browser host exited with ${exited}:\n${output}`)));
      };
      const timer = setTimeout(() => stop(() => reject(new Error(`browser host printed no launch link:\n${output}`))), 30_000);
      child.stdout?.on('data', look);
      child.on('exit', look);
      look();
    });
  const launchUrl = await linkNumber(1);
  let asked = 1;

  return {
    origin: new URL(launchUrl).origin,
    launchUrl,
    newLaunchUrl: () => {
      asked += 1;
      child.stdin?.write('\n');
      return linkNumber(asked);
    },
    dataDir: dir.path,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      dir.remove();
    },
  };
}
