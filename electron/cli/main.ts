/**
 * `braid …` (bin/braid.mjs, or `node electron/cli/main.ts …` on Node >= 22.18): a thin host over
 * electron/core, like the browser host. Runs one command and exits with its code (see exit.ts).
 */
import { CommanderError } from 'commander';
import { CliError, exitCodes, type ExitCode } from './exit.ts';
import { buildProgram } from './program.ts';
import { openSession, type Session } from './session.ts';
import { print, say, stopAsking } from './terminal.ts';
import { words } from './words.ts';

async function runCli(argv: string[]): Promise<ExitCode> {
  let session: Promise<Session> | undefined;
  let exitCode: ExitCode = exitCodes.ok;
  let json = false;
  const program = buildProgram({
    open: () => (session ??= openSession()),
    done: (code) => (exitCode = code),
  });
  program.hook('preAction', (_program, command) => {
    json = Boolean(command.opts<{ json?: boolean }>().json);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Help and --version end with 0; every other complaint of the parser is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (error instanceof CliError) {
      say(words('cli.error', { message: error.message }));
      // The same in every language: a script reads it.
      if (json) print(JSON.stringify({ error: { message: error.english, code: error.code, exitCode: error.exitCode } }));
      return error.exitCode;
    }
    // A bug: its message, not its object (which may hold a request, and requests hold tokens).
    say(words('cli.unexpected', { message: error instanceof Error ? error.message : String(error) }));
    if (process.env.BRAID_DEBUG && error instanceof Error) say(error.stack ?? '');
    return exitCodes.failed;
  } finally {
    stopAsking();
    (await session?.catch(() => undefined))?.close();
  }
}

/** Exits once stdout and stderr have taken everything written (pipes may be asynchronous). */
async function exit(code: ExitCode): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit(code);
}

await exit(await runCli(process.argv.slice(2)));
