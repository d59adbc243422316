import react from '@vitejs/plugin-react';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The renderer's build (a Node file: it lives at the top so renderer/ holds browser code only).
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'dist', 'renderer');

/**
 * Writes dist/renderer-modules.json: every source module in each chunk, so the benchmark and the
 * tests can prove that no network library (masto, @atproto) ever reaches the renderer.
 */
function moduleReport(): Plugin {
  return {
    name: 'braid-module-report',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk'
          ? [{ file: item.fileName, isEntry: item.isEntry, imports: item.imports, modules: item.moduleIds.map((id) => relative(here, id)) }]
          : [],
      );
      mkdirSync(join(outDir, '..'), { recursive: true });
      writeFileSync(join(outDir, '..', 'renderer-modules.json'), JSON.stringify(chunks, null, 1));
    },
  };
}

export default defineConfig({
  root: join(here, 'renderer'),
  base: '/',
  plugins: [react(), moduleReport()],
  build: { outDir, emptyOutDir: true, target: 'es2023', sourcemap: false },
});
