/**
 * Where the command line keeps its data. Never the desktop app's folder: the app encrypts its
 * tokens with the system keyring, which the command line cannot read, so sharing would mark the
 * app's accounts as signed out and let `braid accounts add` overwrite them. BRAID_DATA_DIR wins
 * (a CI job's folder, or a browser host's, whose secrets are file-key encrypted as well); else
 * the app's folder with "-cli" added: ~/.local/share/braid-cli on Linux.
 */
import { homedir } from 'node:os';
import { dataDirectory } from '../core/paths.ts';

export function cliDataDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.BRAID_DATA_DIR) return env.BRAID_DATA_DIR;
  return `${dataDirectory({ ...env, BRAID_DATA_DIR: '' }, platform, home)}-cli`;
}
