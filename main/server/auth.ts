// Who may talk to the headless server, after Jupyter's model and the OWASP CSRF cheat sheet:
// 1. Host must name the address Lavka listens on (stops DNS rebinding: a web page's own host name pointed at 127.0.0.1).
// 2. A browser request that says where it comes from (Origin, Sec-Fetch-Site) must come from Lavka's own origin.
//    Browsers do not separate cookies by port, so a page on another 127.0.0.1 port carries Lavka's cookie: the
//    cookie alone never proves a request came from Lavka's page.
// 3. The token: in a header (Authorization: Bearer or X-Lavka-Token) for every API call; the cookie (set by opening the
//    printed link) only opens pages, downloads and the event socket — requests a cross-origin page cannot make
//    once rule 2 holds, and whose answers it could not read anyway.
// Nothing here throws on malformed input: every parse returns null instead.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const TOKEN_COOKIE = 'lavka_token';
export const TOKEN_HEADER = 'x-lavka-token';

export type Verdict = { ok: true } | { ok: false; status: 400 | 403; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** The request target as a URL, or null when it is not one (e.g. `http://[/events`). Only the path and query are used. */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://lavka.invalid');
  } catch {
    return null;
  }
}

/** "host:port" split, lower-cased, IPv6 kept in brackets; null when the header is not a host. */
export function parseHostHeader(value: string | undefined): { host: string; port: number } | null {
  if (!value) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port > 65535) return null;
  return { host: m[1].toLowerCase(), port };
}

export class RequestGuard {
  private readonly names: Set<string>;
  private readonly anyIp: boolean;

  constructor(
    listenHost: string,
    private readonly port: number,
    private readonly token: string,
  ) {
    const own = listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
    this.names = new Set([...LOOPBACK_NAMES, own.toLowerCase()]);
    // Bound to every interface (--host 0.0.0.0): the owner reaches Lavka by this computer's IP address, which Lavka
    // cannot list. An IP literal in Host is safe (rebinding needs a host name), so any IP is accepted; names are not.
    this.anyIp = WILDCARDS.has(listenHost);
  }

  /** Host and origin rules (1 and 2 above), for every request and every upgrade. */
  checkOrigin(req: IncomingMessage): Verdict {
    const host = parseHostHeader(req.headers.host);
    if (!host) return { ok: false, status: 400, reason: 'missing or malformed Host header' };
    if (host.port !== this.port || !this.hostAllowed(host.host))
      return { ok: false, status: 403, reason: `Host ${req.headers.host} is not Lavka's address` };
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${req.headers.host!.trim().toLowerCase()}`) {
      return { ok: false, status: 403, reason: `request from another origin (${String(origin).slice(0, 80)})` };
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return { ok: false, status: 403, reason: `request from another site (Sec-Fetch-Site: ${String(site).slice(0, 20)})` };
    }
    return { ok: true };
  }

  /** The token in a header: what every API call must carry. */
  headerToken(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.matches(auth.slice(7).trim())) return true;
    const h = req.headers[TOKEN_HEADER];
    return typeof h === 'string' && this.matches(h.trim());
  }

  /** Header, cookie, or ?token= from the printed link: enough to open a page, a download or the event socket. */
  pageToken(req: IncomingMessage, url: URL): boolean {
    if (this.headerToken(req)) return true;
    const q = url.searchParams.get('token');
    if (q && this.matches(q)) return true;
    const cookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
    return cookie !== null && this.matches(cookie);
  }

  matches(given: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private hostAllowed(host: string): boolean {
    if (this.names.has(host)) return true;
    return this.anyIp && isIP(host.replace(/^\[|\]$/g, '')) !== 0;
  }
}

/** One cookie's value, or null when absent or not decodable (a malformed cookie is never an error). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
