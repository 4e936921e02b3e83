// Secrets (the Telegram bot token, anything added later) live outside the database, so a copied database, its
// journal or a backup reveals none of them. The desktop app encrypts the file with a key kept by the OS keychain
// (Electron safeStorage, passed in as AppConfig.secretKey); headless mode keeps it owner-only or uses the environment.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

export const SECRETS_FILE = 'secrets.json';
const KEY_BYTES = 32;

const plainSchema = z.object({ v: z.literal(1), secrets: z.record(z.string(), z.string()) });
const sealedSchema = z.object({ v: z.literal(1), alg: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string(), data: z.string() });

export class SecretStoreError extends Error {}

/**
 * One owner-only (0600) JSON file. With a 32-byte key the whole content is sealed with AES-256-GCM (a fresh IV per
 * write), so the file alone is useless without the keychain; without a key it is plain JSON, protected by its mode.
 */
export class FileSecretStore implements SecretStore {
  private cache: Record<string, string> | null = null;

  constructor(
    readonly file: string,
    private readonly key?: Uint8Array,
  ) {
    if (key && key.length !== KEY_BYTES) throw new SecretStoreError(`The secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }

  get(name: string): string | null {
    return this.read()[name] ?? null;
  }

  set(name: string, value: string): void {
    this.write({ ...this.read(), [name]: value });
  }

  delete(name: string): void {
    const all = { ...this.read() };
    if (!(name in all)) return;
    delete all[name];
    this.write(all);
  }

  private read(): Record<string, string> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = {});
      throw err;
    }
    try {
      return (this.cache = this.parse(text));
    } catch (err) {
      if (err instanceof SecretStoreError) throw err;
      // A damaged file (or one sealed with another key) must not stop Lavka: it is set aside, never deleted, and the
      // owner pastes the token again. The reason is logged without any content.
      const aside = `${this.file}.unreadable-${Date.now()}`;
      console.error(`[secrets] ${this.file} could not be read (${(err as Error).message}); moved to ${aside}`);
      renameSync(this.file, aside);
      return (this.cache = {});
    }
  }

  private parse(text: string): Record<string, string> {
    const json = JSON.parse(text) as unknown;
    const sealed = sealedSchema.safeParse(json);
    if (sealed.success) {
      if (!this.key) throw new SecretStoreError('The secrets file is encrypted and no key was given to open it');
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.data.iv, 'base64'));
      d.setAuthTag(Buffer.from(sealed.data.tag, 'base64'));
      const plain = Buffer.concat([d.update(Buffer.from(sealed.data.data, 'base64')), d.final()]).toString('utf8');
      return plainSchema.parse(JSON.parse(plain)).secrets;
    }
    return plainSchema.parse(json).secrets;
  }

  private write(secrets: Record<string, string>): void {
    const plain = JSON.stringify({ v: 1, secrets });
    let content = plain;
    if (this.key) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', this.key, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      content = JSON.stringify({
        v: 1,
        alg: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: c.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      });
    }
    // Write-then-rename: a crash mid-write never leaves half a file (and never loses the old secrets).
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, content, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
    this.cache = secrets;
  }
}
