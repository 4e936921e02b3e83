// A local fake of the Telegram Bot API server that real grammY (and the real `serve`) talk to over HTTP.
// Speaks the real protocol: POST /bot<token>/<method> with JSON/form/query parameters, {ok, result} or
// {ok:false, error_code, description, parameters:{retry_after}} with the matching HTTP status, getUpdates with
// offset confirmation and long polling (timeout), 409 when two pollers compete. Tests script faults per method.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TOKEN = '123456789:AAFakeTokenForLavkaTests_abcdefghijk';

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface SentMessage {
  chatId: number;
  text: string;
  messageId: number;
  /** Wall-clock ms when the request had fully arrived (from here on it is delivered even if the sender dies). */
  receivedAt: number;
  /** Wall-clock ms when the server delivered it to the customer. */
  at: number;
  /** Sent as the owner through Telegram Business. */
  businessConnectionId?: string;
}

/** A file a test made available (a customer's photo, voice note, document): getFile + GET /file/bot<token>/<path>. */
export interface FakeFile {
  fileId: string;
  fileUniqueId: string;
  path: string;
  data: Buffer;
}

/** A photo/voice/document/… the bot uploaded (multipart/form-data, as the Bot API takes files). */
export interface SentFile {
  method: string;
  chatId: number;
  field: string;
  fileName: string;
  contentType: string;
  data: Buffer;
  caption: string;
  messageId: number;
}

export type Fault =
  | { kind: 'status'; status: number; description?: string; retryAfter?: number }
  /** Closes the connection without an answer (a network drop). */
  | { kind: 'drop' };

type Params = Record<string, unknown>;

interface Waiter {
  offset: number;
  limit: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

export class FakeTelegram {
  readonly token: string;
  readonly bot = { id: 123456789, is_bot: true, first_name: 'Lavka Test Shop', username: 'lavka_test_bot' };
  readonly sent: SentMessage[] = [];
  readonly sentFiles: SentFile[] = [];
  readonly files = new Map<string, FakeFile>();
  /** File downloads the file route served. */
  readonly downloads: string[] = [];
  /** Paths whose download answers this HTTP status instead of the bytes. */
  readonly brokenDownloads = new Map<string, number>();
  private fileSeq = 0;
  readonly calls: { method: string; at: number; params: Params }[] = [];
  /** Chats (user ids) that blocked the bot: sendMessage answers 403. */
  readonly blocked = new Set<number>();
  /** Delay before a sendMessage is accepted and again before it is answered, in ms (both halves). */
  sendLatencyMs: number | (() => number) = 0;
  webhookUrl = '';
  private server!: Server;
  private port = 0;
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 1000;
  private readonly chatMessageIds = new Map<number, number>();
  private readonly faults = new Map<string, Fault[]>();
  private waiter: Waiter | null = null;
  private readonly knownChats = new Set<number>();

  private constructor(token: string) {
    this.token = token;
  }

  static async start(opts: { token?: string; port?: number } = {}): Promise<FakeTelegram> {
    const f = new FakeTelegram(opts.token ?? FAKE_TOKEN);
    f.server = createServer((req, res) => {
      f.handle(req, res).catch((err) => {
        if (!res.headersSent) f.reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
      });
    });
    await new Promise<void>((resolve) => f.server.listen(opts.port ?? 0, '127.0.0.1', resolve));
    f.port = (f.server.address() as AddressInfo).port;
    return f;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next `times` calls of `method` get this fault instead of an answer. */
  failNext(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method, list);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** A customer writes to the bot in a private chat. Extra fields are merged into the message (media, unknown fields). */
  customerWrites(user: FakeUser, text: string | null, extra: Params = {}): Record<string, unknown> {
    this.knownChats.add(user.id);
    const message: Params = {
      message_id: this.nextMessageId(user.id),
      from: { is_bot: false, language_code: 'en', ...user },
      chat: { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) },
      date: Math.floor(Date.now() / 1000),
      ...(text === null ? {} : { text }),
      ...extra,
    };
    return this.pushUpdate({ message });
  }

