import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { resetFakeElectron, safeStorage } from './fake-electron';
import { createSecretCodec } from '../../electron/main/platform/secrets';

beforeEach(() => resetFakeElectron());

describe('SecretCodec over safeStorage', () => {
  it('round-trips through base64 ciphertext that does not contain the secret', () => {
    const codec = createSecretCodec('linux');
    const cipher = codec.encrypt('Bearer s3cr3t');
    expect(cipher).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(cipher, 'base64').toString('utf8')).not.toContain('s3cr3t');
    expect(codec.decrypt(cipher)).toBe('Bearer s3cr3t');
    expect(() => codec.decrypt(Buffer.from('garbage').toString('base64'))).toThrow();
  });

  it('is unavailable without OS encryption, and on Linux with only the hard-coded "basic_text" key', () => {
    expect(createSecretCodec('linux').available).toBe(true);
    safeStorage.backend = 'basic_text';
    expect(createSecretCodec('linux').available).toBe(false);
    expect(createSecretCodec('win32').available).toBe(true);
    safeStorage.available = false;
    expect(createSecretCodec('win32').available).toBe(false);
  });
});
