// A test double of whatsapp-web.js's Client: the subset Lavka uses (WaClient, derived from the library's shipped
// types), with a phone the test controls — show a QR, scan it or type a pairing code, receive messages (also "while
// offline", for the catch-up), send receipts, drop the connection or log out from the phone — and the ways WhatsApp
// Web automation breaks: never ready, ready late, a page that crashes mid-send, getState() null or CONFLICT,
// a hung close, and the browser's memory figure.
import { EventEmitter } from 'node:events';
import type { MessageAck, MessageMedia, MessageTypes, WAState } from 'whatsapp-web.js';
import type { Clock } from '../../main/core/clock';
import type {
  WaBrowser,
  WaChat,
  WaClient,
  WaClientFactory,
  WaClientOptions,
  WaContact,
  WaEvents,
  WaMedia,
  WaMessage,
  WaPage,
  WaSendOptions,
} from '../../main/core/channels/whatsapp/client';
import type { MemoryProbe } from '../../main/core/channels/whatsapp/memory';

export const OWN_NUMBER = '4915200000001';

export interface FakeMessageInput {
  /** Sender's chat id, e.g. "4915112345678@c.us", "123@g.us", "status@broadcast", "98765@lid". */
  from: string;
  body?: string;
  type?: string;
  id?: string;
  timestamp?: number;
  pushname?: string;
  /** In a group: the member who wrote. */
  author?: string;
  location?: { latitude: string; longitude: string; name?: string; address?: string; description?: string };
  vCards?: string[];
  /** The file behind a media message, as downloadMedia() returns it (data in base64). 'gone': WhatsApp no longer has it. */
  media?: WaMedia | 'gone';
  /** downloadMedia() rejects this many times first (a flaky download). */
  failDownloads?: number;
}

let seq = 0;

/** Builds a message shaped like the library's (the fields WaMessage picks). */
export function fakeMessage(input: FakeMessageInput & { fromMe?: boolean; to?: string; ack?: MessageAck }): WaMessage {
  const fromMe = input.fromMe ?? false;
  const remote = fromMe ? (input.to ?? input.from) : input.from;
  const id = input.id ?? `3EB0${(++seq).toString(16).toUpperCase().padStart(12, '0')}`;
  const contact: WaContact = {
    id: { server: remote.split('@')[1] ?? 'c.us', user: remote.split('@')[0], _serialized: remote },
    number: remote.split('@')[0],
    pushname: input.pushname ?? '',
    name: undefined,
    isMe: fromMe,
  };
  return {
    id: { fromMe, remote, id, _serialized: `${fromMe}_${remote}_${id}` },
    from: fromMe ? `${OWN_NUMBER}@c.us` : input.from,
    to: fromMe ? remote : `${OWN_NUMBER}@c.us`,
    author: input.author,
    fromMe,
    type: (input.type ?? 'chat') as MessageTypes,
    body: input.body ?? '',
    timestamp: input.timestamp ?? Math.floor(Date.now() / 1000),
    isStatus: input.from === 'status@broadcast',
    broadcast: input.from.endsWith('@broadcast'),
    hasMedia: !['chat', 'location', 'vcard', 'multi_vcard'].includes(input.type ?? 'chat'),
    ack: input.ack ?? 0,
    location: input.location as WaMessage['location'],
    vCards: input.vCards ?? [],
    getContact: async () => contact,
    downloadMedia: async () => {
      downloads.count++;
      if (input.failDownloads && input.failDownloads > 0) {
        input.failDownloads--;
        throw new Error('Evaluation failed: Error: Failed to fetch');
      }
      return input.media === 'gone' ? undefined : input.media;
    },
  };
}

/** How many times downloadMedia() was called, over every message (tests read it to see no download happened). */
export const downloads = { count: 0 };

class FakeChat implements WaChat {
  readonly messages: WaMessage[] = [];
  constructor(
    readonly id: WaChat['id'],
    readonly isGroup: boolean,
    readonly name: string,
  ) {}

  get timestamp(): number {
    return this.messages.reduce((t, m) => Math.max(t, m.timestamp), 0);
  }

  async fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<WaMessage[]> {
    const list = this.messages
      .filter((m) => options.fromMe === undefined || m.fromMe === options.fromMe)
      .sort((a, b) => a.timestamp - b.timestamp);
    return options.limit ? list.slice(-options.limit) : list;
  }
}

