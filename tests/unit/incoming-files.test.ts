/**
 * Files handed over by a window (incoming-files.ts): at start only what is a day old goes (another
 * Braid on the same data folder may be receiving a file), and a core closing removes only its own.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createIncomingFiles } from '../../electron/core/incoming-files.ts';
import { tempDir } from '../support/temp-dir.ts';

const folder = tempDir('incoming');
afterAll(() => folder.remove());

it('removes at start only what a run left a day ago, and at close only its own files', () => {
  const dir = join(folder.path, 'incoming');
  mkdirSync(dir, { recursive: true });
  const old = join(dir, 'left-two-days-ago');
  const recent = join(dir, 'another-braid-receiving');
  writeFileSync(old, 'x');
  writeFileSync(recent, 'y');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);

  const incoming = createIncomingFiles(dir);
  expect(existsSync(old)).toBe(false);
  expect(existsSync(recent)).toBe(true);

  const { fileId } = incoming.begin('export.zip', 3);
  expect(incoming.append(fileId, 0, new Uint8Array([1, 2, 3]))).toEqual({ received: 3 });
  expect(incoming.pathOf(fileId).name).toBe('export.zip');
  expect(readdirSync(dir).sort()).toEqual(['another-braid-receiving', fileId].sort());
  incoming.close();
  expect(readdirSync(dir)).toEqual(['another-braid-receiving']);
});