  /** Makes a file downloadable with getFile and the file route; returns the fields a message carries for it. */
  addFile(data: Buffer, dir = 'documents', ext = 'bin'): FakeFile {
    const n = ++this.fileSeq;
    const f: FakeFile = { fileId: `AgAC-file-${n}`, fileUniqueId: `uniq-${n}`, path: `${dir}/file_${n}.${ext}`, data };
    this.files.set(f.fileId, f);
    return f;
  }

  /** A customer sends a photo (the Bot API lists a few sizes, smallest first), with an optional caption. */
  customerSendsPhoto(user: FakeUser, data: Buffer, caption?: string): Record<string, unknown> {
    const big = this.addFile(data, 'photos', 'jpg');
    const thumb = this.addFile(data.subarray(0, Math.min(data.length, 16)), 'photos', 'jpg');
    return this.customerWrites(user, null, {
      photo: [
        { file_id: thumb.fileId, file_unique_id: thumb.fileUniqueId, width: 90, height: 90, file_size: thumb.data.length },
        { file_id: big.fileId, file_unique_id: big.fileUniqueId, width: 1280, height: 960, file_size: big.data.length },
      ],
      ...(caption ? { caption } : {}),
    });
  }

  /** A customer sends a voice note (OGG/Opus) or a document. */
  customerSendsFile(
    user: FakeUser,
    kind: 'voice' | 'document',
    data: Buffer,
    extra: { file_name?: string; mime_type?: string; caption?: string; declaredSize?: number } = {},
  ): Record<string, unknown> {
    const f = this.addFile(data, kind === 'voice' ? 'voice' : 'documents', kind === 'voice' ? 'oga' : 'bin');
    const file = {
      file_id: f.fileId,
      file_unique_id: f.fileUniqueId,
      file_size: extra.declaredSize ?? data.length,
      ...(kind === 'voice'
        ? { duration: 3, mime_type: 'audio/ogg' }
        : { file_name: extra.file_name ?? 'file.bin', mime_type: extra.mime_type ?? 'application/octet-stream' }),
    };
    return this.customerWrites(user, null, { [kind]: file, ...(extra.caption ? { caption: extra.caption } : {}) });
  }

  /** Telegram Business connections by id (https://core.telegram.org/bots/api#businessconnection). */
  readonly businessConnections = new Map<
    string,
    {
      id: string;
      user: FakeUser & { is_bot: false };
      user_chat_id: number;
      date: number;
      is_enabled: boolean;
      rights?: { can_reply: boolean };
    }
  >();
  /** Last customer message per business chat (connection id + chat id), for the 24-hour reply rule. */
  private readonly businessActivity = new Map<string, number>();
  /** Test time for the 24-hour rule, in ms (the real server's clock). */
  now: () => number = () => Date.now();

  /** The owner connects (or changes, or disconnects) the bot in Telegram → Settings → Telegram Business → Chatbots. */
  businessConnection(owner: FakeUser, opts: { id?: string; enabled?: boolean; canReply?: boolean } = {}): string {
    const id = opts.id ?? `bc-${owner.id}`;
    const c = {
      id,
      user: { ...owner, is_bot: false as const },
      user_chat_id: owner.id,
      date: Math.floor(this.now() / 1000),
      is_enabled: opts.enabled ?? true,
      rights: { can_reply: opts.canReply ?? true },
    };
    this.businessConnections.set(id, c);
    this.pushUpdate({ business_connection: c });
    return id;
  }

  /** A customer writes to the owner's own account (a business chat); extra fields as in customerWrites. */
  customerWritesToBusiness(connectionId: string, user: FakeUser, text: string | null, extra: Params = {}): Record<string, unknown> {
    this.knownChats.add(user.id);
    this.businessActivity.set(`${connectionId}:${user.id}`, this.now());
    return this.pushUpdate({ business_message: this.businessMessage(connectionId, user.id, user, user, text, extra) });
  }