/** The phone-side world shared by every client the factory makes (chats persist across reconnects). */
export class FakePhone {
  readonly chats = new Map<string, FakeChat>();
  readonly lids = new Map<string, string>();
  /** Whether a linked session exists in this data folder (LocalAuth): then initialize() skips the QR. */
  linked = false;
  /** Numbers (digits, no "+") that are not on WhatsApp: getNumberId answers null for them; every other number is. */
  readonly notOnWhatsApp = new Set<string>();
  /** Numbers Lavka asked getNumberId about, in order. */
  readonly numberLookups: string[] = [];

  chat(jid: string, name = jid): FakeChat {
    let c = this.chats.get(jid);
    if (!c) {
      const [user, server] = jid.split('@');
      c = new FakeChat({ server: server ?? 'c.us', user, _serialized: jid }, jid.endsWith('@g.us'), name);
      this.chats.set(jid, c);
    }
    return c;
  }

  record(m: WaMessage): void {
    this.chat(m.id.remote).messages.push(m);
  }
}

/** How a client's start goes: as usual, never ready (a WhatsApp Web update broke injection), ready only after a delay on
 * the test's clock, or initialize() failing the way the library does when the page never loads ("auth timeout"). */
export type StartPlan = 'normal' | 'never_ready' | 'auth_timeout' | { readyAfterMs: number };

export const PAGE_CRASH = 'Execution context was destroyed, most likely because of a navigation.';
export const DETACHED_FRAME = "Attempted to use detached Frame 'ABC123'.";

/** The puppeteer page: alive, or broken (every evaluation throws, like a crashed or detached page). */
class FakePage implements WaPage {
  closed = false;
  brokenWith: string | null = null;
  /** What `typeof window.WWebJS` evaluates to: 'undefined' after a reload that lost the library's helpers. */
  helpers = 'object';
  evaluations = 0;

  async evaluate(expression: string): Promise<unknown> {
    this.evaluations++;
    if (this.brokenWith) throw new Error(`Evaluation failed: ${this.brokenWith}`);
    if (expression !== 'typeof window.WWebJS') throw new Error(`the double does not know ${expression}`);
    return this.helpers;
  }

  isClosed(): boolean {
    return this.closed;
  }
}

let pids = 40_000;

export class FakeWhatsAppClient extends EventEmitter implements WaClient {
  info: WaClient['info'] = undefined;
  readonly pupPage = new FakePage();
  readonly pid = ++pids;
  killed = false;
  readonly pupBrowser: WaBrowser = {
    process: () => ({
      pid: this.pid,
      kill: () => {
        this.killed = true;
        return true;
      },
    }),
  };
  readonly sent: { chatId: string; text: string; message: WaMessage; media?: MessageMedia; options?: WaSendOptions }[] = [];
  initialized = false;
  destroyed = false;
  /** Scripted send behaviour: fail with this error, or hang until released. */
  sendFailure: Error | null = null;
  hangSends = false;
  /** The page dies during the next send: before WhatsApp took the message, or after it did. */
  crashNextSend: { when: 'before_accept' | 'after_accept'; error: string } | null = null;
  /** What getState() answers (null: the page has no WhatsApp store); hangState: it never answers. */
  waState: WAState | null = 'CONNECTED' as WAState;
  hangState = false;
  hangDestroy = false;
  /** Browser memory figure, in bytes, as the injected probe reads it. */
  memoryBytes = 300 * 1_048_576;
  readonly pairingRequests: { phone: string; showNotification?: boolean; intervalMs?: number }[] = [];
  pairingCancelled = 0;
  private currentCode: string | null = null;

  constructor(
    readonly phone: FakePhone,
    readonly options: WaClientOptions,
    private readonly plan: StartPlan = 'normal',
    private readonly clock?: Clock,
  ) {
    super();
  }

  /** Type-checked emit: the payloads Lavka's listeners receive. */
  emitEvent<E extends keyof WaEvents>(event: E, ...args: WaEvents[E]): void {
    this.emit(event, ...args);
  }

