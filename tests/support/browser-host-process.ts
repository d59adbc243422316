import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { tempDir } from './temp-dir.ts';

export interface RunningHost {
  origin: string;
  launchUrl: string;
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 15_000);
    const look = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)));
  });

  return {
    origin: new URL(launchUrl).origin,
    launchUrl,
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
