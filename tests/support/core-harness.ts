/**
 * A real core on a fresh data folder, with a transcript of everything the renderer would
 * receive (every answer and every event) and everything it logged, for the secrets scan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelName, RequestOf, ResponseOf, Result } from '../../shared/contract.ts';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.ts';
import { tempDir } from './temp-dir.ts';

export interface CoreHarness {
  core: Core;
  dataDir: string;
  call<C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Like call, but the value, or an Error with the Result's error message and code. */
  value<C extends ChannelName>(channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Everything that reached the renderer side or a log, as text. */
  transcript(): string;
  /** Every byte Braid wrote to its data folder except the encrypted secrets file, as text. */
  plainFiles(): string;
  restart(): CoreHarness;
  close(): void;
}

export function startCore(options: Partial<CoreOptions> = {}, dir = tempDir('core')): CoreHarness {
  const path = dir.path;
  const seen: string[] = [];
  const core = createCore({ dataDir: path, host: 'browser', log: (message, error) => seen.push(`${message} ${String(error)}`), ...options });
  core.events.subscribe((event, payload) => seen.push(JSON.stringify({ event, payload })));
  const call = async <C extends ChannelName>(channel: C, request?: RequestOf<C>) => {
    const result = (await core.dispatch(channel, request)) as Result<ResponseOf<C>>;
    seen.push(JSON.stringify(result));
    return result;
  };
  const harness: CoreHarness = {
    core,
    dataDir: path,
    call,
    async value(channel, request) {
      const result = await call(channel, request);
      if (result.ok) return result.value;
      throw Object.assign(new Error(result.error.message), { code: result.error.code });
    },
    transcript: () => seen.join('\n'),
    plainFiles: () =>
      readdirSync(path)
        .filter((name) => name !== 'secrets.json' && name !== 'secret.key')
        .map((name) => readFileSync(join(path, name)).toString('latin1'))
        .join('\n'),
    /** A new core on the same data folder, as after quitting and starting Braid again. */
    restart() {
      core.close();
      return startCore(options, dir);
    },
    close() {
      core.close();
      dir.remove();
    },
  };
  return harness;
}

/** Fails with the list of secrets found in `text`. */
export function leakedSecrets(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => secret.length >= 8 && text.includes(secret));
}
