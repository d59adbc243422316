import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron executable when one is installed (or ELECTRON_OVERRIDE_DIST_PATH points at one),
 * else null. Found the way the electron package finds it, without requiring that package: its
 * require downloads the binary on first use, which fails loudly (with a stack trace) on machines
 * without internet access. Here a missing binary is simply "no Electron".
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron') : executable ? join(packageDir, 'dist', executable) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
