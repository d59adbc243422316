// Bundles what Electron and the browser host load that is not the renderer:
// - Electron's main process (ESM) and its preload (CommonJS: sandboxed preloads cannot import),
// - the browser host's page bridge (an IIFE the host serves beside the renderer).
// Electron itself is never loaded here: its binary is not needed to build.
import { build } from 'esbuild';

const common = { bundle: true, logLevel: 'warning', target: 'es2023', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/electron/main.mjs',
    platform: 'node',
    format: 'esm',
    // sharp loads its native libvips build at run time: it ships beside the bundle, unpacked from the asar.
    external: ['electron', 'sharp'],
    // Bundled CommonJS dependencies may still call require().
    banner: { js: "import { createRequire as __braidRequire } from 'node:module'; const require = __braidRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    minify: true,
  }),
  build({
    ...common,
    entryPoints: ['electron/web/page/bridge.ts'],
    outfile: 'dist/web/bridge.js',
    platform: 'browser',
    format: 'iife',
    minify: true,
  }),
]);