  /** The owner types in that chat in their own Telegram app. */
  ownerWritesInBusiness(connectionId: string, customer: FakeUser, text: string): Record<string, unknown> {
    const owner = this.businessConnections.get(connectionId)!.user;
    return this.pushUpdate({ business_message: this.businessMessage(connectionId, customer.id, owner, customer, text, {}) });
  }

  editBusinessMessage(connectionId: string, customer: FakeUser, messageId: number, text: string): void {
    const m = this.businessMessage(connectionId, customer.id, customer, customer, text, {});
    this.pushUpdate({ edited_business_message: { ...m, message_id: messageId, edit_date: Math.floor(this.now() / 1000) } });
  }

  deleteBusinessMessages(connectionId: string, customer: FakeUser, messageIds: number[]): void {
    this.pushUpdate({
      deleted_business_messages: {
        business_connection_id: connectionId,
        chat: { id: customer.id, type: 'private', first_name: customer.first_name },
        message_ids: messageIds,
      },
    });
  }

  private businessMessage(
    connectionId: string,
    chatId: number,
    from: FakeUser,
    chatUser: FakeUser,
    text: string | null,
    extra: Params,
  ): Params {
    return {
      message_id: this.nextMessageId(chatId),
      business_connection_id: connectionId,
      from: { is_bot: false, ...from },
      chat: {
        id: chatId,
        type: 'private',
        first_name: chatUser.first_name,
        ...(chatUser.last_name ? { last_name: chatUser.last_name } : {}),
        ...(chatUser.username ? { username: chatUser.username } : {}),
      },
      date: Math.floor(this.now() / 1000),
      ...(text === null ? {} : { text }),
      ...extra,
    };
  }

  /**
   * The checks the server makes for business_connection_id: the connection exists, is enabled, may reply, and the
   * chat had a customer message in the last 24 hours. Returns an error answer, or null when the send may go.
   */
  private businessRefusal(params: Params): { status: number; description: string } | null {
    const id = params.business_connection_id;
    if (id === undefined) return null;
    const c = this.businessConnections.get(idText(id));
    if (!c) return { status: 400, description: 'Bad Request: BUSINESS_CONNECTION_INVALID' };
    if (!c.is_enabled) return { status: 400, description: 'Bad Request: BUSINESS_CONNECTION_NOT_ALLOWED' };
    if (!c.rights?.can_reply) return { status: 403, description: 'Forbidden: BOT_BUSINESS_MISSING' };
    const last = this.businessActivity.get(`${idText(id)}:${Number(params.chat_id)}`);
    if (last === undefined || this.now() - last > 24 * 60 * 60_000)
      return { status: 403, description: 'Forbidden: BUSINESS_PEER_USAGE_MISSING' };
    return null;
  }

  /** Queues any update object (the update_id is added). */
  pushUpdate(update: Params): Record<string, unknown> {
    const u = { update_id: this.nextUpdateId++, ...update };
    this.updates.push(u);
    this.flushWaiter();
    return u;
  }

  /** Updates not yet confirmed by an offset. */
  pendingUpdates(): number {
    return this.updates.length;
  }

