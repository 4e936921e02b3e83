// The few HTML pages the server itself answers with (no UI bundle needed): shown to a browser that has no token or
// came from somewhere else. English and Russian side by side: the owner's language setting is behind the token.
import type { ServerResponse } from 'node:http';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.3rem}p{margin:.6rem 0}.ru{color:#52606d}';

function page(title: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><h1>${title}</h1>${paragraphs.map((p) => `<p${p.startsWith('ru:') ? ' class="ru" lang="ru"' : ''}>${p.replace(/^ru:/, '')}</p>`).join('')}</body></html>`;
}

const NEED_LINK = page('Paste the link Lavka printed', [
  'This page needs the link Lavka printed when it started — it looks like <code>http://127.0.0.1:5780/?token=…</code>. Copy it from the window where Lavka runs and paste it into the address bar.',
  'Started Lavka with <code>--new-token</code>? Then old links and bookmarks stop working: use the new link.',
  'ru:Откройте ссылку, которую Lavka напечатала при запуске (http://127.0.0.1:5780/?token=…): скопируйте её из окна, где запущена Lavka, и вставьте в адресную строку.',
]);

const FOREIGN = page('Open Lavka from its own link', [
  'Lavka only answers its own pages. This request came from another web page or address, so Lavka refused it to keep your customers’ data safe.',
  'ru:Lavka отвечает только своим страницам. Этот запрос пришёл с другой страницы или адреса, поэтому Lavka его отклонила.',
]);

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

export function sendNeedLink(res: ServerResponse): void {
  res.writeHead(401, { ...HEADERS, 'www-authenticate': 'Bearer' }).end(NEED_LINK);
}

export function sendForeign(res: ServerResponse, status: 400 | 403): void {
  res.writeHead(status, HEADERS).end(FOREIGN);
}
