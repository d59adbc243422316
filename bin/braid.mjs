#!/usr/bin/env node
// `braid`: Braid's command line. Its code is TypeScript, which Node runs directly from 22.18 on
// (type stripping); older Node cannot, so say so before trying.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Braid's command line needs Node >= 22.18 (found ${process.versions.node}).\n` +
      'In the Braid folder, `npx braid …` or `npm run braid -- …` use the Node 22 that `npm install` brings.',
  );
  process.exit(1);
}
await import('../electron/cli/main.ts');
