import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FileSecretStore, SecretStoreError } from '../../../main/core/secrets/secret-store';
import { tempDir } from '../../helpers/test-app';

const posix = process.platform !== 'win32';

describe('FileSecretStore', () => {
  it('keeps secrets by name in an owner-only file, across instances', () => {
    const file = join(tempDir(), 'secrets.json');
    const a = new FileSecretStore(file);
    expect(a.get('telegram.botToken')).toBeNull();
    a.set('telegram.botToken', '123:abc');
    a.set('other', 'x');
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = new FileSecretStore(file);
    expect(b.get('telegram.botToken')).toBe('123:abc');
    b.delete('telegram.botToken');
    expect(new FileSecretStore(file).get('telegram.botToken')).toBeNull();
    expect(new FileSecretStore(file).get('other')).toBe('x');
  });

  it('with a 32-byte key the file is sealed (AES-256-GCM): no secret in it, unreadable without the key or with a wrong one', () => {
    const file = join(tempDir(), 'secrets.json');
    const key = randomBytes(32);
    new FileSecretStore(file, key).set('telegram.botToken', '123456789:AAsecretsecretsecret');
    expect(readFileSync(file, 'utf8')).not.toContain('AAsecret');
    expect(new FileSecretStore(file, key).get('telegram.botToken')).toBe('123456789:AAsecretsecretsecret');
    expect(() => new FileSecretStore(file).get('telegram.botToken')).toThrow(SecretStoreError);
    expect(() => new FileSecretStore(file, randomBytes(16))).toThrow(/32 bytes/);
  });

  it('a damaged file (or one sealed with another key) is set aside, not deleted, and Lavka starts without secrets', () => {
    const dir = tempDir();
    const file = join(dir, 'secrets.json');
    new FileSecretStore(file, randomBytes(32)).set('telegram.botToken', '123:abc');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(new FileSecretStore(file, randomBytes(32)).get('telegram.botToken')).toBeNull();
    expect(readdirSync(dir).filter((f) => f.startsWith('secrets.json.unreadable-'))).toHaveLength(1);
    writeFileSync(file, '{not json');
    expect(new FileSecretStore(file).get('x')).toBeNull();
    expect(readdirSync(dir).filter((f) => f.startsWith('secrets.json.unreadable-')).length).toBeGreaterThanOrEqual(1);
    expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).not.toContain('123:abc');
    errors.mockRestore();
  });
});
