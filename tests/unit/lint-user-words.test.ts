import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { userWords } from '../../eslint/user-words.js';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.tsx'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } }, ...userWords],
});

async function flagged(code: string, file = 'renderer/src/features/inbox/Probe.tsx'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-syntax').length;
}

describe('lint keeps words shown to users in the catalogues', () => {
  it.each([
    'const a = <p>Nothing here yet.</p>;',
    "const a = <p>{'Nothing here yet.'}</p>;",
    "const a = (busy: boolean) => <p>{busy ? 'Loading…' : null}</p>;",
    'const a = (n: number) => <p>{`${n} new posts`}</p>;',
    'const a = <button aria-label="Close" />;',
    "const a = <img alt={'A cat'} />;",
    'const a = (n: string) => <span title={`Theme: ${n}`} />;',
  ])('refuses %s', async (code) => {
    expect(await flagged(code)).toBeGreaterThan(0);
  });

  it.each([
    "const a = (words: (id: string) => string) => <p className=\"muted\" data-testid=\"x\">{words('inbox.empty')}</p>;",
    'const a = (n: number) => <p>{n} · {"→"}</p>;',
    "const a = (f: (key: string) => void) => <button type=\"button\" onClick={() => f('Escape')} />;",
  ])('lets through %s', async (code) => {
    expect(await flagged(code)).toBe(0);
  });

  it('in every file of the renderer, and only there', async () => {
    expect(await flagged('const a = <p>Nothing here yet.</p>;', 'renderer/src/Probe.tsx')).toBeGreaterThan(0);
    expect(await flagged('const a = <p>Nothing here yet.</p>;', 'tests/unit/Probe.tsx')).toBe(0);
  });
});

describe('lint keeps the command line’s words in the catalogues', () => {
  const cli = 'electron/cli/probe.ts';
  it.each([
    "say('Nothing to retry.');",
    'print(`Removed ${name}`);',
    "ask(secret ? 'App password: ' : 'Handle: ');",
    "throw usageError('Choose one: --as-thread or --cut.');",
    "throw new CliError(`${n} of ${m} failed`, 1);",
    "throw new InvalidArgumentError('A whole number.');",
    "program.command('post').description('Post to your accounts.');",
    "program.option('--dry-run', 'send nothing');",
    "new Option('--visibility <visibility>', 'who sees it');",
  ])('refuses %s', async (code) => {
    expect(await flagged(code, cli)).toBeGreaterThan(0);
  });

  it.each([
    "say(words('cli.outbox.empty'));",
    "print(`  ${words('cli.plan.post')}`);",
    'say(error.message);',
    "print(`${id}\\n  ${name}  [${flags}]`);",
    "throw usageError({ id: 'cli.post.nothing' });",
    "program.command('post').option('-f, --file <file>', words('cli.help.post.file')).addHelpText('after', help);",
    "new Option('--visibility <visibility>', words('cli.help.post.visibility')).choices(['public']);",
  ])('lets through %s', async (code) => {
    expect(await flagged(code, cli)).toBe(0);
  });
});
