import { describe, expect, it } from 'vitest';
import { dataDirectory } from '../../electron/core/paths.ts';

describe('the data directory', () => {
  it('is BRAID_DATA_DIR when set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(dataDirectory({ BRAID_DATA_DIR: '/tmp/braid-test' }, platform, '/home/a')).toBe('/tmp/braid-test');
    }
  });

  it('follows XDG on Linux', () => {
    expect(dataDirectory({}, 'linux', '/home/a')).toBe('/home/a/.local/share/braid');
    expect(dataDirectory({ XDG_DATA_HOME: '/data' }, 'linux', '/home/a')).toBe('/data/braid');
    expect(dataDirectory({ XDG_DATA_HOME: '' }, 'linux', '/home/a')).toBe('/home/a/.local/share/braid');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(dataDirectory({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Braid');
    expect(dataDirectory({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32', 'C:/Users/a')).toBe(
      'C:/Users/a/AppData/Roaming/Braid',
    );
  });
});
