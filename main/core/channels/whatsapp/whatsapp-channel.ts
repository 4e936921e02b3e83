// The WhatsApp channel on whatsapp-web.js: QR linking, a session kept in Lavka's data folder, reconnects with
// backoff, a catch-up of messages that arrived while Lavka was closed, delivery receipts, text replies.
// The client comes from an injected factory, so tests drive a double and the app drives Chrome.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Clock } from '../../clock';
import { ChannelSendError, type AckStatus, type Channel, type ChannelSink, type ChannelState, type InboundMessage, type SendRequest } from '../channel';
import { formatPhone, whatsappChatId, whatsappIdToPhone } from '../../contacts/identity';
import type { BrowserLookup } from './browser';
import { SESSION_CLIENT_ID, type WaClient, type WaClientFactory, type WaMessage } from './client';
import { WHATSAPP, contentOf, skipReason, type WaFilter } from './inbound';

export interface WhatsAppRuntimeStore {
  /** When Lavka last knew it had every message (connected and listening); the catch-up starts a bit before it. */
  lastSeenAt(): number | null;
  setLastSeenAt(at: number): void;
}

export interface WhatsAppOptions {
  clock: Clock;
  /** LocalAuth dataPath, inside Lavka's data folder. */
  sessionDir: string;
  cacheDir: string;
  createClient: WaClientFactory;
  findBrowser: () => BrowserLookup;
  filter: () => WaFilter;
  store: WhatsAppRuntimeStore;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How far back the very first catch-up looks. */
  firstBackfillDays?: number;
  backfillMaxChats?: number;
  backfillPerChat?: number;
}

export interface BackfillReport {
  chats: number;
  stored: number;
}

const BACKFILL_OVERLAP_MS = 15 * 60_000;
const SCAN_HINT = 'Open WhatsApp on your phone → Settings → Linked devices → Link a device, and scan this code.';
/** Errors that mean the browser page behind the client is gone; only a fresh client helps. */
const BROKEN_PAGE = /Session closed|Target closed|Protocol error|detached Frame|Execution context was destroyed|browser has disconnected/i;
/** Errors that mean the address is not on WhatsApp; sending again will not help. */
const NOT_ON_WHATSAPP = /No LID for user|invalid wid|wid error|not a valid|not registered/i;

export class WhatsAppChannel implements Channel {
  readonly id = WHATSAPP;
  private sink: ChannelSink | null = null;
  private client: WaClient | null = null;
  /** Bumped for every new client and teardown: events of an old client are ignored. */
  private generation = 0;
  private stopped = true;
  private state: ChannelState = 'disabled';
  private account: string | undefined;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private backfilling: Promise<BackfillReport> | null = null;
  private lastBackfill: Promise<BackfillReport> | null = null;
  /** Latest receipt per own message id; a receipt can arrive before sendMessage returns the id to the outbox. */
  private readonly acks = new Map<string, AckStatus>();
  private readonly names = new Map<string, string>();
  private readonly phones = new Map<string, string>();

  constructor(private readonly opts: WhatsAppOptions) {}

  get currentState(): ChannelState {
    return this.state;
  }

