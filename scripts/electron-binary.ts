import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron executable when one is installed (or ELECTRON_OVERRIDE_DIST_PATH points at one),
 * else null. The electron package downloads its binary on first use; that download cannot work
 * on machines without internet access, so a failure here means "no Electron", not an error.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
