// The part of whatsapp-web.js's Client that Lavka uses, as an interface built from the library's shipped types,
// plus the real factory. Tests pass a double implementing WaClient; `fitsShippedClient` below makes the compiler
// prove that the real Client satisfies the same interface, so the double and the library cannot drift apart.
import type {
  Chat,
  Client,
  ClientInfo,
  ClientOptions,
  Contact,
  ContactId,
  Message,
  MessageAck,
  MessageMedia,
  MessageSearchOptions,
  MessageSendOptions,
  WAState,
} from 'whatsapp-web.js';

export type WaContact = Pick<Contact, 'id' | 'number' | 'pushname' | 'name' | 'isMe'>;

export type WaMessage = Pick<
  Message,
  | 'id'
  | 'from'
  | 'to'
  | 'author'
  | 'fromMe'
  | 'type'
  | 'body'
  | 'timestamp'
  | 'isStatus'
  | 'broadcast'
  | 'hasMedia'
  | 'ack'
  | 'location'
  | 'vCards'
> & {
  getContact(): Promise<WaContact>;
  /** The photo/voice note/file of a media message; undefined when WhatsApp no longer has it. */
  downloadMedia(): Promise<WaMedia | undefined>;
};

/** whatsapp-web.js's MessageMedia: the data is base64. */
export type WaMedia = Pick<MessageMedia, 'mimetype' | 'data' | 'filename' | 'filesize'>;

/** The send options Lavka uses with a MessageMedia. */
export type WaSendOptions = Pick<MessageSendOptions, 'caption' | 'sendAudioAsVoice' | 'sendMediaAsDocument'>;

export type WaChat = Pick<Chat, 'id' | 'isGroup' | 'name' | 'timestamp'> & {
  fetchMessages(options: MessageSearchOptions): Promise<WaMessage[]>;
};

/** Payloads of the events Lavka listens to, as the library documents them. */
export interface WaEvents {
  qr: [qr: string];
  authenticated: [];
  /** Progress of loading chats after linking (the library passes the percentage as a string). */
  loading_screen: [percent: string, message: string];
  auth_failure: [message: string];
  ready: [];
  /** A pairing code to type on the phone (after requestPairingCode; the library renews it every intervalMs). */
  code: [code: string];
  message: [message: WaMessage];
  message_create: [message: WaMessage];
  message_ack: [message: WaMessage, ack: MessageAck];
  /** 'LOGOUT' when the phone unlinked Lavka; a WAState or a text otherwise. */
  disconnected: [reason: WAState | 'LOGOUT' | (string & {})];
}

/** The puppeteer page behind the client: only what the watchdog needs (a cheap evaluation). */
export interface WaPage {
  evaluate(expression: string): Promise<unknown>;
  isClosed(): boolean;
}

/** The puppeteer browser behind the client: its process, to measure its memory and to end it when closing hangs. */
export interface WaBrowser {
  process(): { pid?: number; kill(signal?: NodeJS.Signals): boolean } | null;
}

export interface WaClient {
  /** Set once the client is ready: who we are. */
  info: Pick<ClientInfo, 'wid' | 'pushname'> | undefined;
  /** Set by initialize(); null/undefined before the browser started or after it closed. */
  pupPage?: WaPage | null;
  pupBrowser?: WaBrowser | null;
  on<E extends keyof WaEvents>(event: E, listener: (...args: WaEvents[E]) => void): unknown;
  removeAllListeners(): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  logout(): Promise<void>;
  sendMessage(chatId: string, content: string | MessageMedia, options?: WaSendOptions): Promise<WaMessage | null>;
  /** A message by its serialized id (to download the media of one Lavka saw before a restart). */
  getMessageById(messageId: string): Promise<WaMessage | null | undefined>;
  getChats(): Promise<WaChat[]>;
  getChatById(chatId: string): Promise<WaChat>;
  /** Resolves linked ids (…@lid, which hide the number) to phone ids (…@c.us). */
  getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]>;
  /** WhatsApp Web's connection state; the library answers null while the page has no WhatsApp store (not loaded). */
  getState(): Promise<WAState | null>;
  /** Asks WhatsApp for an 8-character code to type on the phone instead of scanning the QR; renewed every intervalMs. */
  requestPairingCode(phoneNumber: string, showNotification?: boolean, intervalMs?: number): Promise<string>;
  /** Back to the QR code after a pairing code was requested. */
  cancelPairingCode(): Promise<void>;
  /** WhatsApp's id for a phone number (digits, no "+"), or null when the number is not on WhatsApp. */
  getNumberId(number: string): Promise<Pick<ContactId, 'server' | 'user' | '_serialized'> | null>;
}

/** Compile-time check only: the library's Client must be usable wherever Lavka expects a WaClient. */
export const fitsShippedClient = (c: Client): WaClient => c;

export interface WaClientOptions {
  browserPath: string;
  /** LocalAuth's dataPath: the linked session lives here, inside Lavka's data folder. */
  sessionDir: string;
  /** Where WhatsApp Web's page version is cached (the library defaults to the working directory). */
  cacheDir: string;
  /** How long the library waits for WhatsApp Web's page to load before initialize() fails. */
  authTimeoutMs: number;
  /** Which WhatsApp Web version to run: the library's local cache (default), or a pinned version fetched from remotePath. */
  webVersion: WebVersionSource;
}

export type WebVersionSource = { kind: 'local' } | { kind: 'pinned'; version: string; remotePath: string };

/** A public archive of WhatsApp Web builds that whatsapp-web.js's RemoteWebCache can load a pinned version from. */
export const DEFAULT_WEB_VERSION_REMOTE = 'https://raw.githubusercontent.com/wppconnect-team/wa-version/main/html/{version}.html';

export type WaClientFactory = (o: WaClientOptions) => Promise<WaClient>;

export const SESSION_CLIENT_ID = 'lavka';

/** The real client: Chrome/Chromium driven by puppeteer, session kept with LocalAuth. Loaded only when used. */
export const createRealWhatsAppClient: WaClientFactory = async (o) => {
  // Only Client is a real ESM named export of this CommonJS package; everything else comes from the default export.
  const mod = await import('whatsapp-web.js');
  const { LocalAuth } = mod.default;
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return new mod.Client({
    authStrategy: new LocalAuth({ clientId: SESSION_CLIENT_ID, dataPath: o.sessionDir }),
    ...webVersionOptions(o),
    authTimeoutMs: o.authTimeoutMs,
    // Another WhatsApp Web taking over is the owner's decision; Lavka never grabs the session back by itself.
    takeoverOnConflict: false,
    puppeteer: {
      executablePath: o.browserPath,
      headless: true,
      // Chrome refuses to start as root without this; a desktop user is never root.
      args: ['--no-first-run', '--disable-gpu', ...(runningAsRoot ? ['--no-sandbox'] : [])],
    },
  });
};

/** The library's web-version options for a source: a pinned version must load exactly (strict), or start-up fails loudly. */
export function webVersionOptions(
  o: Pick<WaClientOptions, 'cacheDir' | 'webVersion'>,
): Pick<ClientOptions, 'webVersion' | 'webVersionCache'> {
  if (o.webVersion.kind === 'pinned') {
    return { webVersion: o.webVersion.version, webVersionCache: { type: 'remote', remotePath: o.webVersion.remotePath, strict: true } };
  }
  return { webVersionCache: { type: 'local', path: o.cacheDir } };
}
