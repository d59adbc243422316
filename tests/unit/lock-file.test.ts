import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8')) as Record<string, unknown>;

describe('package-lock.json', () => {
  it('is what `npm install` writes for package.json, so that an install leaves the tree clean', () => {
    const pkg = read('package.json');
    const own = (read('package-lock.json').packages as Record<string, Record<string, unknown>>)[''];
    for (const field of ['name', 'version', 'license', 'bin', 'engines', 'dependencies', 'devDependencies']) {
      expect(own?.[field], field).toEqual(pkg[field]);
    }
  });
});
