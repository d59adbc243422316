/**
 * AES-256-GCM for the browser host and scripts, where no OS keyring is reachable. The key comes
 * from BRAID_SECRET_KEY (64 hex characters or base64 of 32 bytes) or, failing that, from a key
 * file readable by its owner only. Both are weaker than a keyring, and Braid says so.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { SecretCipher } from './secret-store.ts';

const keyBytes = 32;
const ivBytes = 12;

export function aesCipher(key: Buffer, description: string): SecretCipher {
  if (key.length !== keyBytes) throw new Error('An AES-256 key has 32 bytes.');
  return {
    description,
    encrypt(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64')).join('.');
    },
    decrypt(ciphertext, context) {
      const [iv, tag, data] = ciphertext.split('.').map((part) => Buffer.from(part, 'base64'));
      if (!iv || !tag || !data) throw new Error('malformed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    },
  };
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== keyBytes) throw new Error('BRAID_SECRET_KEY must be 32 bytes: 64 hex characters or base64.');
  return key;
}

/** The key from the environment, else from the key file (made on first use, owner-only). */
export function keyFromEnvironmentOrFile(env: NodeJS.ProcessEnv, keyFile: string): { key: Buffer; description: string } {
  if (env.BRAID_SECRET_KEY) return { key: parseKey(env.BRAID_SECRET_KEY), description: 'a key from BRAID_SECRET_KEY' };
  try {
    const mode = statSync(keyFile).mode & 0o777;
    // Windows reports no POSIX modes (always 0o666): its ACLs keep a user's profile private.
    if (process.platform !== 'win32' && mode & 0o077) {
      throw new Error(`The key file ${keyFile} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it.`);
    }
    return { key: parseKey(readFileSync(keyFile, 'utf8')), description: `the key file ${keyFile}` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(keyBytes);
  writeFileSync(keyFile, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return { key, description: `the key file ${keyFile}` };
}
