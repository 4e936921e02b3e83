// Start at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart entry
// (~/.config/autostart/lavka.desktop) that starts Lavka in the tray. No Electron import: tested under Node.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function autostartFile(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'lavka.desktop');
}

/** The desktop entry; `executable` is the AppImage ($APPIMAGE) or the installed binary. */
export function autostartEntry(executable: string, hiddenArg: string): string {
  // Desktop-entry Exec quoting: wrap in double quotes, escape ", `, $ and \.
  const quoted = `"${executable.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lavka',
    `Exec=${quoted} ${hiddenArg}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function setLinuxAutostart(
  on: boolean,
  executable: string,
  hiddenArg: string,
  env: Record<string, string | undefined> = process.env,
): void {
  const file = autostartFile(env);
  if (!on) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, autostartEntry(executable, hiddenArg));
}
