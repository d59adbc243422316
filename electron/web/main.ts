/**
 * `node electron/web/main.ts [--port N] [--no-open]`: runs Braid's core and serves the app on
 * 127.0.0.1. Prints a one-time launch link and opens it where it can; Enter prints another.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { demoImageOrigins } from '../core/base/security.ts';
import { createCore } from '../core/core.ts';
import { dataDirectory } from '../core/paths.ts';
import { openInBrowser } from './open-browser.ts';
import { startBrowserHost } from './server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, 'no-open': { type: 'boolean', default: false } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`braid: --port must be a port number, not "${values.port}"`);
  process.exit(2);
}

let imageOrigins: string[];
try {
  imageOrigins = demoImageOrigins();
} catch (error) {
  console.error(`braid: ${(error as Error).message}`);
  process.exit(2);
}
const dataDir = dataDirectory();
// The demo's local servers serve pictures over plain http: the page and the CSP allow exactly those.
// BRAID_PEEK_MS: how often a focused window's Bluesky accounts are peeked at (default a minute; tests use less).
const peekMs = Number(process.env.BRAID_PEEK_MS);
const core = createCore({ dataDir, host: 'browser', imageOrigins, ...(peekMs > 0 ? { liveUpdates: { peekMs } } : {}) });
const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const host = await startBrowserHost({
  core,
  rendererDir: dist('renderer'),
  bridgeScript: dist('web/bridge.js'),
  port,
  imageOrigins,
});

console.log(`Braid is running in your browser at ${host.origin}`);
console.log(`Account secrets are encrypted with ${core.secrets.description} (the desktop app uses the system keyring).`);
console.log(`Open this link (it works once, for 10 minutes; do not share it): ${host.launchUrl}`);
console.log('Press Enter here for a new link (another browser, or after this one was used).');
if (!values['no-open'] && !process.env.BRAID_NO_OPEN) openInBrowser(host.launchUrl, dataDir);
// Each line typed (or written by a test) asks for a new one-time link.
createInterface({ input: process.stdin }).on('line', () => console.log(`New link: ${host.newLaunchUrl()}`));

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
