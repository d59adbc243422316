import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Braid keeps its database: BRAID_DATA_DIR when set (tests, scripts, portable installs),
 * else the platform's place for application data (XDG on Linux).
 */
export function dataDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.BRAID_DATA_DIR) return env.BRAID_DATA_DIR;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Braid');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Braid');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'braid');
  }
}
