import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aesCipher, keyFromEnvironmentOrFile, parseKey } from '../../electron/core/secrets/aes-cipher.ts';
import { createFileSecretStore } from '../../electron/core/secrets/secret-store.ts';
import { chooseKeyring, keyringCipher } from '../../electron/main/secret-cipher.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
const fresh = () => {
  const dir = tempDir('secrets');
  dirs.push(dir);
  return dir.path;
};
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('the file secret store', () => {
  it('keeps values encrypted on disk, owner-only, and reads them back', () => {
    const path = join(fresh(), 'secrets.json');
    const store = createFileSecretStore(path, aesCipher(keyA, 'test key'));
    store.write('account:mastodon:x:1', 'token-4f9a-secret');
    expect(store.read('account:mastodon:x:1')).toEqual({ ok: true, value: 'token-4f9a-secret' });
    expect(readFileSync(path, 'utf8')).not.toContain('token-4f9a-secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.read('missing')).toEqual({ ok: true, value: null });
    store.delete('account:mastodon:x:1');
    expect(store.read('account:mastodon:x:1')).toEqual({ ok: true, value: null });
  });

  it('reports, and never deletes, what another key cannot decrypt', () => {
    const path = join(fresh(), 'secrets.json');
    createFileSecretStore(path, aesCipher(keyA, 'a')).write('account:1', 'value');
    const other = createFileSecretStore(path, aesCipher(keyB, 'b'));
    expect(other.read('account:1')).toEqual({ ok: false, reason: 'undecryptable' });
    other.write('account:2', 'second');
    expect(createFileSecretStore(path, aesCipher(keyA, 'a')).read('account:1')).toEqual({ ok: true, value: 'value' });
  });

  it('binds each value to its name: a value moved to another entry does not decrypt', () => {
    const path = join(fresh(), 'secrets.json');
    const store = createFileSecretStore(path, aesCipher(keyA, 'a'));
    store.write('account:1', 'one');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { version: 1; entries: Record<string, string> };
    file.entries['account:2'] = file.entries['account:1']!;
    writeFileSync(path, JSON.stringify(file));
    expect(store.read('account:2')).toEqual({ ok: false, reason: 'undecryptable' });
  });

  it('refuses to overwrite a damaged file', () => {
    const path = join(fresh(), 'secrets.json');
    writeFileSync(path, '{"version": 9}');
    const store = createFileSecretStore(path, aesCipher(keyA, 'a'));
    expect(() => store.write('a', 'b')).toThrow(/damaged/);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 9}');
  });
});

describe('the AES key', () => {
  it('comes from BRAID_SECRET_KEY as hex or base64', () => {
    expect(parseKey('01'.repeat(32))).toEqual(keyA);
    expect(parseKey(keyA.toString('base64'))).toEqual(keyA);
    expect(() => parseKey('short')).toThrow(/32 bytes/);
    const dir = fresh();
    expect(keyFromEnvironmentOrFile({ BRAID_SECRET_KEY: '01'.repeat(32) }, join(dir, 'secret.key'))).toMatchObject({ key: keyA, description: expect.stringContaining('BRAID_SECRET_KEY') as string });
  });

  it('else from a key file made owner-only on first use, and refused once others can read it', () => {
    const file = join(fresh(), 'secret.key');
    const first = keyFromEnvironmentOrFile({}, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keyFromEnvironmentOrFile({}, file).key).toEqual(first.key);
    chmodSync(file, 0o644);
    expect(() => keyFromEnvironmentOrFile({}, file)).toThrow(/can be read by other users/);
  });
});

describe('the keyring (Electron safeStorage)', () => {
  const fakeSafeStorage = {
    encryptString: (text: string) => Buffer.from(text).reverse(),
    decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
  };

  it('round-trips values and binds them to their entry', () => {
    const cipher = keyringCipher(fakeSafeStorage);
    const sealed = cipher.encrypt('token', 'account:1');
    expect(cipher.decrypt(sealed, 'account:1')).toBe('token');
    expect(() => cipher.decrypt(sealed, 'account:2')).toThrow();
  });

  it('is used where the OS has one, and never falls back to basic_text without asking', () => {
    const storage = (available: boolean, backend: string) => ({
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    });
    const never = () => {
      throw new Error('must not ask');
    };
    expect(chooseKeyring(storage(true, 'gnome_libsecret'), 'linux', never, false)).toBe('keyring');
    expect(chooseKeyring(storage(true, 'unknown'), 'darwin', never, false)).toBe('keyring');
    expect(chooseKeyring(storage(true, 'basic_text'), 'linux', () => true, false)).toBe('weaker');
    expect(chooseKeyring(storage(true, 'basic_text'), 'linux', () => false, false)).toBe('refused');
    expect(chooseKeyring(storage(false, 'unknown'), 'win32', () => false, false)).toBe('refused');
    expect(chooseKeyring(storage(true, 'basic_text'), 'linux', never, true)).toBe('weaker');
  });
});
