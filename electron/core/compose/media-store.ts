/**
 * The original images attached to drafts, one file each under dataDir/media, named by a random
 * id. They are prepared for each network only when sent, so a draft keeps the best original.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phrase, ServerError } from '../base/errors.ts';

const idPattern = /^[0-9a-f-]{36}$/;

export function createMediaStore(dataDir: string) {
  const folder = join(dataDir, 'media');
  const pathOf = (id: string) => {
    if (!idPattern.test(id)) throw new ServerError('invalid_input', phrase('error.media.notOurs'));
    return join(folder, id);
  };

  return {
    save(bytes: Uint8Array): string {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const id = randomUUID();
      writeFileSync(pathOf(id), bytes, { mode: 0o600 });
      return id;
    },
    read(id: string): Uint8Array {
      try {
        return readFileSync(pathOf(id));
      } catch (error) {
        throw new ServerError('not_found', phrase('error.media.missing'), { cause: error });
      }
    },
    /** Deletes every file not in `keep` (images of deleted drafts and sent ones) older than a day:
     *  a newer one may be attached to a draft whose next autosave has not come yet. */
    keepOnly(keep: ReadonlySet<string>, now = Date.now()): void {
      let names: string[];
      try {
        names = readdirSync(folder);
      } catch {
        return;
      }
      for (const name of names) {
        if (!idPattern.test(name) || keep.has(name)) continue;
        const path = join(folder, name);
        if (now - statSync(path).mtimeMs > 24 * 60 * 60_000) rmSync(path, { force: true });
      }
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
