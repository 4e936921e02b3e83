// Raw HTTP for server tests: node:http lets a test set Host, Origin and Sec-Fetch-Site the way a browser would.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...init.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** Writes bytes on a fresh TCP connection and resolves with whatever comes back before the server closes it (or 2 s of silence). */
export function rawBytes(
  port: number,
  data: string | Buffer,
  opts: { keepOpen?: boolean } = {},
): Promise<{ reply: string; socket: Socket }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (!opts.keepOpen) socket.destroy();
      resolve({ reply, socket });
    };
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      if (opts.keepOpen && reply.includes('\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.setTimeout(2000, finish);
    socket.write(data);
    // Half-close: a request cut short is answered (or dropped) at once instead of waiting for more bytes.
    if (!opts.keepOpen) socket.end();
  });
}
