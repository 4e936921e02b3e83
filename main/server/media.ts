// GET /media/<id>: a stored photo, voice note or file, for the page's <img>/<audio> and the file links. Only the
// media row's id resolves (never a path). Pictures, audio and video Lavka knows are served inline with their own type;
// everything else (SVG, HTML, PDF, archives…) as an attachment of type application/octet-stream, so nothing a customer
// sent is ever run or rendered as a page. The customer's file name is untrusted: it only goes into Content-Disposition.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { App } from '../core/app';
import { isInlineMime } from '../core/media/types';

export function serveMedia(app: App, pathname: string, download: boolean, res: ServerResponse): void {
  const raw = pathname.slice('/media/'.length);
  const file = /^\d{1,12}$/.test(raw) ? app.services.media.file(Number(raw)) : undefined;
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This file is not stored.');
    return;
  }
  const inline = !download && isInlineMime(file.mime);
  const name = file.fileName || `file-${raw}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/]/g, '_');
  res.writeHead(200, {
    'content-type': inline ? file.mime : 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  });
  createReadStream(file.path).pipe(res);
}
