// The layers, as lint rules that fail the build (README.md, "Architecture"):
//   renderer/ → shared/            electron/main → electron/core → shared/
//   electron/preload → shared/     electron/web  → electron/core → shared/
//                                  electron/cli  → electron/core → shared/   (nothing imports electron/cli)
// Inside electron/core, from the top down:
//   core.ts, services.ts …, accounts/ actions/ compose/ timeline/   the services
//   networks/registry.ts                                          the one table of networks
//   networks/<id>/                                                one module per network
//   networks/*.ts                                                 the seam: interfaces per capability
//   base/ http/ secrets/ store/ media/                            below every network
// A network folder imports only itself, the seam and what is below; the services reach a network
// only through the registry.
// Folder rules come from import-x/no-restricted-paths (it resolves the import to a file);
// package rules from ESLint's own no-restricted-imports.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
const networkLibraries = ['masto', '@atproto/*', 'ws'];
const pattern = (group, message) => ({ group, message });

const folderZones = [
  zone('./shared', ['./electron', './renderer'], 'shared/ is pure: it imports nothing from electron/ or renderer/.'),
  zone('./electron/core', ['./electron/main', './electron/web', './electron/preload', './renderer'], 'electron/core is below the hosts: it imports only shared/.'),
  zone('./electron/main', ['./electron/web', './electron/preload', './renderer'], 'electron/main builds on electron/core and shared/ only.'),
  zone('./electron/web', ['./electron/main', './electron/preload', './renderer'], 'electron/web builds on electron/core and shared/ only.'),
  zone('./electron/preload', ['./electron/core', './electron/main', './electron/web', './renderer'], 'The preload is a bridge over shared/: no logic from the core.'),
  zone('./renderer', ['./electron'], 'The renderer reaches the core only through the contract in shared/.'),
  zone('./electron/cli', ['./electron/main', './electron/web', './electron/preload', './renderer'], 'electron/cli builds on electron/core and shared/ only.'),
  zone(
    ['./shared', './electron/core', './electron/main', './electron/web', './electron/preload', './renderer', './tests', './scripts', './bench'],
    ['./electron/cli'],
    'The command line is a host at the top: nothing imports it (tests run it as a process).',
  ),
];

const core = join(import.meta.dirname, '..', 'electron', 'core');
const foldersIn = (path) => readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
/** Every network's folder, as it is on disk: a new network gets these rules without a change here. */
const networkFolders = foldersIn(join(core, 'networks'));
const belowNetworks = ['base', 'http', 'secrets', 'store', 'media'];
const services = foldersIn(core).filter((name) => name !== 'networks' && !belowNetworks.includes(name));
/** networks/*.ts but the registry: the interfaces and helpers every network's module may use. */
const seam = readdirSync(join(core, 'networks'), { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'registry.ts')
  .map((entry) => `./${entry.name}`);

const coreZones = [
  ...networkFolders.flatMap((network) => [
    zone(`./electron/core/networks/${network}`, './electron/core/networks', "A network's folder imports no other network and not the registry: only its own files, the seam (networks/*.ts) and what is below networks/.", [`./${network}`, ...seam]),
    zone(`./electron/core/networks/${network}`, './electron/core', `A network's folder builds only on what is below networks/ (${belowNetworks.join(', ')}): never on the services above it.`, ['./networks', ...belowNetworks.map((name) => `./${name}`)]),
  ]),
  zone(
    ['./electron/core/*.ts', ...services.map((name) => `./electron/core/${name}/**`)],
    networkFolders.map((network) => `./electron/core/networks/${network}`),
    "The core reaches a network only through the registry (networks/registry.ts) and the seam's interfaces, never its folder.",
  ),
  zone(
    belowNetworks.map((name) => `./electron/core/${name}`),
    ['./electron/core/networks/**', './electron/core/*.ts', ...services.map((name) => `./electron/core/${name}/**`)],
    `${belowNetworks.join(', ')} are below every network: they import nothing from networks/ or the services.`,
  ),
];

const browserCode = ['renderer/src/**/*.{ts,tsx}', 'electron/web/page/**/*.ts'];

export const boundaries = [
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...folderZones, ...coreZones] }] },
  },
  {
    files: ['shared/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', {
        patterns: [pattern(['node:*', 'electron', 'react', 'react-dom', 'react/*', ...networkLibraries], 'shared/ is pure TypeScript: no Node, DOM, Electron, React or network library.')],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [pattern(['electron', 'electron/*', 'react', 'react-dom'], "electron/core, the browser host and the command line are plain Node: never import 'electron' (only electron/main does).")],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', allowImportNames: ['contextBridge', 'ipcRenderer', 'IpcRendererEvent'], message: 'The preload may use only contextBridge and ipcRenderer.' }],
        patterns: [pattern(['node:*', ...networkLibraries], 'The preload is a bridge with no logic.')],
      }],
    },
  },
  {
    files: browserCode,
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', {
        patterns: [pattern(['node:*', 'electron', 'electron/*', ...networkLibraries], 'Browser code reaches networks and the machine only through the contract (window.braid).')],
      }],
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Server text becomes a sanitized React tree, never markup.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Never assign HTML: build nodes.' },
      ],
    },
  },
];