  callsOf(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`fake Telegram: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.res.destroy();
      this.waiter = null;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextMessageId(chatId: number): number {
    const n = (this.chatMessageIds.get(chatId) ?? 0) + 1;
    this.chatMessageIds.set(chatId, n);
    return n;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const fm = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fm) return this.serveFile(decodeURIComponent(fm[1]), decodeURIComponent(fm[2]), res);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m;
    const { params: body, files } = await readParams(req);
    const params = { ...Object.fromEntries(url.searchParams), ...body };
    this.calls.push({ method, at: Date.now(), params });
    if (decodeURIComponent(token) !== this.token) return this.reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault) {
      return this.reply(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description:
          fault.description ?? (fault.status === 429 ? `Too Many Requests: retry after ${fault.retryAfter ?? 1}` : 'Internal Server Error'),
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    switch (method) {
      case 'getMe':
        return this.ok(res, { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'deleteWebhook':
        this.webhookUrl = '';
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') this.updates = [];
        return this.ok(res, true);
      case 'getWebhookInfo':
        return this.ok(res, { url: this.webhookUrl, has_custom_certificate: false, pending_update_count: this.updates.length });
      case 'getUpdates':
        return this.getUpdates(params, res);
      case 'sendMessage':
        return this.sendMessage(params, res);
      case 'getBusinessConnection': {
        const c = this.businessConnections.get(idText(params.business_connection_id ?? ''));
        return c
          ? this.ok(res, c)
          : this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: BUSINESS_CONNECTION_INVALID' });
      }
      case 'getFile':
        return this.getFile(params, res);
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendAudio':
      case 'sendVideo':
      case 'sendAnimation':
        return this.sendFile(method, params, files, res);
      default:
        return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private getUpdates(params: Params, res: ServerResponse): void {
    if (this.webhookUrl) {
      return this.reply(res, 409, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeout = Math.max(0, Number(params.timeout ?? 0));
    // Calling with an offset confirms every update below it: they are forgotten.
    if (offset > 0) this.updates = this.updates.filter((u) => (u.update_id as number) >= offset);
    // A second poller ends the first one, as the real server does.
    if (this.waiter) {
      const old = this.waiter;
      this.waiter = null;
      clearTimeout(old.timer);
      this.reply(old.res, 409, {
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    const ready = this.updates.slice(0, limit);
    if (ready.length > 0 || timeout === 0) return this.ok(res, ready);
    const waiter: Waiter = {
      offset,
      limit,
      res,
      timer: setTimeout(() => {
        if (this.waiter === waiter) this.waiter = null;
        this.ok(res, []);
      }, timeout * 1000),
    };
    this.waiter = waiter;
    res.on('close', () => {
      if (this.waiter === waiter) {
        clearTimeout(waiter.timer);
        this.waiter = null;
      }
    });
  }

  private flushWaiter(): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    this.ok(w.res, this.updates.slice(0, w.limit));
  }

  private async sendMessage(params: Params, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const chatId = Number(params.chat_id);
    const text = typeof params.text === 'string' ? params.text : '';
    if (!Number.isFinite(chatId) || !this.knownChats.has(chatId)) {
      return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    }
    if (this.blocked.has(chatId))
      return this.reply(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    if (!text.trim()) return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    if (text.length > 4096) return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    const refusal = this.businessRefusal(params);
    if (refusal) return this.reply(res, refusal.status, { ok: false, error_code: refusal.status, description: refusal.description });
    const latency = typeof this.sendLatencyMs === 'function' ? this.sendLatencyMs() : this.sendLatencyMs;
    if (latency > 0) await sleep(latency);
    // From here the customer has the message, whether or not the sender lives to read the answer.
    const messageId = this.nextMessageId(chatId);
    this.sent.push({
      chatId,
      text,
      messageId,
      receivedAt,
      at: Date.now(),
      ...(params.business_connection_id !== undefined ? { businessConnectionId: idText(params.business_connection_id) } : {}),
    });
    if (latency > 0) await sleep(latency);
    return this.ok(res, {
      message_id: messageId,
      from: this.bot,
      chat: { id: chatId, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
    });
  }

  /** getFile: the file's path for the file route (https://core.telegram.org/bots/api#getfile); bots get at most 20 MB. */
  private getFile(params: Params, res: ServerResponse): void {
    const f = this.files.get(idText(params.file_id ?? ''));
    if (!f) return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
    if (f.data.length > 20 * 1024 * 1024)
      return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: file is too big' });
    return this.ok(res, { file_id: f.fileId, file_unique_id: f.fileUniqueId, file_size: f.data.length, file_path: f.path });
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    if (token !== this.token) {
      res.writeHead(401).end();
      return;
    }
    const f = [...this.files.values()].find((x) => x.path === path);
    const broken = this.brokenDownloads.get(path);
    if (!f || broken) {
      res.writeHead(broken ?? 404).end();
      return;
    }
    this.downloads.push(path);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.data.length) });
    res.end(f.data);
  }

  /** sendPhoto/sendDocument/sendVoice/…: the file must come as a multipart upload in the field the method names. */
  private sendFile(method: string, params: Params, files: MultipartFile[], res: ServerResponse): void {
    const chatId = Number(params.chat_id);
    if (!Number.isFinite(chatId) || !this.knownChats.has(chatId)) {
      return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    }
    if (this.blocked.has(chatId))
      return this.reply(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const field = method.slice(4).toLowerCase();
    // The field holds "attach://<name>" (grammY) or the file itself.
    const ref = typeof params[field] === 'string' ? String(params[field]).replace(/^attach:\/\//, '') : field;
    const file = files.find((f) => f.name === ref);
    if (!file) return this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: there is no ${field} in the request` });
    const refusal = this.businessRefusal(params);
    if (refusal) return this.reply(res, refusal.status, { ok: false, error_code: refusal.status, description: refusal.description });
    const caption = typeof params.caption === 'string' ? params.caption : '';
    if (caption.length > 1024)
      return this.reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message caption is too long' });
    const messageId = this.nextMessageId(chatId);
    this.sentFiles.push({
      method,
      chatId,
      field,
      fileName: file.fileName,
      contentType: file.contentType,
      data: file.data,
      caption,
      messageId,
    });
    return this.ok(res, {
      message_id: messageId,
      from: this.bot,
      chat: { id: chatId, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      caption,
    });
  }

