// Where Lavka keeps its data by default: the same per-user folder Electron's app.getPath('userData') gives "Lavka".
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: Record<string, string | undefined> = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Lavka');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Lavka');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Lavka');
}
