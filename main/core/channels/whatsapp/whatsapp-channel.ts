// The WhatsApp channel on whatsapp-web.js: linking by QR or pairing code, a session kept in Lavka's data folder,
// start-up deadlines and reconnects with backoff, a watchdog that replaces a hung or crashed page, routine browser
// restarts, hard stops (another WhatsApp Web, a block), a catch-up of missed messages, receipts, text replies.
// The client comes from an injected factory, so tests drive a double and the app drives Chrome.
// Over 400 lines: linking, the watchdog and reconnects share one client's life cycle (generation, timers, state); the
// parts without that state are beside it (catch-up, burst, health, senders, maintenance, inbound).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Clock } from '../../clock';
import {
  ChannelSendError,
  type AckStatus,
  type Channel,
  type ChannelSink,
  type ChannelState,
  type ChannelStatus,
  type SendRequest,
  type InboundMessage,
} from '../channel';
import { UNCONFIRMED } from '../outbox';
import { formatPhone, whatsappChatId } from '../../contacts/identity';
import type { BrowserLookup } from './browser';
import { SESSION_CLIENT_ID, type WaClient, type WaClientFactory, type WaMessage, type WebVersionSource } from './client';
import { Overdue, checkHealth, describeReason, hardStopOf, messageOf, withDeadline, type HardStop, type Health } from './health';
import { routineRestartReason, type MaintenancePolicy } from './maintenance';
import type { MemoryProbe } from './memory';
import { WHATSAPP, ackStatus, ownMessageFiled, skipReason, type WaFilter } from './inbound';
import type { FetchedMedia, OutgoingMedia } from '../../media/types';
import { catchUp, type BackfillReport } from './catch-up';
import { Burst } from './burst';
import { WaSenders } from './senders';
import { findWhatsAppNumber } from './number-lookup';

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
  /** Which WhatsApp Web version to load, read at every start. Default: the library's local cache. */
  webVersion?: () => WebVersionSource;
  /** Routine browser restarts (quiet hour, memory limit, days of running), read at every check. None: never. */
  maintenance?: () => MaintenancePolicy;
  /** How much memory the browser uses. Default: none measured. */
  measureMemory?: MemoryProbe;
  /** Tells the owner something they must act on (a desktop notification). */
  notify?: (n: { kind: 'error' | 'info'; title: string; body: string }) => void;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How long the library may take to load WhatsApp Web's page (its authTimeoutMs). */
  authTimeoutMs?: number;
  /** From starting (or from linking) to `ready`: past this, the client is replaced. Waiting for a scan does not count. */
  readyTimeoutMs?: number;
  /** How often the watchdog looks at a connected client. */
  healthCheckMs?: number;
  /** How long one look (getState, a page evaluation) may take before the page counts as hung. */
  probeTimeoutMs?: number;
  /** Checks in a row that find WhatsApp Web not ready before the client counts as stuck and is replaced. */
  stuckChecks?: number;
  /** Failed starts in a row after which the owner is told that WhatsApp Web probably changed. */
  failedStartsBeforeNotice?: number;
  /** How long a pairing code is shown before it counts as expired (WhatsApp's codes last about 3 minutes). */
  pairingCodeTtlMs?: number;
  /** How far back the very first catch-up looks. */
  firstBackfillDays?: number;
  backfillMaxChats?: number;
  backfillPerChat?: number;
}

export type { BackfillReport } from './catch-up';

/** Why a pairing code cannot be asked for now; the manager turns it into an API error. */
export class PairingError extends Error {
  constructor(
    readonly reason: 'bad_phone' | 'not_waiting' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'PairingError';
  }
}

/** Errors that mean the browser page behind the client is gone; only a fresh client helps. */
const BROKEN_PAGE = /Session closed|Target closed|Protocol error|detached Frame|Execution context was destroyed|browser has disconnected/i;
const SCAN_HINT = 'Open WhatsApp on your phone → Settings → Linked devices → Link a device, and scan this code.';
export const WEB_CHANGED_MESSAGE = 'WhatsApp Web changed; Lavka is retrying — update Lavka if this lasts';
/** Errors that mean the address is not on WhatsApp; sending again will not help. */
const NOT_ON_WHATSAPP = /No LID for user|invalid wid|wid error|not a valid|not registered/i;
/** A pairing code this long is never renewed by the library's timer: Lavka expires it and asks again on request. */
const NO_RENEWAL_MS = 24 * 3_600_000;

