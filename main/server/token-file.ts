// The headless token, kept in the data folder (owner-only file) so a bookmarked link keeps working across restarts.
// `--new-token` replaces it (every open tab and bookmark then needs the newly printed link).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'server-token';
const MIN_LENGTH = 16;

export function loadToken(dataDir: string, opts: { rotate?: boolean; fromEnv?: string } = {}): string {
  // LAVKA_TOKEN lets scripts and tests fix the token; it is not written anywhere.
  if (opts.fromEnv && opts.fromEnv.length >= MIN_LENGTH) return opts.fromEnv;
  const file = join(dataDir, TOKEN_FILE);
  if (!opts.rotate) {
    try {
      const kept = readFileSync(file, 'utf8').trim();
      if (/^[\w-]{16,200}$/.test(kept)) {
        chmodSync(file, 0o600);
        return kept;
      }
    } catch {
      // No token yet (first start) or unreadable: make a new one.
    }
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
