/**
 * The first hour (issue 19 item 1): running `braid` never touches the install. A second run of the
 * postinstall (npm 11 runs it again when `npx` resolves the local package) leaves the native
 * module alone when it already loads, and the documented way to run the CLI (bin/braid.mjs)
 * starts without any install step: the module's file is never replaced or missing meanwhile.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const nativeFile = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const identity = () => {
  const stat = statSync(nativeFile);
  return { inode: stat.ino, modified: stat.mtimeMs, size: stat.size };
};

describe('the install, after it is done', () => {
  it('is left alone by a second postinstall: the native module already loads', async () => {
    const before = identity();
    const { stdout, stderr } = await run(process.execPath, [join(root, 'scripts', 'postinstall.mjs')], { cwd: root, timeout: 120_000 });
    expect(`${stdout}${stderr}`).not.toContain('building');
    expect(identity()).toEqual(before);
  }, 150_000);

  it('is not touched by `bin/braid.mjs --help`, which answers with the commands', async () => {
    const before = identity();
    const { stdout } = await run(process.execPath, [join(root, 'bin', 'braid.mjs'), '--help'], { cwd: root, timeout: 60_000 });
    expect(stdout).toMatch(/Usage: braid/);
    expect(stdout).toContain('post');
    expect(identity()).toEqual(before);
  }, 90_000);
});