export class WhatsAppChannel implements Channel {
  readonly id = WHATSAPP;
  private sink: ChannelSink | null = null;
  private client: WaClient | null = null;
  /** Bumped for every new client and teardown: events and timers of an old client are ignored. */
  private generation = 0;
  private stopped = true;
  private state: ChannelState = 'disabled';
  private account: string | undefined;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  /** Deadline for the client to become ready (or show a QR code). */
  private readyTimer: unknown = null;
  private watchdogTimer: unknown = null;
  private pairingTimer: unknown = null;
  /** Starts in a row that never reached `ready`, and what the last one died of. */
  private failedStarts = 0;
  private lastStartError = '';
  private noticeShown = false;
  /** Watchdog checks in a row that found WhatsApp Web not ready. */
  private notReadyStreak = 0;
  private clientStartedAt = 0;
  private lastRoutineRestartAt: number | null = null;
  private memoryBytes: number | undefined;
  private sending = 0;
  private qr: { qr: string; qrImage: string } | null = null;
  private pairing: ChannelStatus['pairing'] | null = null;
  private backfilling: Promise<BackfillReport> | null = null;
  private lastBackfill: Promise<BackfillReport> | null = null;
  /** Latest receipt per own message id; a receipt can arrive before sendMessage returns the id to the outbox. */
  private readonly acks = new Map<string, AckStatus>();
  private readonly senders: WaSenders;
  /** Live messages that arrive together are stored in one transaction. */
  private readonly burst = new Burst(() => this.sink);
  /** Ids of messages Lavka itself sent: their message_create is not the owner writing from the phone. */
  private readonly ownSent = new Set<string>();
  /** Recent media messages by id, so a download needs no lookup in WhatsApp Web. */
  private readonly mediaMessages = new Map<string, WaMessage>();
  /** Resolved when no send is in progress (an own message_create waits for it, see onOwnMessage). */
  private sendWaiters: (() => void)[] = [];