  private ok(res: ServerResponse, result: unknown): void {
    this.reply(res, 200, { ok: true, result });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

interface MultipartFile {
  name: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

async function readParams(req: IncomingMessage): Promise<{ params: Params; files: MultipartFile[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  if (!buf.length) return { params: {}, files: [] };
  const type = req.headers['content-type'] ?? '';
  const raw = () => buf.toString('utf8');
  if (type.includes('application/json')) return { params: JSON.parse(raw()) as Params, files: [] };
  if (type.includes('application/x-www-form-urlencoded')) return { params: Object.fromEntries(new URLSearchParams(raw())), files: [] };
  if (type.includes('multipart/form-data')) return parseMultipart(buf, type);
  return { params: {}, files: [] };
}

/** multipart/form-data as the Bot API takes it: text fields, and files (binary-safe) with their file names. */
function parseMultipart(buf: Buffer, type: string): { params: Params; files: MultipartFile[] } {
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
  const params: Params = {};
  const files: MultipartFile[] = [];
  if (!boundary) return { params, files };
  const delim = Buffer.from(`--${boundary}`);
  let pos = buf.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    const next = buf.indexOf(delim, start);
    if (next === -1) break;
    const part = buf.subarray(start, next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd !== -1) {
      const head = part.subarray(0, headEnd).toString('utf8');
      // The body ends with the CRLF that precedes the next delimiter.
      const body = part.subarray(headEnd + 4, part.length - 2);
      const name = /(?:^|[;\s])name="([^"]*)"/.exec(head)?.[1];
      // grammY writes the file name unquoted (filename=cake.jpg); browsers and curl quote it.
      const fm = /filename=(?:"([^"]*)"|([^\r\n;]*))/.exec(head);
      const fileName = fm ? (fm[1] ?? fm[2]) : undefined;
      if (name !== undefined && fileName !== undefined) {
        files.push({ name, fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '', data: Buffer.from(body) });
      } else if (name !== undefined) params[name] = body.toString('utf8');
    }
    pos = next;
  }
  return { params, files };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** An id from a request's parameters as the Bot API reads it: numbers and strings as text, anything else as JSON. */
function idText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}
