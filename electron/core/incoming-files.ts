/**
 * Files a window hands to the core (a Twitter/X export to find people from): sent in chunks over
 * the contract, so the same calls work over Electron's IPC and the browser host's socket, and a
 * file of gigabytes never sits whole in a message or in memory. Each goes to its own file under
 * `dir`; it is usable once every byte has come. What a run left behind is removed at a later start,
 * once a day old (another Braid on the same data folder, the command line, may be receiving one now).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { phrase, ServerError } from './base/errors.ts';

export const maxIncomingFileBytes = 16 * 1024 ** 3;
const leftOverAfterMs = 24 * 60 * 60_000;

function removeLeftOvers(dir: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no folder yet
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > leftOverAfterMs) rmSync(path, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

interface Incoming {
  name: string;
  size: number;
  received: number;
  path: string;
}

export function createIncomingFiles(dir: string, now = Date.now) {
  removeLeftOvers(dir, now());
  const files = new Map<string, Incoming>();

  const fileOf = (fileId: string): Incoming => {
    const file = files.get(fileId);
    if (!file) throw new ServerError('not_found', phrase('error.file.gone'));
    return file;
  };

  return {
    begin(name: string, size: number): { fileId: string } {
      if (size > maxIncomingFileBytes) throw new ServerError('invalid_input', phrase('error.file.tooBig', { name }));
      mkdirSync(dir, { recursive: true });
      const fileId = randomUUID();
      const path = join(dir, fileId);
      closeSync(openSync(path, 'wx', 0o600));
      files.set(fileId, { name, size, received: 0, path });
      return { fileId };
    },

    /** Writes the chunk at `offset`: the next one, or one sent again (already written: nothing to do). */
    append(fileId: string, offset: number, bytes: Uint8Array): { received: number } {
      const file = fileOf(fileId);
      if (offset + bytes.length <= file.received) return { received: file.received };
      if (offset !== file.received || offset + bytes.length > file.size) throw new ServerError('invalid_input', phrase('error.file.outOfOrder', { name: file.name }));
      const descriptor = openSync(file.path, 'a');
      try {
        writeSync(descriptor, bytes);
      } finally {
        closeSync(descriptor);
      }
      file.received += bytes.length;
      return { received: file.received };
    },

    /** The file's path, once all of it has come. */
    pathOf(fileId: string): { name: string; path: string } {
      const file = fileOf(fileId);
      if (file.received !== file.size) throw new ServerError('invalid_input', phrase('error.file.incomplete', { name: file.name }));
      return { name: file.name, path: file.path };
    },

    discard(fileId: string): void {
      const file = files.get(fileId);
      if (!file) return;
      files.delete(fileId);
      rmSync(file.path, { force: true });
    },

    close(): void {
      for (const file of files.values()) rmSync(file.path, { force: true });
      files.clear();
    },
  };
}

export type IncomingFiles = ReturnType<typeof createIncomingFiles>;
