import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, without types
import { runStages } from '../../scripts/test-all.mjs';

type Run = (stages: { name: string; command: string[]; counts?: RegExp; clues?: RegExp }[], log: (line: string) => void, echo: boolean) => Promise<number>;

describe('npm test', () => {
  it('runs every stage after a failing one, and ends with one line each and a failing exit', async () => {
    const lines: string[] = [];
    const code = await (runStages as Run)(
      [
        { name: 'fails', command: [process.execPath, '-e', 'process.exit(3)'] },
        { name: 'counts', command: [process.execPath, '-e', 'console.log("\\u001b[2m      Tests \\u001b[22m 5 passed (5)")'], counts: /^\s*Tests\s+(.+)$/m },
      ],
      (line) => lines.push(line),
      false, // the stages' own output stays out of this run's (it would read as this run's counts)
    );
    expect(code).toBe(1);
    const summary = lines.slice(lines.indexOf('\n=== npm test: every stage') + 1);
    expect(summary).toEqual([expect.stringMatching(/^FAILED fails \(\d+ s\)$/), expect.stringMatching(/^ok {5}counts \(\d+ s\): 5 passed \(5\)$/)]);
  });

  it('names the errors of a stage that failed although every test passed', async () => {
    const lines: string[] = [];
    const printed = ['      Tests  3 passed (3)', '     Errors  1 error', 'Unhandled Rejection', 'Error: Connection terminated'].join('\\n');
    const code = await (runStages as Run)(
      [{ name: 'vitest', command: [process.execPath, '-e', `console.log("${printed}"); process.exit(1)`], counts: /^\s*(?:Tests|Errors)\s+(.+)$/m, clues: /^.*(?:Unhandled|Error\b).*$/gm }],
      (line) => lines.push(line),
      false,
    );
    expect(code).toBe(1);
    const summary = lines.slice(lines.indexOf('\n=== npm test: every stage') + 1);
    expect(summary).toEqual([expect.stringMatching(/^FAILED vitest \(\d+ s\): 3 passed \(3\), 1 error$/), '         Unhandled Rejection', '         Error: Connection terminated']);
  });
});