  async initialize(): Promise<void> {
    this.initialized = true;
    // The library throws a bare string here, not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- whatsapp-web.js rejects with this bare string; the double does the same
    if (this.plan === 'auth_timeout') throw 'auth timeout';
    // As the library does: a saved session goes straight to authenticated/ready; otherwise a QR is shown.
    queueMicrotask(() => {
      if (this.destroyed) return;
      if (this.phone.linked) this.becomeReady();
      else this.emitEvent('qr', `2@fake-qr-${++seq},abc=,def=`);
    });
  }

  /** The owner types the shown pairing code on the phone. */
  typeCode(code: string): void {
    if (code !== this.currentCode) throw new Error(`WhatsApp rejects the code ${code}`);
    this.scan();
  }

  /** The owner scans the QR with the phone. */
  scan(): void {
    this.phone.linked = true;
    this.becomeReady();
  }

  becomeReady(): void {
    this.info = { wid: { server: 'c.us', user: OWN_NUMBER, _serialized: `${OWN_NUMBER}@c.us` }, pushname: 'Test Bakery' };
    this.emitEvent('authenticated');
    if (this.plan === 'never_ready') return;
    if (typeof this.plan === 'object') {
      if (!this.clock) throw new Error('a delayed ready needs the clock: new FakeWhatsApp(clock)');
      this.clock.setTimeout(() => {
        if (!this.destroyed) this.emitEvent('ready');
      }, this.plan.readyAfterMs);
      return;
    }
    this.emitEvent('ready');
  }

  /** WhatsApp Web reports how far it got loading the chats after linking. */
  loadingProgress(percent: number): void {
    this.emitEvent('loading_screen', String(percent), 'WhatsApp');
  }

  /** The page crashes (or its frame detaches) while nothing is being sent. */
  crashPage(error = PAGE_CRASH): void {
    this.pupPage.brokenWith = error;
  }

  /** A customer writes while Lavka is listening. */
  receive(input: FakeMessageInput): WaMessage {
    const m = fakeMessage(input);
    this.phone.record(m);
    this.emitEvent('message_create', m);
    this.emitEvent('message', m);
    return m;
  }

  /** A receipt for one of our messages. */
  ack(externalId: string, ack: MessageAck): void {
    const m = this.sent.find((s) => s.message.id._serialized === externalId)?.message;
    if (!m) throw new Error(`no sent message ${externalId}`);
    this.emitEvent('message_ack', { ...m, ack }, ack);
  }

  disconnect(reason: string): void {
    this.emitEvent('disconnected', reason);
  }

  logoutFromPhone(): void {
    this.phone.linked = false;
    this.emitEvent('disconnected', 'LOGOUT');
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.pupPage.closed = true;
    if (this.hangDestroy) return new Promise(() => {});
  }

  async logout(): Promise<void> {
    this.phone.linked = false;
    this.destroyed = true;
  }

  /** The owner types a message in WhatsApp on the phone (message_create with fromMe, no `message` event). */
  ownerTypes(to: string, body: string): WaMessage {
    const m = fakeMessage({ from: to, fromMe: true, to, body, timestamp: this.nowSeconds() });
    this.phone.record(m);
    this.emitEvent('message_create', m);
    return m;
  }

  async getMessageById(messageId: string): Promise<WaMessage | null> {
    for (const c of this.phone.chats.values()) {
      const m = c.messages.find((x) => x.id._serialized === messageId);
      if (m) return m;
    }
    return null;
  }

  async sendMessage(chatId: string, content: string | MessageMedia, options?: WaSendOptions): Promise<WaMessage | null> {
    const media = typeof content === 'string' ? undefined : content;
    const text = typeof content === 'string' ? content : (options?.caption ?? '');
    if (this.destroyed) throw new Error('Protocol error (Runtime.callFunctionOn): Session closed.');
    if (this.hangSends) return new Promise(() => {});
    if (this.sendFailure) throw this.sendFailure;
    if (this.pupPage.brokenWith) throw new Error(`Evaluation failed: ${this.pupPage.brokenWith}`);
    const crash = this.crashNextSend;
    this.crashNextSend = null;
    if (crash?.when === 'before_accept') {
      this.crashPage(crash.error);
      throw new Error(crash.error);
    }
    const type = !media
      ? 'chat'
      : options?.sendMediaAsDocument
        ? 'document'
        : options?.sendAudioAsVoice
          ? 'ptt'
          : media.mimetype.split('/')[0] === 'image'
            ? 'image'
            : 'document';
    const m = fakeMessage({
      from: chatId,
      fromMe: true,
      to: chatId,
      body: text,
      type,
      ack: 0,
      timestamp: this.nowSeconds(),
      ...(media ? { media } : {}),
    });
    this.phone.record(m);
    this.sent.push({ chatId, text, message: m, ...(media ? { media, options } : {}) });
    if (crash?.when === 'after_accept') {
      // WhatsApp has the message, but the page died before the library could hand it back.
      this.crashPage(crash.error);
      throw new Error(crash.error);
    }
    this.emitEvent('message_create', m);
    return m;
  }

