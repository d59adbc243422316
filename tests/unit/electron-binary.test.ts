import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { electronBinary } from '../../scripts/electron-binary.ts';

describe('finding the Electron binary for npm start', () => {
  it('says "none" where the binary was never downloaded, quietly (no download attempt, no stack trace)', () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    expect(electronBinary({})).toBeNull();
    expect(log).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('takes the one ELECTRON_OVERRIDE_DIST_PATH points at, when it is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'braid-electron-'));
    try {
      expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBeNull();
      writeFileSync(join(dir, 'electron'), '');
      expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBe(join(dir, 'electron'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
