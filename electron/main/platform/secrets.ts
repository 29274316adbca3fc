/** SecretCodec over Electron's safeStorage: OS keychain encryption, ciphertext stored as base64. */
import { safeStorage } from 'electron';
import type { SecretCodec } from '../core/types';

export function createSecretCodec(platform: NodeJS.Platform = process.platform): SecretCodec {
  return {
    get available(): boolean {
      if (!safeStorage.isEncryptionAvailable()) return false;
      // On Linux without a keyring Chromium falls back to a hard-coded key: that is obfuscation, not encryption,
      // so we report "unavailable" and core refuses to store secrets rather than pretend they are protected.
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
      return true;
    },
    encrypt(plain: string): string {
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(cipher: string): string {
      return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    },
  };
}
