import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Opens the launch link in the user's browser without putting the secret on a command line
 * (other local users can read those): the opener gets a private file that redirects to the link.
 */
export function openInBrowser(launchUrl: string, dataDir: string): void {
  const opener =
    process.platform === 'darwin' ? 'open'
    : process.platform === 'win32' ? 'explorer'
    : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? 'xdg-open'
    : null;
  if (!opener) return;
  const page = join(dataDir, 'open-braid.html');
  const escaped = launchUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(page, `<!doctype html><meta http-equiv="refresh" content="0; url=${escaped}">`, { mode: 0o600 });
  const child = spawn(opener, [page], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  // The page holds the secret: gone once the browser has surely read it.
  setTimeout(() => rmSync(page, { force: true }), 60_000).unref();
}
