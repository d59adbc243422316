import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test run, and a way to remove it afterwards. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `braid-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
