// Native modules must match the Node that runs the project (the pinned `node` devDependency),
// not the machine's Node. On a fresh install they were built against the machine's headers
// before the pinned Node existed, so they are rebuilt against it here, and:
// - only when needed: a module that already loads under the pinned Node is left alone, so a
//   second run (npm 11 runs it again when `npx` resolves the local package) takes a moment;
// - aside, then moved: the build happens in a copy and its .node file replaces the old one by a
//   rename, so the module is never missing while something else runs;
// - checked: the result must load under the pinned Node, or the install fails, loudly.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinnedNode = join(root, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const pinnedNodeBin = join(pinnedNode, 'bin', 'node');
/** Each native module, and a line of JavaScript that fails unless it loads and works. */
const nativeModules = [{ name: 'better-sqlite3', binary: join('build', 'Release', 'better_sqlite3.node'), probe: (dir) => `new (require(${JSON.stringify(dir)}))(':memory:').exec('select 1')` }];

function loads(module, dir) {
  try {
    execFileSync(pinnedNodeBin, ['-e', module.probe(dir)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function rebuildAside(module, installed) {
  const scratch = mkdtempSync(join(root, 'node_modules', `.braid-build-${module.name}-`));
  try {
    const copy = join(scratch, module.name);
    cpSync(installed, copy, { recursive: true, filter: (path) => !path.startsWith(join(installed, 'build')) });
    const nodeGyp = process.env.npm_config_node_gyp;
    const command = nodeGyp ? [process.execPath, [nodeGyp, 'rebuild', '--release']] : ['npx', ['--yes', 'node-gyp', 'rebuild', '--release']];
    execFileSync(command[0], command[1], { cwd: copy, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: pinnedNode } });
    if (!loads(module, copy)) throw new Error(`the new build of ${module.name} does not load under Node ${pinnedNodeVersion()}`);
    mkdirSync(dirname(join(installed, module.binary)), { recursive: true });
    renameSync(join(copy, module.binary), join(installed, module.binary));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const pinnedNodeVersion = () => execFileSync(pinnedNodeBin, ['--version'], { encoding: 'utf8' }).trim();

if (!existsSync(join(pinnedNode, 'include', 'node')) || !existsSync(pinnedNodeBin)) {
  console.log('postinstall: the pinned Node is not installed; native modules keep their build');
} else {
  for (const module of nativeModules) {
    const installed = join(root, 'node_modules', module.name);
    if (!existsSync(installed) || loads(module, installed)) continue;
    console.log(`postinstall: building ${module.name} for Node ${pinnedNodeVersion()} (about a minute)`);
    try {
      rebuildAside(module, installed);
    } catch (error) {
      console.error(`postinstall: ${module.name} could not be built for the pinned Node: ${error instanceof Error ? error.message : String(error)}`);
      console.error('The tests that use the local Bluesky network need it. python3, make and g++ must be installed.');
      process.exit(1);
    }
    if (!loads(module, installed)) {
      console.error(`postinstall: ${module.name} still does not load under the pinned Node after its build.`);
      process.exit(1);
    }
    console.log(`postinstall: ${module.name} loads under Node ${pinnedNodeVersion()}`);
  }
}