  async getState(): Promise<WAState | null> {
    if (this.hangState) return new Promise(() => {});
    if (this.pupPage.brokenWith) throw new Error(`Evaluation failed: ${this.pupPage.brokenWith}`);
    return this.waState;
  }

  async requestPairingCode(phoneNumber: string, showNotification?: boolean, intervalMs?: number): Promise<string> {
    if (this.phone.linked || !this.initialized) throw new Error('pairing is only possible while unpaired');
    this.pairingRequests.push({ phone: phoneNumber, showNotification, intervalMs });
    this.currentCode = `K${this.pairingRequests.length}QW7XZ${this.pairingRequests.length}`.slice(0, 8);
    return this.currentCode;
  }

  async cancelPairingCode(): Promise<void> {
    this.pairingCancelled++;
    this.currentCode = null;
  }

  private nowSeconds(): number {
    return Math.floor((this.clock?.now() ?? Date.now()) / 1000);
  }

  async getChats(): Promise<WaChat[]> {
    return [...this.phone.chats.values()];
  }

  async getChatById(chatId: string): Promise<WaChat> {
    return this.phone.chat(chatId);
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    return userIds.map((lid) => ({ lid, pn: this.phone.lids.get(lid) ?? '' }));
  }

  /** As the library: the number's digits (an "@c.us" suffix is accepted), null when it is not on WhatsApp. */
  async getNumberId(number: string): Promise<{ server: string; user: string; _serialized: string } | null> {
    const user = number.replace(/@c\.us$/, '');
    this.phone.numberLookups.push(user);
    if (this.pupPage.brokenWith) throw new Error(this.pupPage.brokenWith);
    if (this.phone.notOnWhatsApp.has(user)) return null;
    return { server: 'c.us', user, _serialized: `${user}@c.us` };
  }
}

/** A factory for the app: every (re)connect makes a new client on the same phone; `latest` is the current one. */
export class FakeWhatsApp {
  readonly phone = new FakePhone();
  readonly clients: FakeWhatsAppClient[] = [];
  /** Set to make creating a client fail (e.g. the browser cannot start). */
  createFailure: Error | null = null;
  /** How the next clients start, one plan per client, in order; 'normal' once the list is used up. */
  readonly starts: StartPlan[] = [];

  /** The clock is needed only for plans that wait ("ready after a delay") and for message timestamps. */
  constructor(private readonly clock?: Clock) {}

  readonly factory: WaClientFactory = async (options) => {
    if (this.createFailure) throw this.createFailure;
    const c = new FakeWhatsAppClient(this.phone, options, this.starts.shift() ?? 'normal', this.clock);
    this.clients.push(c);
    return c;
  };

  /** The memory probe for the app: reads each client's scripted figure, as the real one reads the browser's. */
  readonly memory: MemoryProbe = async (client) => (client instanceof FakeWhatsAppClient ? client.memoryBytes : null);

  /** How many copies of `text` WhatsApp has in a chat, over every client: the "nothing lost or doubled" count. */
  copies(chatId: string, text: string): number {
    return this.phone.chat(chatId).messages.filter((m) => m.fromMe && m.body === text).length;
  }

  get latest(): FakeWhatsAppClient {
    const c = this.clients.at(-1);
    if (!c) throw new Error('no WhatsApp client was created yet');
    return c;
  }

  /** A customer's message that arrived while Lavka was closed: it is on the phone, no event is emitted. */
  offlineMessage(input: FakeMessageInput): WaMessage {
    const m = fakeMessage(input);
    this.phone.record(m);
    return m;
  }
}
