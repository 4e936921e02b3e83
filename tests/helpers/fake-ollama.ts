// A local fake Ollama speaking the real HTTP protocol (/api/version, /api/tags, /api/show, /api/chat, /api/pull),
// so the real `ollama` npm client and the app talk to it unchanged. Scriptable per request: good answers, garbage,
// slow streams, HTTP errors, a connection cut mid-stream. Test-only: never imported from main/.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModel {
  name: string;
  size?: number;
  parameterSize?: string;
  family?: string;
  capabilities?: string[];
  contextLength?: number;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  format?: unknown;
  tools?: unknown[];
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  think?: boolean;
}

/** What the fake answers to one /api/chat request. */
export type ChatReply =
  | {
      content: string;
      /** Pieces to stream (default: word by word). */
      chunks?: string[];
      /** Delay before each streamed piece. */
      delayMs?: number;
      toolCalls?: { name: string; arguments: Record<string, unknown> }[];
      /** Cut the TCP connection after this many streamed pieces, without a done:true line. */
      disconnectAfter?: number;
    }
  /** An HTTP error with Ollama's JSON error body. */
  | { error: string; status?: number }
  /** Raw NDJSON lines written as-is (garbage, or a stream that never says done). */
  | { rawLines: string[]; delayMs?: number };

export type ChatScript = (body: ChatBody, index: number) => ChatReply | Promise<ChatReply>;

