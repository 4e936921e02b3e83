// The secrets key: 32 random bytes, on disk only as the OS keychain's ciphertext, the same key on every start; no
// keychain → no key (and a reason), never a key in plain text. And the shell's own settings file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecretKey, SECRET_KEY_FILE, type KeychainLike } from '../../main/shell/secret-key';
import { DESKTOP_SETTINGS_FILE, fileSettingsStore } from '../../main/shell/desktop-settings';
import { DEFAULT_DESKTOP_SETTINGS } from '../../main/shell/lifecycle';

/** A keychain that "encrypts" by reversing and prefixing: enough to see the file never holds the key as is. */
const keychain = (over: Partial<KeychainLike> = {}): KeychainLike => ({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`),
  decryptString: (b) => [...b.toString().replace(/^enc:/, '')].reverse().join(''),
  ...over,
});
const tmp = () => mkdtempSync(join(tmpdir(), 'lavka-key-'));

describe('secrets key in the OS keychain', () => {
  it('creates a 32-byte key once, stores only the keychain’s ciphertext, and returns the same key next time', () => {
    const dir = tmp();
    const first = loadOrCreateSecretKey(dir, keychain());
    expect(first.key).toHaveLength(32);
    const onDisk = readFileSync(join(dir, SECRET_KEY_FILE));
    expect(onDisk.includes(first.key!)).toBe(false);
    expect(onDisk.toString()).not.toContain(first.key!.toString('base64'));
    if (process.platform !== 'win32') expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o077).toBe(0);
    expect(loadOrCreateSecretKey(dir, keychain()).key!.equals(first.key!)).toBe(true);
  });

  it('without a usable keychain there is no key, with the reason', () => {
    expect(loadOrCreateSecretKey(tmp(), keychain({ isEncryptionAvailable: () => false }))).toEqual({
      key: undefined,
      reason: 'the OS keychain is not available',
    });
    expect(loadOrCreateSecretKey(tmp(), keychain({ getSelectedStorageBackend: () => 'basic_text' })).key).toBeUndefined();
  });

  it('a file that does not decrypt to a 32-byte key is an error, not a silently new key', () => {
    const dir = tmp();
    writeFileSync(join(dir, SECRET_KEY_FILE), 'enc:trohs');
    expect(() => loadOrCreateSecretKey(dir, keychain())).toThrow(/32-byte key/);
  });
});

describe('desktop settings file', () => {
  it('defaults (keep running on), saves changes, and survives a hand-broken file', () => {
    const dir = tmp();
    expect(fileSettingsStore(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(DEFAULT_DESKTOP_SETTINGS.keepRunning).toBe(true);
    fileSettingsStore(dir).set({ keepRunning: false });
    expect(fileSettingsStore(dir).get().keepRunning).toBe(false);
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), '{"keepRunning": "yes", "openAtLogin": true, "evil": 1');
    expect(fileSettingsStore(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), '{"keepRunning": "yes", "openAtLogin": true, "evil": 1}');
    expect(fileSettingsStore(dir).get()).toEqual({ ...DEFAULT_DESKTOP_SETTINGS, openAtLogin: true });
  });
});
