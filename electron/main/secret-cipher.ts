import type { Dialog, SafeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/secret-store.ts';

/**
 * Secrets encrypted by the OS keyring (Keychain, DPAPI, libsecret/kwallet). safeStorage has no
 * associated data, so the entry's name travels inside the ciphertext and is checked on the way out.
 */
export function keyringCipher(safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>): SecretCipher {
  return {
    description: 'the system keyring',
    encrypt: (plaintext, context) => safeStorage.encryptString(JSON.stringify([context, plaintext])).toString('base64'),
    decrypt: (ciphertext, context) => {
      const [storedContext, plaintext] = JSON.parse(safeStorage.decryptString(Buffer.from(ciphertext, 'base64'))) as [string, string];
      if (storedContext !== context) throw new Error('secret moved between entries');
      return plaintext;
    },
  };
}

export type KeyringChoice = 'keyring' | 'weaker' | 'refused';

/**
 * The keyring when the OS has one. On Linux without one, safeStorage falls back to a fixed
 * password ("basic_text"): Braid never uses that silently, it asks first (once; the answer is kept).
 */
export function chooseKeyring(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
  askUser: () => boolean,
  earlierConsent: boolean,
): KeyringChoice {
  const weakBackend = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (safeStorage.isEncryptionAvailable() && !weakBackend) return 'keyring';
  if (earlierConsent) return 'weaker';
  return askUser() ? 'weaker' : 'refused';
}

export const askForWeakerStorage = (dialog: Pick<Dialog, 'showMessageBoxSync'>) => (): boolean =>
  dialog.showMessageBoxSync({
    type: 'warning',
    buttons: ['Use an encrypted file', 'Quit Braid'],
    defaultId: 1,
    cancelId: 1,
    title: 'No keyring found',
    message: 'Braid found no system keyring to protect your account tokens.',
    detail:
      'Braid can keep them in a file encrypted with a key stored beside it, readable only by your user. ' +
      'Anyone who can read your files could use your accounts. Install and unlock a keyring (GNOME Keyring, KWallet) for better protection.',
  }) === 0;
