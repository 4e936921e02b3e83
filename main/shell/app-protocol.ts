// The window's UI comes from app://lavka/… (a custom protocol), not file://: only this origin gets the bridge, may be
// navigated to, and may call the core, so a dropped or linked HTML file never does. Pure helpers; main/index.ts
// registers the scheme and serves files through resolveAppFile.
import { extname, join, normalize, relative, sep, isAbsolute } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lavka';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL of the app itself: app://lavka/…, or in development the electron-vite dev server's origin. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  const dev = new URL(devServerUrl);
  return u.protocol === dev.protocol && u.host === dev.host;
}

/** The file under rendererDir that an app:// request names, or null (wrong host, escapes the folder). */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const rel = normalize(path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, ''));
  const file = join(rendererDir, rel);
  const inside = relative(rendererDir, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  // A path without an extension is a client-side route: serve the app.
  return extname(file) ? file : join(rendererDir, 'index.html');
}

/** Permissions the window may get: only writing to the clipboard (the Telegram "Copy link" button), only for the app. */
export function allowPermission(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, devServerUrl);
}
