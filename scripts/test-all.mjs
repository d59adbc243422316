// `npm test`: every stage runs, whatever an earlier one did (a flaky unit test must not hide the
// browser tests), and the run ends with one line per stage and a non-zero exit if any failed.
import { spawn } from 'node:child_process';

export const stages = [
  { name: 'node', command: ['node', 'scripts/check-node.mjs'] },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  { name: 'unit and integration (Vitest)', command: ['npx', 'vitest', 'run'], counts: /^\s*(?:Tests|Errors)\s+(.+)$/m, clues: /^.*(?:Unhandled|Error\b|FAIL\b|×).*$/gm },
  { name: 'end to end (Playwright)', command: ['npx', 'playwright', 'test', '--project=browser-host'], counts: /^\s*(\d+ (?:passed|failed|flaky|skipped|did not run).*)$/gm, clues: /^.*(?:Error\b|✘).*$/gm },
];

// A failed stage's last lines naming an error, under its summary line: CI shows only the end of
// the output, and a run whose tests all passed can still fail on an unhandled error.
const maxClues = 12;

// eslint-disable-next-line no-control-regex -- colours are removed from the captured output
const withoutColours = (text) => text.replace(/\u001B\[[0-9;]*m/g, '');

function run(stage, echo) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(stage.command[0], stage.command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        if (echo) (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
        if (stage.counts || stage.clues) output += chunk.toString();
      });
    }
    child.on('error', (error) => resolve({ ...stage, code: 1, seconds: 0, summary: error.message }));
    child.on('close', (code) => {
      const text = withoutColours(output);
      const every = stage.counts && new RegExp(stage.counts.source, stage.counts.flags.includes('g') ? stage.counts.flags : `${stage.counts.flags}g`);
      const summary = every ? [...text.matchAll(every)].map((match) => match[1].trim()).join(', ') : '';
      const clues = code !== 0 && stage.clues ? [...new Set([...text.matchAll(stage.clues)].map((match) => match[0].trim().slice(0, 200)))].slice(-maxClues) : [];
      resolve({ ...stage, code: code ?? 1, seconds: Math.round((Date.now() - started) / 1000), summary, clues });
    });
  });
}

/** Runs every stage in turn, then prints one line each; resolves with the exit code for the run. */
export async function runStages(list, log = console.log, echo = true) {
  const results = [];
  for (const stage of list) {
    log(`\n=== ${stage.name}: ${stage.command.join(' ')}`);
    results.push(await run(stage, echo));
  }
  log('\n=== npm test: every stage');
  for (const result of results) {
    log(`${result.code === 0 ? 'ok    ' : 'FAILED'} ${result.name} (${result.seconds} s)${result.summary ? `: ${result.summary}` : ''}`);
    for (const clue of result.clues ?? []) log(`         ${clue}`);
  }
  return results.every((result) => result.code === 0) ? 0 : 1;
}

if (import.meta.main) process.exit(await runStages(stages));
