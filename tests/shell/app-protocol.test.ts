// The window's own origin: app://lavka serves only files inside the renderer folder, and only that origin (or the dev
// server in development) counts as Lavka for navigation, IPC and permissions.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { allowPermission, isAppUrl, resolveAppFile } from '../../main/shell/app-protocol';

const DIR = join('/opt', 'lavka', 'out', 'renderer');

describe('app:// protocol', () => {
  it('serves the app’s files and index.html for the root and for routes', () => {
    expect(resolveAppFile('app://lavka/', DIR)).toBe(join(DIR, 'index.html'));
    expect(resolveAppFile('app://lavka/assets/index-abc.js', DIR)).toBe(join(DIR, 'assets', 'index-abc.js'));
    expect(resolveAppFile('app://lavka/inbox', DIR)).toBe(join(DIR, 'index.html'));
  });

  it('never serves a file outside the renderer folder or for another host', () => {
    for (const url of [
      'app://lavka/../../etc/passwd',
      'app://lavka/%2e%2e/%2e%2e/etc/passwd',
      'app://lavka/assets/..%2f..%2f..%2fsecret.txt',
      'app://evil/index.html',
      'file:///etc/passwd',
      'app://lavka/a%00.js',
    ]) {
      const file = resolveAppFile(url, DIR);
      if (file !== null) expect(file.startsWith(DIR)).toBe(true);
    }
    expect(resolveAppFile('app://evil/index.html', DIR)).toBeNull();
    expect(resolveAppFile('app://lavka/assets/..%2f..%2f..%2fsecret.txt', DIR)).toBeNull();
  });

  it('only the app origin is Lavka: not a dropped file, not another site', () => {
    expect(isAppUrl('app://lavka/index.html')).toBe(true);
    expect(isAppUrl('file:///home/owner/Downloads/invoice.html')).toBe(false);
    expect(isAppUrl('https://lavka.example/')).toBe(false);
    expect(isAppUrl('app://lavka.evil/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('grants clipboard writing to the app and nothing else to anyone', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://lavka/index.html')).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      expect(allowPermission(p, 'app://lavka/index.html')).toBe(false);
  });
});
