/**
 * The core, as one command opens it: the command line's own data folder (data-folder.ts),
 * secrets encrypted with a key from BRAID_SECRET_KEY or the folder's key file, no live updates.
 * The outbox does not resume what a stopped run left until a command is about to send: a
 * command that ends in a usage or configuration error sends nothing.
 */
import type { AppError, ChannelName, RequestOf, ResponseOf, Result } from '../../shared/contract.ts';
import type { Core } from '../core/core.ts';
import { cliDataDirectory } from './data-folder.ts';
import { CliError, exitCodeOf, setupError, type ExitCode } from './exit.ts';
import { say } from './terminal.ts';
import { coreWording, words } from './words.ts';

export interface Session {
  core: Core;
  /** The value of a contract call, or a CliError with the core's message. */
  call<C extends ChannelName>(channel: C, request?: RequestOf<C>, exitCodeFor?: (error: AppError) => ExitCode): Promise<ResponseOf<C>>;
  /** Lets the outbox resume sends a stopped run left: right before this command sends. */
  resumeSending(): void;
  close(): void;
}

/** Loaded only when a command needs it (it takes seconds): help and usage errors answer at once. */
export async function openSession(): Promise<Session> {
  const { createCore } = await import('../core/core.ts');
  const dataDir = cliDataDirectory();
  let core: Core;
  try {
    core = createCore({
      dataDir,
      host: 'cli',
      liveUpdates: false,
      outbox: { resumeOnStart: false },
      // Messages only: an error object may hold a request, and requests hold tokens.
      log: (message, error) => say(words('cli.error', { message: `${message}${error instanceof Error ? `: ${error.message}` : ''}` })),
    });
  } catch (error) {
    throw setupError({ id: 'cli.dataFolder', values: { folder: dataDir, message: error instanceof Error ? error.message : String(error) } });
  }
  let resumed = false;
  return {
    core,
    async call(channel, request, exitCodeFor = exitCodeOf) {
      const result = (await core.dispatch(channel, request)) as Result<ResponseOf<typeof channel>>;
      if (result.ok) return result.value;
      throw new CliError(coreWording(result.error), exitCodeFor(result.error), result.error.code);
    },
    resumeSending() {
      if (!resumed) core.resumeOutbox();
      resumed = true;
    },
    close: () => core.close(),
  };
}
