/**
 * `npm run demo -- [--data-dir DIR] [--no-trickle] [--no-open]`: Braid with sample
 * people and posts on a local Bluesky network and two Mastodon servers, four accounts signed
 * in, opened in the browser. Ctrl+C stops everything. See scripts/demo/start-demo.ts.
 */
import { parseArgs } from 'node:util';
import { demoPassword } from './demo/people.ts';
import { DemoInputError, startDemo, type RunningDemo } from './demo/start-demo.ts';

const usage = 'Usage: npm run demo -- [--data-dir DIR] [--no-trickle] [--no-open]';

const options = {
  'data-dir': { type: 'string' },
  'no-trickle': { type: 'boolean', default: false },
  'no-open': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
let args: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
try {
  args = parseArgs({ options }).values;
} catch (error) {
  console.error(`braid demo: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

// The servers' libraries warn about things that are theirs to fix (pg's query queueing, …):
// the demo's output stays the summary.
process.noDeprecation = true;

function summary(demo: RunningDemo, opened: boolean): string {
  const accounts = demo.accounts.map((a) => `    ${a.displayName.padEnd(22)} ${a.handle}`).join('\n');
  const [one, two] = demo.mastodon;
  return [
    '',
    'Braid demo is running.',
    `  Braid        ${demo.launchUrl ?? '(no host)'}${opened ? '  (opening in your browser)' : ''}`,
    '               (the link works once: press Enter here for a new one)',
    `  Bluesky      PDS ${demo.bluesky.pdsUrl}, AppView ${demo.bluesky.appViewUrl}, PLC ${demo.bluesky.plcUrl}`,
    `  Mastodon     ${one?.name} ${one?.url}, ${two?.name} ${two?.url}`,
    `  Signed in (every demo password is "${demoPassword}"):`,
    accounts,
    `  Sample       ${demo.counts.people} people, ${demo.counts.posts} posts and ${demo.counts.boosts} boosts over two days${args['no-trickle'] ? '' : '; a new post about every 20 s'}`,
    `  Data         ${demo.dataDir}${demo.temporaryDataDir ? ' (removed when the demo stops)' : ''}`,
    'Press Ctrl+C to stop everything.',
    '',
  ].join('\n');
}

const started = Date.now();
let demo: RunningDemo | undefined;
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  // While starting, or a second Ctrl+C: exit now (exit hooks stop PostgreSQL and remove the temp folders).
  if (stopping || !demo) {
    console.log('Stopping at once.');
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping Braid, the Mastodon servers and the Bluesky network…`);
  demo.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`braid demo: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  demo = await startDemo({
    dataDir: args['data-dir'],
    open: !args['no-open'],
    trickle: !args['no-trickle'],
    log: (line) => console.log(line),
    onTrickleError: (error) => console.error(`braid demo: a live post failed: ${error instanceof Error ? error.message : String(error)}`),
  });
} catch (error) {
  const detail = error instanceof DemoInputError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`braid demo: could not start: ${detail}`);
  process.exit(1);
}
console.log(summary(demo, !args['no-open'] && !process.env.BRAID_NO_OPEN));
console.log(`(ready in ${Math.round((Date.now() - started) / 1000)} s)`);