  constructor(private readonly opts: WhatsAppOptions) {
    this.senders = new WaSenders(opts.clock);
  }

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
    this.clearTimer('reconnectTimer');
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
    this.sending++;
    try {
      // Nothing has left Lavka yet: a page that is not connected is a plain "try later", and the watchdog acts on it.
      const health = await checkHealth(client, this.opts.clock, this.probeTimeoutMs);
      if (!health.ok) {
        this.onUnhealthy(client, health, true);
        throw new ChannelSendError(
          `WhatsApp Web is not ready to send (${health.kind === 'hard_stop' ? health.state : health.reason})`,
          false,
        );
      }
      let sent: WaMessage | null | undefined;
      try {
        sent = req.media ? await this.sendMedia(client, chatId, req.media, req.text) : await client.sendMessage(chatId, req.text);
      } catch (err) {
        throw this.sendError(client, err);
      }
      const externalId = sent?.id?._serialized;
      if (externalId) this.remember(this.ownSent, externalId);
      // The page answered without a message: it may or may not have kept it, so the chat is checked before a retry.
      if (!externalId)
        throw new ChannelSendError(
          `${UNCONFIRMED} WhatsApp Web did not confirm this message; checking the chat before sending again`,
          false,
        );
      const early = this.acks.get(externalId);
      // Let the outbox record the id first, then replay a receipt that overtook the reply.
      if (early) setImmediate(() => this.sink?.ack(externalId, early));
      return { externalId };
    } finally {
      this.sending--;
      if (this.sending === 0) for (const w of this.sendWaiters.splice(0)) w();
    }
  }

  /** A photo, voice note or file (whatsapp-web.js MessageMedia) with the text as its caption. */
  private async sendMedia(client: WaClient, chatId: string, media: OutgoingMedia, caption: string): Promise<WaMessage | null> {
    const { readFile } = await import('node:fs/promises');
    // Loaded only when used, like the client: the library is large.
    const { MessageMedia } = (await import('whatsapp-web.js')).default;
    const file = new MessageMedia(media.mime, (await readFile(media.path)).toString('base64'), media.fileName, media.size);
    return client.sendMessage(chatId, file, {
      ...(caption ? { caption } : {}),
      ...(media.kind === 'voice' ? { sendAudioAsVoice: true } : {}),
      ...(media.kind === 'document' ? { sendMediaAsDocument: true } : {}),
    });
  }

  /** Downloads the media of a message Lavka filed (kept from the event, or looked up after a restart). */
  async fetchMedia(source: string): Promise<FetchedMedia> {
    const client = this.client;
    if (!client || this.state !== 'connected') throw new Error('WhatsApp is not connected');
    const m = this.mediaMessages.get(source) ?? (await client.getMessageById(source));
    if (!m) throw new Error('WhatsApp no longer has this message');
    const media = await m.downloadMedia();
    if (!media?.data) throw new Error('WhatsApp no longer has this file (the phone may have deleted it)');
    return {
      data: Buffer.from(media.data, 'base64'),
      mime: media.mimetype,
      ...(media.filename ? { fileName: media.filename } : {}),
    };
  }

  private remember<T>(set: Set<T>, v: T): void {
    if (set.size > 2000) set.delete(set.values().next().value!);
    set.add(v);
  }

  private keepMediaMessage(m: WaMessage): void {
    if (!m.hasMedia || !m.id?._serialized) return;
    if (this.mediaMessages.size > 500) this.mediaMessages.delete(this.mediaMessages.keys().next().value!);
    this.mediaMessages.set(m.id._serialized, m);
  }

  /**
   * A message the owner wrote from the phone (message_create, fromMe). Lavka's own sends fire the same event before
   * sendMessage returns their id, so this waits until no send is in progress and then skips the ids Lavka sent.
   */
  private async onOwnMessage(client: WaClient, m: WaMessage): Promise<void> {
    try {
      if (!ownMessageFiled(m, client.info?.wid?._serialized)) return;
      if (this.sending > 0) await new Promise<void>((resolve) => this.sendWaiters.push(resolve));
      if (this.ownSent.has(m.id._serialized)) return;
      this.keepMediaMessage(m);
      await this.burst.store(await this.senders.toInbound(client, m, true));
    } catch (err) {
      console.error('[whatsapp] an own message could not be filed', messageOf(err));
    }
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
      throw this.sendError(client, err);
    }
  }

  /**
   * "Link with phone number instead": asks WhatsApp for an 8-character code for the owner's number, shown until it
   * expires. Only while Lavka waits for a link (the QR code is up).
   */
  async requestPairingCode(phone: string): Promise<string> {
    // The caller reads local numbers in the shop's region; WhatsApp wants the full international number.
    if (!/^\+\d{8,15}$/.test(phone)) {
      throw new PairingError('bad_phone', 'Enter the phone number of your WhatsApp with its country code, e.g. +49 151 23456789');
    }
    const digits = phone.slice(1);
    const client = this.client;
    if (!client || this.state !== 'waiting_for_scan') {
      throw new PairingError(
        'not_waiting',
        'Lavka is not waiting for a link right now. Press “Connect” first; when the QR code shows, ask for a code.',
      );
    }
    let code: string;
    try {
      code = await withDeadline(
        client.requestPairingCode(digits, true, NO_RENEWAL_MS),
        this.probeTimeoutMs,
        this.opts.clock,
        'WhatsApp Web',
      );
    } catch (err) {
      console.error('[whatsapp] pairing code request failed', messageOf(err));
      throw new PairingError('failed', `WhatsApp did not give a code (${messageOf(err)}). Try again, or scan the QR code.`);
    }
    if (client !== this.client) throw new PairingError('not_waiting', 'WhatsApp restarted meanwhile; ask for a new code.');
    this.showPairingCode(formatPhone(`+${digits}`), code);
    return code;
  }

  /** The E.164 number WhatsApp knows for a phone number, or null when it is not on WhatsApp (number-lookup.ts). */
  async findNumber(e164: string): Promise<string | null> {
    const client = this.client;
    if (!client || this.state !== 'connected') throw new ChannelSendError('WhatsApp is not connected', false);
    return findWhatsAppNumber(client, e164);
  }

  /** Back to the QR code. */
  async cancelPairingCode(): Promise<void> {
    const client = this.client;
    this.pairing = null;
    this.clearTimer('pairingTimer');
    if (this.state === 'waiting_for_scan') this.setStatus('waiting_for_scan', this.scanHint());
    await client?.cancelPairingCode().catch((err: unknown) => console.error('[whatsapp] could not go back to the QR code', messageOf(err)));
  }

  private showPairingCode(phone: string, code: string): void {
    const expiresAt = this.opts.clock.now() + (this.opts.pairingCodeTtlMs ?? 180_000);
    this.pairing = { phone, code, expiresAt };
    this.clearTimer('pairingTimer');
    const gen = this.generation;
    this.pairingTimer = this.opts.clock.setTimeout(() => {
      this.pairingTimer = null;
      if (gen !== this.generation || !this.pairing || this.state !== 'waiting_for_scan') return;
      // An old code must never stay on screen: the owner would type a code WhatsApp no longer accepts.
      this.pairing = { phone, expired: true };
      this.setStatus('waiting_for_scan', this.scanHint());
    }, expiresAt - this.opts.clock.now());
    this.setStatus('waiting_for_scan', this.scanHint());
  }

  private scanHint(): string {
    if (!this.pairing) return SCAN_HINT;
    if ('code' in this.pairing)
      return 'Open WhatsApp on your phone → Settings → Linked devices → Link a device → Link with phone number instead, and type this code.';
    return 'The code expired. Ask for a new code, or go back to the QR code.';
  }

  private get probeTimeoutMs(): number {
    return this.opts.probeTimeoutMs ?? 20_000;
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
    if (this.state !== 'reconnecting') this.setStatus('starting', 'Opening WhatsApp Web…');
    let client: WaClient;
    try {
      client = await this.opts.createClient({
        browserPath: browser.path,
        sessionDir: this.opts.sessionDir,
        cacheDir: this.opts.cacheDir,
        authTimeoutMs: this.opts.authTimeoutMs ?? 60_000,
        webVersion: this.opts.webVersion?.() ?? { kind: 'local' },
      });
    } catch (err) {
      if (gen === this.generation) this.fail(`Could not start WhatsApp Web: ${messageOf(err)}`);
      return;
    }
    if (gen !== this.generation || this.stopped) {
      void client.destroy().catch(() => {});
      return;
    }
    this.client = client;
    this.clientStartedAt = this.opts.clock.now();
    this.qr = null;
    this.pairing = null;
    this.wire(client, gen);
    this.armReadyDeadline(gen, 'WhatsApp Web did not finish loading');
    try {
      await client.initialize();
    } catch (err) {
      if (gen === this.generation && !this.stopped) this.startFailed(`Could not open WhatsApp Web: ${messageOf(err)}`);
    }
  }

  /** A start that never reaches `ready` must not wait forever: WhatsApp Web updates break exactly this step. */
  private armReadyDeadline(gen: number, reason: string): void {
    this.clearTimer('readyTimer');
    const ms = this.opts.readyTimeoutMs ?? 180_000;
    this.readyTimer = this.opts.clock.setTimeout(() => {
      this.readyTimer = null;
      if (gen === this.generation && !this.stopped) this.startFailed(`${reason} within ${Math.round(ms / 1000)} s`);
    }, ms);
  }

  private startFailed(reason: string): void {
    this.clearTimer('readyTimer');
    this.failedStarts++;
    this.lastStartError = reason;
    const limit = this.opts.failedStartsBeforeNotice ?? 3;
    if (this.failedStarts < limit) {
      this.fail(reason);
      return;
    }
    // The plain words go to the owner; the technical reason goes to the log, every time, for whoever helps them.
    console.error(`[whatsapp] ${this.failedStarts} starts in a row failed; last error: ${this.lastStartError}`);
    if (!this.noticeShown) {
      this.noticeShown = true;
      this.opts.notify?.({ kind: 'error', title: 'WhatsApp is not starting', body: `${WEB_CHANGED_MESSAGE}.` });
    }
    this.fail(WEB_CHANGED_MESSAGE, 'web_changed');
  }

  private wire(client: WaClient, gen: number): void {
    const live = () => gen === this.generation && !this.stopped;
    client.on('qr', (qr) => {
      if (!live()) return;
      // Waiting for the owner to scan is not a hang.
      this.clearTimer('readyTimer');
      QRCode.toDataURL(qr, { margin: 1, width: 264, errorCorrectionLevel: 'M' })
        .then((qrImage) => {
          if (!live() || this.state === 'connected') return;
          this.qr = { qr, qrImage };
          this.setStatus('waiting_for_scan', this.scanHint());
        })
        .catch((err) => console.error('[whatsapp] QR could not be drawn', err));
    });
    client.on('code', (code) => {
      if (live() && this.pairing) this.showPairingCode(this.pairing.phone, code);
    });
    client.on('authenticated', () => {
      if (!live()) return;
      this.clearTimer('pairingTimer');
      this.pairing = null;
      this.setStatus('starting', 'Linked. Loading your chats…');
      this.armReadyDeadline(gen, 'WhatsApp Web did not finish loading your chats');
    });
    client.on('loading_screen', (percent) => {
      // A big account can take minutes to load; progress shows it is not hung, so the deadline starts over.
      if (!live() || this.state === 'connected' || !this.readyTimer) return;
      this.armReadyDeadline(gen, 'WhatsApp Web did not finish loading your chats');
      this.setStatus('starting', `Linked. Loading your chats… ${String(percent)}%`);
    });
    client.on('auth_failure', (message) => {
      if (!live()) return;
      this.clearTimer('readyTimer');
      this.setStatus(
        'logged_out',
        `WhatsApp could not restore the saved session (${String(message)}). Press “Connect again” and scan the QR code.`,
      );
      void this.teardown();
    });
    client.on('ready', () => {
      if (!live()) return;
      this.clearTimer('readyTimer');
      this.attempt = 0;
      this.failedStarts = 0;
      this.noticeShown = false;
      this.notReadyStreak = 0;
      this.qr = null;
      this.pairing = null;
      const user = client.info?.wid?.user;
      this.account = user && /^\d+$/.test(user) ? formatPhone(`+${user}`) : (client.info?.pushname ?? undefined);
      this.setStatus('connected');
      this.scheduleWatchdog(gen);
      this.lastBackfill = this.backfill(client, gen);
    });
    client.on('message', (m) => {
      if (live()) void this.onIncoming(client, m);
    });
    client.on('message_create', (m) => {
      if (live() && m?.fromMe) void this.onOwnMessage(client, m);
    });
    client.on('message_ack', (m, ack) => {
      if (live()) this.onAck(m, ack);
    });
    client.on('disconnected', (reason) => {
      if (!live()) return;
      if (this.state === 'connected') this.opts.store.setLastSeenAt(this.opts.clock.now());
      const stop = hardStopOf(String(reason));
      if (stop) {
        this.halt(stop, String(reason));
        return;
      }
      this.fail(`WhatsApp disconnected (${describeReason(String(reason))})`);
    });
  }

  // ---- the watchdog -------------------------------------------------------------------------------------------

  private scheduleWatchdog(gen: number): void {
    this.clearTimer('watchdogTimer');
    this.watchdogTimer = this.opts.clock.setTimeout(() => {
      this.watchdogTimer = null;
      // Look on a fresh turn: a clock that fires many overdue timers in one go (the tests' fake clock jumping hours)
      // must not fire the look's own deadline before the page had a chance to answer.
      queueMicrotask(() => void this.watch(gen));
    }, this.opts.healthCheckMs ?? 60_000);
  }

  /** One look at a connected client; schedules the next one unless it replaced or stopped the client. */
  private async watch(gen: number): Promise<void> {
    const client = this.client;
    if (gen !== this.generation || this.stopped || !client) return;
    const health = await checkHealth(client, this.opts.clock, this.probeTimeoutMs);
    if (gen !== this.generation || this.stopped) return;
    if (!health.ok) {
      if (this.onUnhealthy(client, health, false)) return;
    } else {
      this.notReadyStreak = 0;
      if (this.state !== 'connected') this.setStatus('connected');
      if (await this.maintain(client, gen)) return;
    }
    if (gen === this.generation && !this.stopped) this.scheduleWatchdog(gen);
  }

  /** Acts on a failed health check. Returns true when the client was replaced or stopped. */
  private onUnhealthy(client: WaClient, health: Exclude<Health, { ok: true }>, fromSend: boolean): boolean {
    if (client !== this.client) return true;
    if (health.kind === 'hard_stop') {
      this.halt(health.stop, health.state);
      return true;
    }
    if (health.kind === 'broken') {
      void this.restart('WhatsApp Web stopped responding', health.reason);
      return true;
    }
    // Not ready: a short blip (the page re-injecting, a network change) is normal; several checks in a row are not.
    // A send that finds it not ready does not count: only the watchdog's steady rhythm measures "stuck".
    if (fromSend) return false;
    this.notReadyStreak++;
    if (this.notReadyStreak >= (this.opts.stuckChecks ?? 3)) {
      void this.restart('WhatsApp Web stopped loading', health.reason);
      return true;
    }
    return false;
  }

  /** Routine restart in the quiet hour; updates the memory figure shown in Settings. Returns true when it restarted. */
  private async maintain(client: WaClient, gen: number): Promise<boolean> {
    if (this.opts.measureMemory) {
      const bytes = await this.opts.measureMemory(client).catch(() => null);
      if (gen !== this.generation || this.stopped) return true;
      // Memory moves a little all the time; only a change the owner would notice is pushed to the UI.
      if (bytes !== null && (this.memoryBytes === undefined || Math.abs(bytes - this.memoryBytes) >= 5 * 1_048_576)) {
        this.memoryBytes = bytes;
        this.setStatus(this.state);
      }
    }
    const policy = this.opts.maintenance?.();
    if (!policy) return false;
    const now = this.opts.clock.now();
    const reason = routineRestartReason(policy, {
      now,
      startedAt: this.clientStartedAt,
      memoryBytes: this.memoryBytes ?? null,
      lastRestartAt: this.lastRoutineRestartAt,
      sending: this.sending > 0,
    });
    if (!reason) return false;
    this.lastRoutineRestartAt = now;
    await this.restart(reason, 'routine restart');
    return true;
  }

  /**
   * Replaces the client at once, keeping the link to the phone (LocalAuth); later failures back off as usual. The
   * owner reads `reason`; the technical cause goes to the log.
   */
  private async restart(reason: string, cause: string): Promise<void> {
    if (this.stopped) return;
    console.error(`[whatsapp] restarting the client: ${reason} (${cause})`);
    if (this.state === 'connected') this.opts.store.setLastSeenAt(this.opts.clock.now());
    this.memoryBytes = undefined;
    this.setStatus('reconnecting', `${reason}. Lavka is restarting it; the link to your phone is kept.`);
    await this.teardown();
    if (!this.stopped) await this.connect();
  }

  /**
   * Another WhatsApp Web took over, the phone unlinked Lavka, or WhatsApp blocked the number: stop everything (the
   * outbox sends nothing while the channel is not connected), tell the owner, and wait for them. No reconnect loop.
   */
  private halt(stop: HardStop, state: string): void {
    this.clearTimer('reconnectTimer');
    void this.teardown();
    if (stop === 'unpaired') {
      this.setStatus('logged_out', 'WhatsApp on the phone logged Lavka out (Linked devices). Press “Connect again” to link it again.');
      this.opts.notify?.({
        kind: 'error',
        title: 'WhatsApp logged Lavka out',
        body: 'Lavka stopped sending on WhatsApp. Open Settings → Channels and link it again.',
      });
      return;
    }
    if (stop === 'conflict') {
      this.setStatus(
        'conflict',
        'WhatsApp Web was opened on another computer or browser, so WhatsApp disconnected Lavka. Lavka stopped sending on WhatsApp until you press “Use WhatsApp in Lavka”.',
      );
      this.opts.notify?.({
        kind: 'error',
        title: 'WhatsApp is open somewhere else',
        body: 'Lavka stopped sending on WhatsApp, including Auto replies and reminders. Open Settings → Channels to take it back.',
      });
      return;
    }
    this.setStatus(
      'blocked',
      `${describeReason(state)}. Lavka stopped all WhatsApp sending, including Auto replies and reminders. Check WhatsApp on your phone; connect again only once WhatsApp lifted the block.`,
    );
    this.opts.notify?.({
      kind: 'error',
      title: 'WhatsApp blocked this number',
      body: 'Lavka stopped all WhatsApp sending. Check WhatsApp on your phone.',
    });
  }

  /** A failure that a fresh client may fix: report it, drop the client, try again after a growing pause. */
  private fail(reason: string, notice?: ChannelStatus['notice']): void {
    void this.teardown();
    if (this.stopped) return;
    const delay = Math.min(this.opts.reconnectMaxMs ?? 5 * 60_000, (this.opts.reconnectBaseMs ?? 5_000) * 2 ** Math.min(this.attempt, 16));
    this.attempt++;
    this.setStatus('disconnected', `${reason}. Reconnecting in ${Math.ceil(delay / 1000)} s.`, notice);
    this.clearTimer('reconnectTimer');
    this.reconnectTimer = this.opts.clock.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private clearTimer(name: 'reconnectTimer' | 'readyTimer' | 'watchdogTimer' | 'pairingTimer'): void {
    if (this[name]) this.opts.clock.clearTimeout(this[name]);
    this[name] = null;
  }

  private async teardown(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.generation++;
    this.clearTimer('readyTimer');
    this.clearTimer('watchdogTimer');
    this.clearTimer('pairingTimer');
    if (!c) return;
    try {
      c.removeAllListeners();
      // A hung page can hang closing it too; then the browser process is ended, or its profile stays locked.
      await withDeadline(c.destroy(), this.probeTimeoutMs, this.opts.clock, 'Closing WhatsApp Web');
    } catch (err) {
      // The library destroys itself on some disconnects; a second destroy failing is expected then.
      console.error('[whatsapp] closing the client failed', messageOf(err));
      if (err instanceof Overdue) c.pupBrowser?.process()?.kill('SIGKILL');
    }
  }

  private async onIncoming(client: WaClient, m: WaMessage): Promise<void> {
    try {
      if (skipReason(m, this.opts.filter())) return;
      this.keepMediaMessage(m);
      const msg = await this.senders.toInbound(client, m);
      await this.burst.store(msg);
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
    const live = () => gen === this.generation && !this.stopped;
    this.backfilling = catchUp(client, {
      clock: this.opts.clock,
      store: this.opts.store,
      filter: this.opts.filter(),
      firstBackfillDays: this.opts.firstBackfillDays ?? 3,
      maxChats: this.opts.backfillMaxChats ?? 100,
      perChat: this.opts.backfillPerChat ?? 50,
      ownJid: client.info?.wid?._serialized,
      file: async (m) => {
        this.keepMediaMessage(m);
        return !!this.sink?.receive(await this.senders.toInbound(client, m, m.fromMe)).stored;
      },
      fileMany: async (ms) => {
        const batch: InboundMessage[] = [];
        for (const m of ms) {
          this.keepMediaMessage(m);
          batch.push(await this.senders.toInbound(client, m, m.fromMe));
        }
        const sink = this.sink;
        if (!sink) return 0;
        const results = sink.receiveMany ? sink.receiveMany(batch) : batch.map((b) => sink.receive(b));
        return results.filter((r) => r.stored).length;
      },
      live,
      progress: (detail) => {
        if (live()) this.setStatus('connected', detail);
      },
    })
      .catch((err: unknown) => {
        console.error('[whatsapp] catch-up failed', messageOf(err));
        return { chats: 0, stored: 0 };
      })
      .finally(() => {
        this.backfilling = null;
      });
    return this.backfilling;
  }

  /**
   * The outcome of a failed sendMessage is unknown unless WhatsApp named the reason: the page may have taken the
   * message before it failed. Such errors start with UNCONFIRMED, so the outbox checks the chat before sending again.
   */
  private sendError(client: WaClient, err: unknown): ChannelSendError {
    if (err instanceof ChannelSendError) return err;
    const text = messageOf(err);
    if (NOT_ON_WHATSAPP.test(text)) return new ChannelSendError('This number does not use WhatsApp', true);
    if (BROKEN_PAGE.test(text)) {
      if (client === this.client) void this.restart('WhatsApp Web stopped responding during a send', text);
      return new ChannelSendError(
        `${UNCONFIRMED} WhatsApp Web stopped responding during the send; Lavka is reconnecting and checks the chat before sending again`,
        false,
      );
    }
    return new ChannelSendError(`${UNCONFIRMED} WhatsApp: ${text}`, false);
  }

  private setStatus(state: ChannelState, detail?: string, notice?: ChannelStatus['notice']): void {
    this.state = state;
    // The "WhatsApp Web changed" notice stays up through the next attempts until one of them reaches ready.
    const starting = state === 'starting' || state === 'disconnected' || state === 'reconnecting' || state === 'waiting_for_scan';
    if (!notice && starting && this.failedStarts >= (this.opts.failedStartsBeforeNotice ?? 3)) notice = 'web_changed';
    const account = state === 'connected' || state === 'disconnected' || state === 'reconnecting' ? this.account : undefined;
    const scan = state === 'waiting_for_scan' ? { ...(this.qr ?? {}), ...(this.pairing ? { pairing: this.pairing } : {}) } : {};
    const memory = this.memoryBytes !== undefined && this.client ? { memoryBytes: this.memoryBytes } : {};
    this.sink?.status({
      state,
      ...(detail ? { detail } : {}),
      ...(account ? { account } : {}),
      ...(notice ? { notice } : {}),
      ...scan,
      ...memory,
    });
  }
}
