// Start at login on Linux: an XDG autostart entry that starts Lavka hidden, quoted safely; switching off removes it.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autostartEntry, autostartFile, setLinuxAutostart } from '../../main/shell/autostart-linux';

describe('Linux autostart', () => {
  it('writes an entry that starts the AppImage in the tray, and removes it when switched off', () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'lavka-xdg-')) };
    setLinuxAutostart(true, '/home/owner/Apps/Lavka-0.1.0.AppImage', '--hidden', env);
    const file = autostartFile(env);
    expect(file).toBe(join(env.XDG_CONFIG_HOME, 'autostart', 'lavka.desktop'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/owner/Apps/Lavka-0.1.0.AppImage" --hidden');
    setLinuxAutostart(false, '/x', '--hidden', env);
    expect(existsSync(file)).toBe(false);
  });

  it('quotes paths with spaces and shell characters', () => {
    expect(autostartEntry('/opt/My Apps/La$vka "1"', '--hidden')).toContain('Exec="/opt/My Apps/La\\$vka \\"1\\"" --hidden');
  });
});
