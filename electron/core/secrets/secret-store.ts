/**
 * Where tokens, refresh tokens, client secrets and sessions live: never in the database, never in
 * the renderer. Values are encrypted one by one; the key name is bound to its value (AEAD data),
 * so an entry cannot be moved to another key.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Encrypts and decrypts one value; `context` must match on both sides. */
export interface SecretCipher {
  /** What protects the values, for the user: "the system keyring", "a key file" … */
  readonly description: string;
  encrypt(plaintext: string, context: string): string;
  /** Throws when the value cannot be decrypted (another key, tampered file). */
  decrypt(ciphertext: string, context: string): string;
}

export type SecretRead = { ok: true; value: string | null } | { ok: false; reason: 'undecryptable' };

export interface SecretStore {
  readonly description: string;
  read(key: string): SecretRead;
  write(key: string, value: string): void;
  delete(key: string): void;
}

const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

/** Encrypted values in one JSON file (mode 0600), written atomically. */
export function createFileSecretStore(path: string, cipher: SecretCipher): SecretStore {
  const load = (): Record<string, string> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The secrets file ${path} is damaged; Braid leaves it untouched.`);
    return parsed.data.entries;
  };
  const save = (entries: Record<string, string>) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    renameSync(temporary, path);
  };

  return {
    description: cipher.description,
    read(key) {
      const stored = load()[key];
      if (stored === undefined) return { ok: true, value: null };
      try {
        return { ok: true, value: cipher.decrypt(stored, key) };
      } catch {
        return { ok: false, reason: 'undecryptable' };
      }
    },
    write(key, value) {
      save({ ...load(), [key]: cipher.encrypt(value, key) });
    },
    delete(key) {
      const entries = load();
      if (!(key in entries)) return;
      delete entries[key];
      save(entries);
    },
  };
}
