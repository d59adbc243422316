import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkModulesIn, type ChunkReport } from '../../bench/renderer-bundle.ts';

const report = join(import.meta.dirname, '..', '..', 'dist', 'renderer-modules.json');

describe('the renderer bundle', () => {
  it('recognises network library modules', () => {
    const chunks: ChunkReport[] = [
      { file: 'a.js', isEntry: true, modules: ['node_modules/react/index.js', 'node_modules/masto/dist/index.js', 'node_modules/@atproto/api/dist/agent.js', 'renderer/src/masto.ts'] },
    ];
    expect(networkModulesIn(chunks)).toEqual(['node_modules/masto/dist/index.js', 'node_modules/@atproto/api/dist/agent.js']);
  });

  it('contains no masto or @atproto code (built by npm test before this runs)', () => {
    expect(existsSync(report), 'run "npm run build:renderer" first').toBe(true);
    const chunks = JSON.parse(readFileSync(report, 'utf8')) as ChunkReport[];
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.flatMap((chunk) => chunk.modules)).toContain('renderer/src/main.tsx');
    expect(networkModulesIn(chunks)).toEqual([]);
  });
});
