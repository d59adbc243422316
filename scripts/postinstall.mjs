// Native modules must match the Node that runs the project (the pinned `node` devDependency),
// not the machine's Node. On a fresh install they were built against the machine's headers
// before the pinned Node existed, so rebuild them against it now.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinnedNode = join(root, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const nativeModules = ['better-sqlite3'].filter((name) => existsSync(join(root, 'node_modules', name)));

if (!existsSync(join(pinnedNode, 'include', 'node'))) {
  console.log('postinstall: pinned Node headers not found; native modules keep their build');
} else if (nativeModules.length > 0) {
  console.log(`postinstall: rebuilding ${nativeModules.join(', ')} for Node ${process.versions.node}`);
  execFileSync('npm', ['rebuild', ...nativeModules], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: pinnedNode },
  });
}
