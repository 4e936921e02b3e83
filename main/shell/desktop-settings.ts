// The shell's own settings (tray, notifications, start at login) in desktop.json in the data folder: the shell needs
// them before and without the core, so they do not live in the database.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings, type SettingsStore } from './lifecycle';

export const DESKTOP_SETTINGS_FILE = 'desktop.json';

export function fileSettingsStore(dataDir: string): SettingsStore {
  const file = join(dataDir, DESKTOP_SETTINGS_FILE);
  let current = read(file);
  return {
    get: () => current,
    set(patch) {
      current = clean({ ...current, ...patch });
      // Written aside then renamed: a crash mid-write never leaves half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(current, null, 2));
      renameSync(`${file}.tmp`, file);
      return current;
    },
  };
}

function read(file: string): DesktopSettings {
  try {
    return clean(JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopSettings>);
  } catch {
    return { ...DEFAULT_DESKTOP_SETTINGS };
  }
}

/** Unknown keys dropped, wrong types replaced by defaults: a hand-edited file cannot break the shell. */
function clean(raw: Partial<Record<keyof DesktopSettings, unknown>>): DesktopSettings {
  const out = { ...DEFAULT_DESKTOP_SETTINGS };
  for (const k of Object.keys(out) as (keyof DesktopSettings)[]) if (typeof raw[k] === 'boolean') out[k] = raw[k];
  return out;
}