  /** The catch-up run started by the latest `ready`, for tests and the UI. */
  get backfillDone(): Promise<BackfillReport> | null {
    return this.lastBackfill;
  }

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
    this.stopped = false;
    this.attempt = 0;
    // Opening WhatsApp Web takes seconds to minutes; the hub must not wait for it.
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) this.opts.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.state === 'connected') this.opts.store.setLastSeenAt(this.opts.clock.now());
    await this.teardown();
    this.sink = null;
  }

  /** Removes the linked session, so the next start shows a new QR code ("Connect again" after a logout). */
  clearSession(): void {
    rmSync(join(this.opts.sessionDir, `session-${SESSION_CLIENT_ID}`), { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }

  async send(req: SendRequest): Promise<{ externalId: string }> {
    const client = this.client;
    if (!client || this.state !== 'connected') throw new ChannelSendError('WhatsApp is not connected', false);
    const chatId = whatsappChatId(req.address);
    if (!chatId) throw new ChannelSendError(`"${req.address}" is not a WhatsApp number`, true);
    let sent: WaMessage | null;
    try {
      sent = await client.sendMessage(chatId, req.text);
    } catch (err) {
      throw this.sendError(err);
    }
    if (!sent) throw new ChannelSendError('WhatsApp did not accept this message', true);
    const externalId = sent.id._serialized;
    const early = this.acks.get(externalId);
    // Let the outbox record the id first, then replay a receipt that overtook the reply.
    if (early) setImmediate(() => this.sink?.ack(externalId, early));
    return { externalId };
  }

  /** After an interrupted send: our own recent messages in that chat with the same text, sent since `since`. */
  async findSent(req: SendRequest, since: number): Promise<string[]> {
    const client = this.client;
    const chatId = whatsappChatId(req.address);
    if (!chatId) return [];
    if (!client || this.state !== 'connected') throw new ChannelSendError('WhatsApp is not connected', false);
    try {
      const chat = await client.getChatById(chatId);
      const mine = await chat.fetchMessages({ limit: 50, fromMe: true });
      return mine
        .filter((m) => m.fromMe && m.body === req.text && m.timestamp * 1000 >= since - 2_000)
        .sort((a, b) => a.timestamp - b.timestamp)
        .map((m) => m.id._serialized);
    } catch (err) {
      throw this.sendError(err);
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const gen = ++this.generation;
    const browser = this.opts.findBrowser();
    if (!browser.ok) {
      // Nothing to retry until the owner installs a browser or fixes the path (saving it restarts the channel).
      this.setStatus('error', browser.error);
      return;
    }
    this.setStatus('starting', 'Opening WhatsApp Web…');
    let client: WaClient;
    try {
      client = await this.opts.createClient({ browserPath: browser.path, sessionDir: this.opts.sessionDir, cacheDir: this.opts.cacheDir });
    } catch (err) {
      if (gen === this.generation) this.fail(`Could not start WhatsApp Web: ${messageOf(err)}`);
      return;
    }
    if (gen !== this.generation || this.stopped) {
      void client.destroy().catch(() => {});
      return;
    }
    this.client = client;
    this.wire(client, gen);
    try {
      await client.initialize();
    } catch (err) {
      if (gen === this.generation && !this.stopped) this.fail(`Could not open WhatsApp Web: ${messageOf(err)}`);
    }
  }

  private wire(client: WaClient, gen: number): void {
    const live = () => gen === this.generation && !this.stopped;
    client.on('qr', (qr) => {
      if (!live()) return;
      QRCode.toDataURL(qr, { margin: 1, width: 264, errorCorrectionLevel: 'M' })
        .then((qrImage) => {
          if (live() && this.state !== 'connected') this.setStatus('waiting_for_scan', SCAN_HINT, { qr, qrImage });
        })
        .catch((err) => console.error('[whatsapp] QR could not be drawn', err));
    });
    client.on('authenticated', () => {
      if (live()) this.setStatus('starting', 'Linked. Loading your chats…');
    });
    client.on('auth_failure', (message) => {
      if (!live()) return;
      this.setStatus('logged_out', `WhatsApp could not restore the saved session (${String(message)}). Press “Connect again” and scan the QR code.`);
      void this.teardown();
    });
    client.on('ready', () => {
      if (!live()) return;
      this.attempt = 0;
      const user = client.info?.wid?.user;
      this.account = user && /^\d+$/.test(user) ? formatPhone(`+${user}`) : (client.info?.pushname ?? undefined);
      this.setStatus('connected');
      this.lastBackfill = this.backfill(client, gen);
    });
    client.on('message', (m) => {
      if (live()) void this.onIncoming(client, m);
    });
    client.on('message_ack', (m, ack) => {
      if (live()) this.onAck(m, ack);
    });
    client.on('disconnected', (reason) => {
      if (!live()) return;
      if (this.state === 'connected') this.opts.store.setLastSeenAt(this.opts.clock.now());
      if (reason === 'LOGOUT') {
        this.setStatus('logged_out', 'WhatsApp on the phone logged Lavka out (Linked devices). Press “Connect again” to link it again.');
        void this.teardown();
        return;
      }
      this.fail(`WhatsApp disconnected (${describeReason(String(reason))})`);
    });
  }

  /** A failure that a fresh client may fix: report it, drop the client, try again after a growing pause. */
  private fail(reason: string): void {
    void this.teardown();
    if (this.stopped) return;
    const delay = Math.min(this.opts.reconnectMaxMs ?? 5 * 60_000, (this.opts.reconnectBaseMs ?? 5_000) * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    this.setStatus('disconnected', `${reason}. Reconnecting in ${Math.ceil(delay / 1000)} s.`);
    if (this.reconnectTimer) this.opts.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.opts.clock.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private async teardown(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.generation++;
    if (!c) return;
    try {
      c.removeAllListeners();
      await c.destroy();
    } catch (err) {
      // The library destroys itself on some disconnects; a second destroy failing is expected then.
      console.error('[whatsapp] closing the client failed', messageOf(err));
    }
  }

  private async onIncoming(client: WaClient, m: WaMessage): Promise<void> {
    try {
      if (skipReason(m, this.opts.filter())) return;
      const msg = await this.toInbound(client, m);
      this.sink?.receive(msg);
      this.opts.store.setLastSeenAt(this.opts.clock.now());
    } catch (err) {
      // One odd message must not take the channel down; it is logged without its content.
      console.error('[whatsapp] a message could not be filed', messageOf(err));
    }
  }

  private onAck(m: WaMessage, ack: number): void {
    if (!m?.fromMe || !m.id?._serialized) return;
    const status = ackStatus(ack);
    if (!status) return;
    const id = m.id._serialized;
    if (this.acks.size > 2000) this.acks.delete(this.acks.keys().next().value!);
    this.acks.set(id, status);
    this.sink?.ack(id, status, status === 'failed' ? 'WhatsApp could not deliver this message' : undefined);
  }

  /**
   * Files messages that arrived while Lavka was closed: `message` events are not emitted for them. Runs once per
   * ready (a second ready during a run joins it); the inbox's (channel, message id) key makes repeats harmless.
   */
  private backfill(client: WaClient, gen: number): Promise<BackfillReport> {
    if (this.backfilling) return this.backfilling;
    const run = async (): Promise<BackfillReport> => {
      const startedAt = this.opts.clock.now();
      const last = this.opts.store.lastSeenAt();
      const since = last ? last - BACKFILL_OVERLAP_MS : startedAt - (this.opts.firstBackfillDays ?? 3) * 86_400_000;
      const filter = this.opts.filter();
      const chats = (await client.getChats())
        .filter((c) => c.timestamp * 1000 >= since)
        .filter((c) => !(c.isGroup && filter.ignoreGroups) && !/@(broadcast|newsletter)$/.test(c.id._serialized))
        .sort((a, b) => b.timestamp - a.timestamp)
        .slice(0, this.opts.backfillMaxChats ?? 100);
      let stored = 0;
      let unsaved = 0;
      for (const [i, chat] of chats.entries()) {
        if (gen !== this.generation || this.stopped) return { chats: i, stored };
        this.setStatus('connected', `Catching up on messages received while Lavka was closed… ${i}/${chats.length} chats`);
        let msgs: WaMessage[];
        try {
          msgs = await chat.fetchMessages({ limit: this.opts.backfillPerChat ?? 50 });
        } catch (err) {
          console.error('[whatsapp] could not load a chat for the catch-up', messageOf(err));
          continue;
        }
        for (const m of [...msgs].sort((a, b) => a.timestamp - b.timestamp)) {
          if (m.timestamp * 1000 < since || skipReason(m, filter)) continue;
          try {
            if (this.sink?.receive(await this.toInbound(client, m)).stored) stored++;
          } catch (err) {
            unsaved++;
            console.error('[whatsapp] a message could not be filed', messageOf(err));
          }
        }
      }
      // Received means stored: the marker moves only when every message of the catch-up was saved, so the next
      // catch-up looks at the same period again (the inbox's message-id key drops what is already there).
      if (unsaved > 0) {
        if (gen === this.generation && !this.stopped) {
          this.setStatus('connected', `${unsaved} message${unsaved === 1 ? '' : 's'} from while Lavka was closed could not be saved; Lavka tries again when WhatsApp reconnects`);
        }
        return { chats: chats.length, stored };
      }
      this.opts.store.setLastSeenAt(startedAt);
      if (gen === this.generation && !this.stopped) {
        this.setStatus('connected', stored ? `Caught up: ${stored} message${stored === 1 ? '' : 's'} arrived while Lavka was closed` : undefined);
      }
      return { chats: chats.length, stored };
    };
    this.backfilling = run()
      .catch((err) => {
        console.error('[whatsapp] catch-up failed', messageOf(err));
        return { chats: 0, stored: 0 };
      })
      .finally(() => {
        this.backfilling = null;
      });
    return this.backfilling;
  }

  private async toInbound(client: WaClient, m: WaMessage): Promise<InboundMessage> {
    const { kind, body } = contentOf(m);
    const address = await this.addressOf(client, String(m.from));
    const ts = typeof m.timestamp === 'number' && m.timestamp > 0 ? m.timestamp * 1000 : this.opts.clock.now();
    return {
      channel: WHATSAPP,
      externalId: m.id._serialized,
      from: { externalId: address, display: await this.displayOf(m, address) },
      kind,
      body,
      at: ts,
    };
  }

  /** E.164 for people (also behind a linked id when WhatsApp tells us the number); the chat id otherwise. */
  private async addressOf(client: WaClient, jid: string): Promise<string> {
    const direct = whatsappIdToPhone(jid);
    if (direct) return direct;
    if (!jid.endsWith('@lid')) return jid;
    const known = this.phones.get(jid);
    if (known) return known;
    try {
      const [hit] = await client.getContactLidAndPhone([jid]);
      const phone = hit?.pn ? whatsappIdToPhone(hit.pn) : null;
      if (phone) {
        this.phones.set(jid, phone);
        return phone;
      }
    } catch (err) {
      console.error('[whatsapp] could not resolve a linked id', messageOf(err));
    }
    return jid;
  }

  private async displayOf(m: WaMessage, address: string): Promise<string> {
    const key = String(m.from);
    const cached = this.names.get(key);
    if (cached) return cached;
    let name = '';
    try {
      const c = await m.getContact();
      name = (c?.pushname || c?.name || '').trim();
    } catch {
      // Name lookup is cosmetic; the number is a fine name.
    }
    const display = name || (address.startsWith('+') ? formatPhone(address) : address);
    if (this.names.size > 5000) this.names.clear();
    this.names.set(key, display);
    return display;
  }

  private sendError(err: unknown): ChannelSendError {
    if (err instanceof ChannelSendError) return err;
    const text = messageOf(err);
    if (NOT_ON_WHATSAPP.test(text)) return new ChannelSendError('This number does not use WhatsApp', true);
    if (BROKEN_PAGE.test(text)) {
      this.fail('WhatsApp Web stopped responding');
      return new ChannelSendError('WhatsApp Web stopped responding; Lavka is reconnecting', false);
    }
    return new ChannelSendError(`WhatsApp: ${text}`, false);
  }

  private setStatus(state: ChannelState, detail?: string, extra: { qr?: string; qrImage?: string } = {}): void {
    this.state = state;
    const account = state === 'connected' || state === 'disconnected' ? this.account : undefined;
    this.sink?.status({ state, ...(detail ? { detail } : {}), ...(account ? { account } : {}), ...extra });
  }
}

function ackStatus(ack: number): AckStatus | null {
  if (ack === -1) return 'failed';
  if (ack === 1) return 'sent';
  if (ack === 2) return 'delivered';
  if (ack === 3 || ack === 4) return 'read';
  return null;
}

function describeReason(reason: string): string {
  const known: Record<string, string> = {
    CONFLICT: 'WhatsApp Web was opened somewhere else',
    TIMEOUT: 'the phone did not answer',
    UNPAIRED: 'the link to the phone was removed',
    UNPAIRED_IDLE: 'the link to the phone expired',
    TOS_BLOCK: 'WhatsApp blocked this number',
    SMB_TOS_BLOCK: 'WhatsApp blocked this business number',
    PROXYBLOCK: 'the network blocks WhatsApp',
    DEPRECATED_VERSION: 'this WhatsApp Web version is too old',
    NAVIGATION: 'the WhatsApp Web page reloaded',
  };
  return known[reason] ?? reason;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
