#!/usr/bin/env node
// `braid`: Braid's command line. Its code is TypeScript, which Node runs directly from 22.18 on
// (type stripping). On an older Node it hands itself to the Node 22 that `npm install` brings
// (node_modules/node), so `bin/braid.mjs …` works with whatever `node` is first on the PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    console.error(`Braid's command line needs Node >= 22.18 (found ${process.versions.node}). Run \`npm install\` in the Braid folder: it brings Node 22.`);
    process.exit(1);
  }
  const run = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
await import('../electron/cli/main.ts');
