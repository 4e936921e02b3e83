// The key that encrypts Lavka's secrets file (tokens, WhatsApp link): 32 random bytes, stored only encrypted by the
// OS keychain (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet) in a blob file in the data folder. The shell
// decrypts it at start and hands it to the core host in its start message — never on argv or in the environment.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret-key.keychain';

/** The part of Electron's safeStorage this needs. */
export interface KeychainLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no real keychain (a hard-coded password), so it protects nothing. */
  getSelectedStorageBackend?(): string;
}

export type SecretKeyResult = { key: Buffer } | { key: undefined; reason: string };

export function loadOrCreateSecretKey(dataDir: string, keychain: KeychainLike): SecretKeyResult {
  if (!keychain.isEncryptionAvailable()) return { key: undefined, reason: 'the OS keychain is not available' };
  if (keychain.getSelectedStorageBackend?.() === 'basic_text')
    return { key: undefined, reason: 'no keychain (libsecret/kwallet) on this Linux desktop' };
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) {
    const key = Buffer.from(keychain.decryptString(readFileSync(file)), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return { key };
  }
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, keychain.encryptString(key.toString('base64')), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { key };
}
