import { buildSync } from 'esbuild';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');

/**
 * A script and everything it imports as one ES module under dist/test-support (where
 * node_modules and ../../package.json resolve as they do for dist/electron/main.mjs): a test that
 * starts the same script hundreds of times pays Node's loading of one file, not of every
 * TypeScript module of the core (about a fifth of the CPU time per start).
 */
export function nodeBundle(entry: string, name: string): string {
  const outfile = join(repo, 'dist', 'test-support', `${name}.mjs`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2023',
    logLevel: 'warning',
    external: ['sharp'], // its native build loads at run time, as in the app
    banner: { js: "import { createRequire as __braidRequire } from 'node:module'; const require = __braidRequire(import.meta.url);" },
  });
  return outfile;
}
