/**
 * Braid's browser host (electron/web/main.ts) as a child process on the demo's data folder,
 * pointed at the local Bluesky network. Its launch link is read from what it prints; later
 * output is passed through, so its errors stay visible.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface DemoHost {
  origin: string;
  /** The link that opens Braid (it holds the run's secret). */
  launchUrl: string;
  stop(): Promise<void>;
}

export interface DemoHostOptions {
  dataDir: string;
  env: Record<string, string>;
  /** Let the host open the link in the browser (it also honours BRAID_NO_OPEN). */
  open: boolean;
}

const root = join(import.meta.dirname, '..', '..');
const launchLink = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/;

export async function startDemoHost({ dataDir, env, open }: DemoHostOptions): Promise<DemoHost> {
  const child = spawn(process.execPath, ['electron/web/main.ts', ...(open ? [] : ['--no-open'])], {
    cwd: root,
    env: { ...process.env, ...env, BRAID_DATA_DIR: dataDir },
    stdio: ['inherit', 'pipe', 'pipe'], // Enter in the demo's terminal asks the host for a new one-time link
  });
  // Should the demo exit without stop() (a second Ctrl+C, a crash), the host goes with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  let started = false;
  let early = '';
  const exited = once(child, 'exit');
  void exited.then(() => process.off('exit', killOnExit));
  child.stderr.on('data', (chunk: Buffer) => {
    if (started) process.stderr.write(chunk);
    else early += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    // Its own banner repeats what the demo's summary says: only what comes later is shown.
    if (started) process.stdout.write(chunk);
    else early += chunk.toString();
  });

  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Braid's browser host did not start within 30 s:\n${early}`)), 30_000);
    const look = () => {
      const found = launchLink.exec(early)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', look);
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`Braid's browser host stopped (exit code ${String(code)}):\n${early}`));
    });
  });
  started = true;

  return {
    origin: new URL(launchUrl).origin,
    launchUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