export interface PullPlan {
  total: number;
  steps: number;
  delayMs: number;
  /** Fail with this error after `failAfter` steps. */
  error?: string;
  failAfter?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export const DEFAULT_FAKE_MODEL: FakeModel = {
  name: 'qwen3:4b-instruct',
  size: 2_497_293_918,
  parameterSize: '4.0B',
  family: 'qwen3',
  capabilities: ['completion', 'tools'],
  contextLength: 262144,
};

/** What a chat request is for: the one classifier every fake-Ollama script and the bench use. */
export type CallKind = 'warmup' | 'suggest' | 'free-text' | 'choose' | 'translate' | 'order' | 'summary' | 'reminder' | 'other';

/**
 * Reads the kind from the task that closes the last message (every Lavka call starts with the same stable prefix):
 * "TASK (reply) … as TEXT" is a suggestion, with a JSON schema it is Auto's free text; "TASK: CHOOSE" and
 * "TASK: TRANSLATE" are composed Auto's calls; an empty last message is the warm-up. A prompt without a TASK line
 * (order reading without an assistant) is read from its JSON schema.
 */
export function callKind(body: Pick<ChatBody, 'messages' | 'format'>): CallKind {
  const last = body.messages.at(-1)?.content ?? '';
  if (body.messages.length === 2 && last === '') return 'warmup';
  if (last.includes('TASK: CHOOSE')) return 'choose';
  if (last.includes('TASK: TRANSLATE')) return 'translate';
  const m = /TASK \((reply|order|summary|reminder)\)/.exec(last);
  if (m) return m[1] === 'reply' ? (body.format ? 'free-text' : 'suggest') : (m[1] as CallKind);
  const props = (body.format as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  if ('answers' in props) return 'choose';
  if ('reply' in props) return 'free-text';
  if ('items' in props) return 'order';
  if ((body.messages[0]?.content ?? '').startsWith('You summarise')) return 'summary';
  return 'other';
}

/** A reply to the customer (a suggestion, or one of Auto's calls about the reply). */
export function isReply(kind: CallKind): boolean {
  return kind === 'suggest' || kind === 'free-text' || kind === 'choose';
}

/** Rough token count for the fake's prompt_eval_count: about four characters per token. */
function fakeTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export class FakeOllama {
  url = '';
  version = '0.12.6';
  models: FakeModel[] = [DEFAULT_FAKE_MODEL];
  readonly requests: RecordedRequest[] = [];
  /** Replies used in order, one per /api/chat that `takesReply` accepts; otherwise (or when empty) `script` answers. */
  readonly replies: ChatReply[] = [];
  /** Which chats consume `replies` (default: all); lets a test script one caller while others get `script`. */
  takesReply: (body: ChatBody) => boolean = () => true;
  script: ChatScript = () => ({ content: 'Hello from the fake model.' });
  pullPlan: PullPlan = { total: 2_000_000, steps: 4, delayMs: 20 };
  /** Whether requests are answered at all; false makes the server refuse connections (as if Ollama stopped). */
  private server: Server | null = null;
  private sockets = new Set<import('node:net').Socket>();
  private chatCount = 0;
  /** The previous prompt, to report a smaller prompt_eval_count when the prefix repeats (Ollama's KV cache reuse). */
  private lastPrompt = '';
  /** Number of /api/chat requests whose client went away before the answer was complete. */
  aborted = 0;
  /** Progress lines sent by streamed /api/pull, so a test can act once a download is under way. */
  pullChunks = 0;
  /** Number of streamed /api/pull requests whose client went away before the model was complete. */
  pullsAborted = 0;

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    const { port: p } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${p}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }

  chats(): ChatBody[] {
    return this.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as ChatBody);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { error: 'invalid character in JSON body' });
      }
    }
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ method: req.method ?? 'GET', path, body });
    try {
      if (path === '/api/version' && req.method === 'GET') return sendJson(res, 200, { version: this.version });
      if (path === '/api/tags' && req.method === 'GET') return sendJson(res, 200, { models: this.models.map(tagOf) });
      if (path === '/api/show' && req.method === 'POST') return this.show(res, body as { model?: string });
      if (path === '/api/chat' && req.method === 'POST') return await this.chat(req, res, body as ChatBody);
      if (path === '/api/pull' && req.method === 'POST')
        return await this.pull(req, res, body as { model?: string; name?: string; stream?: boolean });
      if (path === '/' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('Ollama is running');
      }
      sendJson(res, 404, { error: '404 page not found' });
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else {
        console.error('fake-ollama handler failed', err);
        res.destroy();
      }
    }
  }

  private findModel(name: string | undefined): FakeModel | undefined {
    if (!name) return undefined;
    const full = name.includes(':') ? name : `${name}:latest`;
    return this.models.find((m) => m.name === name || m.name === full);
  }

  private show(res: ServerResponse, body: { model?: string }): void {
    const m = this.findModel(body?.model);
    if (!m) return sendJson(res, 404, { error: `model '${body?.model}' not found` });
    sendJson(res, 200, {
      license: 'Apache License 2.0',
      modelfile: `FROM ${m.name}`,
      parameters: 'temperature 0.7',
      template: '{{ .Prompt }}',
      details: details(m),
      model_info: { 'general.architecture': m.family ?? 'qwen3', [`${m.family ?? 'qwen3'}.context_length`]: m.contextLength ?? 32768 },
      capabilities: m.capabilities ?? ['completion'],
      modified_at: new Date(0).toISOString(),
    });
  }

  private async chat(req: IncomingMessage, res: ServerResponse, body: ChatBody): Promise<void> {
    if (!body?.model) return sendJson(res, 400, { error: 'model is required' });
    const m = this.findModel(body.model);
    if (!m) return sendJson(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
    if (body.think === true && !(m.capabilities ?? []).includes('thinking')) {
      return sendJson(res, 400, { error: `"${body.model}" does not support thinking` });
    }
    const index = this.chatCount++;
    const reply = this.replies.length > 0 && this.takesReply(body) ? this.replies.shift()! : await this.script(body, index);
    if ('error' in reply) return sendJson(res, reply.status ?? 500, { error: reply.error });

    const prompt = (body.messages ?? []).map((x) => `<|${x.role}|>${x.content}`).join('\n');
    let shared = 0;
    while (shared < prompt.length && shared < this.lastPrompt.length && prompt[shared] === this.lastPrompt[shared]) shared++;
    this.lastPrompt = prompt;
    const promptEval = Math.max(1, fakeTokens(prompt) - fakeTokens(prompt.slice(0, shared)));
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        this.aborted++;
      }
    });

    const created = () => new Date().toISOString();
    if ('rawLines' in reply) {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const line of reply.rawLines) {
        if (gone) return;
        if (reply.delayMs) await sleep(reply.delayMs);
        res.write(`${line}\n`);
      }
      return void res.end();
    }

    const content = reply.content;
    const evalCount = Math.max(1, fakeTokens(content));
    const final = {
      model: body.model,
      created_at: created(),
      done: true,
      done_reason: 'stop',
      total_duration: 1_500_000_000,
      load_duration: 10_000_000,
      prompt_eval_count: promptEval,
      prompt_eval_duration: promptEval * 20_000_000,
      eval_count: evalCount,
      eval_duration: evalCount * 80_000_000,
    };
    const toolCalls = reply.toolCalls?.map((t) => ({ function: { name: t.name, arguments: t.arguments } }));

    if (body.stream === false) {
      if (reply.delayMs) await sleep(reply.delayMs);
      return sendJson(res, 200, {
        ...final,
        message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
      });
    }

    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const chunks = reply.chunks ?? splitWords(content);
    let sent = 0;
    for (const piece of chunks) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (gone) return;
      if (reply.disconnectAfter !== undefined && sent >= reply.disconnectAfter) return cut(res);
      await write(
        res,
        `${JSON.stringify({ model: body.model, created_at: created(), message: { role: 'assistant', content: piece }, done: false })}\n`,
      );
      sent++;
    }
    if (reply.disconnectAfter !== undefined) return cut(res);
    if (toolCalls) {
      res.write(
        `${JSON.stringify({ model: body.model, created_at: created(), message: { role: 'assistant', content: '', tool_calls: toolCalls }, done: false })}\n`,
      );
    }
    res.end(`${JSON.stringify({ ...final, message: { role: 'assistant', content: '' } })}\n`);
  }

  private async pull(req: IncomingMessage, res: ServerResponse, raw: { model?: string; name?: string; stream?: boolean }): Promise<void> {
    // The client sends `name` (older field) and/or `model`; Ollama accepts both.
    const body = { model: raw?.model ?? raw?.name ?? '', stream: raw?.stream };
    if (!body.model) return sendJson(res, 400, { error: 'model is required' });
    const plan = this.pullPlan;
    const digest = 'sha256:6a0746a1ec1aef3e7ec53868f220ff6e389f6f8ef87a01d77c96807de94ca2aa';
    let gone = false;
    res.on('close', () => {
      if (res.writableFinished) return;
      gone = true;
      this.pullsAborted++;
    });
    if (body.stream === false) {
      await sleep(plan.delayMs);
      if (plan.error) return sendJson(res, 500, { error: plan.error });
      this.addModel(body.model, plan.total);
      return sendJson(res, 200, { status: 'success' });
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const line = (o: unknown) => res.write(`${JSON.stringify(o)}\n`);
    line({ status: 'pulling manifest' });
    for (let i = 1; i <= plan.steps; i++) {
      await sleep(plan.delayMs);
      if (gone) return;
      if (plan.error && i > (plan.failAfter ?? 0)) {
        line({ error: plan.error });
        return void res.end();
      }
      line({ status: `pulling ${digest.slice(7, 19)}`, digest, total: plan.total, completed: Math.round((plan.total * i) / plan.steps) });
      this.pullChunks++;
    }
    line({ status: 'verifying sha256 digest' });
    line({ status: 'writing manifest' });
    this.addModel(body.model, plan.total);
    res.end(`${JSON.stringify({ status: 'success' })}\n`);
  }

  private addModel(name: string, size: number): void {
    if (!this.findModel(name)) this.models.push({ ...DEFAULT_FAKE_MODEL, name: name.includes(':') ? name : `${name}:latest`, size });
  }
}

function tagOf(m: FakeModel) {
  return {
    name: m.name,
    model: m.name,
    modified_at: new Date(0).toISOString(),
    size: m.size ?? 1_000_000_000,
    digest: 'a'.repeat(64),
    details: details(m),
  };
}

function details(m: FakeModel) {
  return {
    parent_model: '',
    format: 'gguf',
    family: m.family ?? 'qwen3',
    families: [m.family ?? 'qwen3'],
    parameter_size: m.parameterSize ?? '4.0B',
    quantization_level: 'Q4_K_M',
  };
}

function splitWords(text: string): string[] {
  const parts = text.match(/\S+\s*|\s+/g) ?? [];
  return parts.length ? parts : [''];
}

/** Writes and waits until the bytes are handed to the socket, so a following cut() does not swallow them. */
function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((r) => res.write(data, () => r()));
}

/** Drops the connection without finishing the chunked body: what the client sees when Ollama crashes mid-answer. */
async function cut(res: ServerResponse): Promise<void> {
  await sleep(5);
  res.socket?.destroy();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Starts a fake Ollama; call stop() in afterEach. */
export async function startFakeOllama(): Promise<FakeOllama> {
  const f = new FakeOllama();
  await f.start();
  return f;
}
