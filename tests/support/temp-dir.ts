import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder for one test run, and a way to remove it afterwards. The folder is made on first
 * use: Playwright also loads a spec in its main process only to list its tests, and a folder made
 * there would never be removed.
 */
export function tempDir(prefix: string): { readonly path: string; remove(): void } {
  let made: string | undefined;
  return {
    get path() {
      made ??= mkdtempSync(join(tmpdir(), `braid-${prefix}-`));
      return made;
    },
    remove: () => {
      if (made) rmSync(made, { recursive: true, force: true });
    },
  };
}
