/**
 * SecretCodec over Electron's safeStorage: OS keychain encryption, ciphertext stored as base64.
 *
 * Only the asynchronous API: `encryptString` / `decryptString` / `isEncryptionAvailable` are deprecated in
 * Electron 45, and on macOS the synchronous calls can block the main thread on a Keychain prompt. Secrets stored by
 * earlier versions stay readable: "Data encrypted with `safeStorage.encryptString` can be decrypted with
 * `safeStorage.decryptStringAsync`" (electron.d.ts). The async encryptor initialises "the first time ... called
 * after the app is ready", so this is created once the app is ready.
 */
import { safeStorage } from 'electron';
import type { Logger, SecretCodec } from '../core/types';

export async function createSecretCodec(
  platform: NodeJS.Platform = process.platform,
  logger?: Pick<Logger, 'info'>,
): Promise<SecretCodec> {
  const encryption = await safeStorage.isAsyncEncryptionAvailable();
  // On Linux without a keyring Chromium falls back to a hard-coded key: that is obfuscation, not encryption,
  // so we report "unavailable" and core refuses to store secrets rather than pretend they are protected.
  const available = encryption && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  /** Ciphertexts decryptStringAsync flagged `shouldReEncrypt` (the key was rotated). */
  const stale = new Set<string>();
  return {
    available,
    shouldReEncrypt: (cipher) => stale.has(cipher),
    async encrypt(plain: string): Promise<string> {
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(cipher: string): Promise<string> {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
      // The key was rotated: this stays readable, and the feed store encrypts it again under the new key.
      if (shouldReEncrypt) {
        stale.add(cipher);
        logger?.info('a stored secret was encrypted with an older key: encrypting it again');
      }
      return result;
    },
  };
}
