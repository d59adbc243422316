/**
 * The terminal: results on stdout, progress and questions on stderr, answers from stdin (typed,
 * or piped one per line). Secrets are read without echo. Text from servers is shown without
 * control characters, so a post cannot move the cursor, recolour or retitle the terminal.
 */
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { withoutBidiControls } from '../../shared/text/bidi.ts';
import { setupError } from './exit.ts';

// A reader that stops early (`braid timeline | head -1`) closes the pipe: what is left has nowhere
// to go, and that is no error (a post under way still finishes, its outbox entry says how).
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed[name] = true;
  });
}

// Every line goes through plain() on its way out: a server's words (an error_description, a
// post) reach the terminal in many messages, and one missed would let it write escape sequences.
/** A line of results. */
export const print = (line = '') => void (closed.stdout || process.stdout.write(`${plain(line)}\n`));
/** Progress, notes and warnings. */
export const say = (line: string) => void (closed.stderr || process.stderr.write(`${plain(line)}\n`));

/** Text from a server or a file, safe to write to a terminal: no escape sequences or other controls. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return withoutBidiControls(text).replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

/** The same, on one line. */
export const oneLine = (text: string) => plain(text.replace(/\s+/g, ' ')).trim();

let muted = false;
let lines: Interface | undefined;
/** Lines read before a question asked for them (piped answers arrive all at once). */
const unread: string[] = [];
const waiting: ((line: string | null) => void)[] = [];
let ended = false;

/** One reader for the whole run, so that no piped line is lost between two questions. */
function nextLine(): Promise<string | null> {
  if (!lines) {
    // Echo goes to stderr (stdout is for results), and nowhere while a secret is typed.
    const echo = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    lines = createInterface({ input: process.stdin, output: echo, terminal: Boolean(process.stdin.isTTY) });
    lines.on('line', (line) => {
      const taker = waiting.shift();
      if (taker) taker(line);
      else unread.push(line);
    });
    // A terminal in raw mode turns Ctrl-C into this event, not a signal: stop as a signal would.
    lines.on('SIGINT', () => {
      lines?.close();
      process.stderr.write('\n');
      process.exit(130);
    });
    lines.once('close', () => {
      ended = true;
      for (const taker of waiting.splice(0)) taker(null);
    });
  }
  if (unread.length) return Promise.resolve(unread.shift()!);
  if (ended) return Promise.resolve(null);
  return new Promise((resolve) => waiting.push(resolve));
}

/** Asks on stderr and answers the line typed (or piped). `secret`: typed without echo. */
export async function ask(question: string, { secret = false } = {}): Promise<string> {
  process.stderr.write(question);
  muted = secret;
  try {
    const line = await nextLine();
    if (line === null) throw setupError({ id: 'cli.noAnswer', values: { question: question.trim() } });
    return line.trim();
  } finally {
    muted = false;
    // A terminal echoed the Enter key (unless the answer was secret); a pipe echoes nothing.
    if (secret || !process.stdin.isTTY) process.stderr.write('\n');
  }
}

/** Stops reading stdin, so that the process can end. */
export function stopAsking(): void {
  lines?.close();
}

/** All of stdin, as text (for `braid post -`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
