// GET /download/<id>: streams a file Lavka prepared (a contacts export, a customer's data) to the browser as an
// attachment. Only ids the core registered resolve; nothing here maps a URL to a path on disk.
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { App } from '../core/app';

export function serveDownload(app: App, pathname: string, res: ServerResponse): void {
  // Ids are [\w-] only, so they never need decoding; anything else is simply not a download.
  const id = pathname.slice('/download/'.length);
  const file = /^[\w-]{1,64}$/.test(id) ? app.services.downloads.get(id) : undefined;
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('This download has expired. Export again.');
    return;
  }
  // RFC 6266: an ASCII fallback name plus the real (UTF-8) one for browsers that read filename*.
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'content-type': file.mime,
    'content-length': String(file.size),
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  // The file can vanish between the lookup and the read (expired, or its customer erased): end the response, never crash.
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
