/**
 * The core, as one command opens it: the data folder Braid always uses (BRAID_DATA_DIR, else the
 * platform's), secrets encrypted with a key from BRAID_SECRET_KEY or the data folder's key file,
 * no live updates. Only commands that send let the outbox resume what a killed run left.
 */
import type { AppError, ChannelName, RequestOf, ResponseOf, Result } from '../../shared/contract.ts';
import type { Core } from '../core/core.ts';
import { CliError, exitCodeOf, setupError, type ExitCode } from './exit.ts';
import { say } from './terminal.ts';

export interface Session {
  core: Core;
  /** The value of a contract call, or a CliError with the core's message. */
  call<C extends ChannelName>(channel: C, request?: RequestOf<C>, exitCodeFor?: (error: AppError) => ExitCode): Promise<ResponseOf<C>>;
  close(): void;
}

/** Loaded only when a command needs it (it takes seconds): help and usage errors answer at once. */
export async function openSession({ sending }: { sending: boolean }): Promise<Session> {
  const [{ createCore }, { dataDirectory }] = await Promise.all([import('../core/core.ts'), import('../core/paths.ts')]);
  const dataDir = dataDirectory();
  let core: Core;
  try {
    core = createCore({
      dataDir,
      host: 'browser',
      liveUpdates: false,
      outbox: { resumeOnStart: sending },
      // Messages only: an error object may hold a request, and requests hold tokens.
      log: (message, error) => say(`braid: ${message}${error instanceof Error ? `: ${error.message}` : ''}`),
    });
  } catch (error) {
    throw setupError(`Braid cannot open its data folder ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    core,
    async call(channel, request, exitCodeFor = exitCodeOf) {
      const result = (await core.dispatch(channel, request)) as Result<ResponseOf<typeof channel>>;
      if (result.ok) return result.value;
      throw new CliError(result.error.message, exitCodeFor(result.error), result.error.code);
    },
    close: () => core.close(),
  };
}
