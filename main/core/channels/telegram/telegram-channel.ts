// The Telegram channel: a bot (token from @BotFather) driven by grammY. Receives by long polling getUpdates,
// sends with sendMessage, honours 429 retry_after, and keeps trying through 5xx answers and network drops.
// The bot token is a secret: it never appears in a status, an error message or a log line.
// The Bot API has no idempotency key: if Lavka dies after Telegram took a reply and before the outbox recorded the
// answer, that one reply goes out again after the restart (one per crash at most; tests/e2e/channels-crash.spec.ts).
// Over 400 lines because polling, store-then-confirm and sending share one bot's state; the stateless token checks and
// error texts live in bot-texts.ts.
import { Bot, BotError, GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import {
  DEFAULT_TELEGRAM_API_ROOT,
  TELEGRAM_MAX_CAPTION,
  TELEGRAM_MAX_TEXT,
  botInfoOf,
  capitalize,
  describeError,
  explainRefusal,
  isAuthError,
  redact,
  splitText,
  type TelegramBotInfo,
} from './bot-texts';

export {
  DEFAULT_TELEGRAM_API_ROOT,
  TELEGRAM_MAX_CAPTION,
  TELEGRAM_MAX_TEXT,
  TelegramCheckError,
  checkTelegramToken,
  maskToken,
  splitText,
  type TelegramBotInfo,
} from './bot-texts';
import type { Clock } from '../../clock';
import { ChannelSendError, type Channel, type ChannelSink, type SendRequest } from '../channel';
import { TELEGRAM, telegramInbound, telegramMessageId } from './inbound';
import type { FetchedMedia, OutgoingMedia } from '../../media/types';
import type { InboundMessage } from '../channel';
import { BUSINESS_REFUSALS, BusinessConnections, memoryBusinessStore, type BusinessStore, type ReplyRoute } from './business';

export interface TelegramOptions {
  token: string;
  apiRoot?: string;
  clock: Clock;
  /** Seconds one getUpdates waits for news (long polling). */
  pollTimeoutSeconds?: number;
  /** Reconnect backoff after a failed call: doubles from baseMs up to maxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Where Telegram Business connections and chats are remembered between runs. */
  business?: BusinessStore;
}

export class TelegramChannel implements Channel {
  readonly id = TELEGRAM;
  private readonly bot: Bot;
  private sink: ChannelSink | null = null;
  private stopped = true;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private offset = 0;
  private failures = 0;
  /** Consecutive failures to store an update: while > 0 the channel shows it cannot save, and nothing is confirmed. */
  private storeFailures = 0;
  private up = false;
  private info: TelegramBotInfo | null = null;
  private wake: (() => void) | null = null;
  readonly business: BusinessConnections;
  /** The business connection the current send goes through (empty: the bot's own chat). Sends run one at a time. */
  private via: { business_connection_id?: string } = {};
  private readonly pollTimeout: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(private readonly opts: TelegramOptions) {
    this.pollTimeout = opts.pollTimeoutSeconds ?? 25;
    this.retryBaseMs = opts.retryBaseMs ?? 1_000;
    this.retryMaxMs = opts.retryMaxMs ?? 60_000;
    this.bot = new Bot(opts.token, {
      // A long poll must outlive its own timeout; other calls rarely take more than a few seconds.
      client: { apiRoot: opts.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT, timeoutSeconds: this.pollTimeout + 15 },
    });
    this.business = new BusinessConnections(opts.business ?? memoryBusinessStore());
    this.bot.on('message', (ctx) => this.onMessage(ctx.message));
    this.bot.on('business_connection', (ctx) => void this.business.onConnection(ctx.businessConnection));
    this.bot.on('business_message', (ctx) => this.onBusinessMessage(ctx.businessMessage));
    this.bot.on('edited_business_message', (ctx) => this.onBusinessEdit(ctx.editedBusinessMessage));
    this.bot.on('deleted_business_messages', (ctx) => {
      const d = ctx.deletedBusinessMessages;
      for (const id of d.message_ids) this.sink?.changed?.(telegramMessageId(d.chat.id, id), { deleted: true });
    });
  }

  get botInfo(): TelegramBotInfo | null {
    return this.info;
  }

  async start(sink: ChannelSink): Promise<void> {
    this.sink = sink;
    this.stopped = false;
    this.abort = new AbortController();
    sink.status({ state: 'starting', detail: 'Connecting to Telegram…' });
    // Connecting may take long (Telegram unreachable); the hub must not wait for it.
    this.loop = this.run().catch((err) => {
      console.error('[telegram] polling stopped unexpectedly', redact(String(err), this.opts.token));
      this.status('error', `Telegram stopped: ${describeError(err, this.opts.token)}`);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.sink = null;
  }

  async send(req: SendRequest): Promise<{ externalId: string }> {
    if (!/^-?\d{1,20}$/.test(req.address) || !Number.isSafeInteger(Number(req.address))) {
      throw new ChannelSendError(`"${req.address}" is not a Telegram chat`, true);
    }
    const chatId = Number(req.address);
    const media = req.media;
    const captioned = !!media && req.text.length <= TELEGRAM_MAX_CAPTION;
    const texts = captioned || !req.text.trim() ? [] : splitText(req.text, TELEGRAM_MAX_TEXT);
    // A file (with the text as its caption when it fits), then the text in as many messages as it needs.
    const parts: (() => Promise<{ message_id: number }>)[] = [
      ...(media ? [() => this.sendFile(chatId, media, captioned ? req.text : '')] : []),
      ...texts.map((t) => () => this.bot.api.sendMessage(chatId, t, this.via)),
    ];
    // The outbox remembers the confirmed parts (across retries and crashes), so this continues at the first part
    // Telegram has not confirmed.
    let first = req.firstExternalId && /^\d+$/.test(req.firstExternalId) ? Number(req.firstExternalId) : null;
    const start = first === null ? 0 : Math.min(req.partsSent ?? 0, parts.length);
    try {
      const route = this.business.route(chatId, this.opts.clock.now());
      if ('refused' in route) throw new ChannelSendError(BUSINESS_REFUSALS[route.refused], true);
      this.via = route.via === 'business' ? { business_connection_id: route.connectionId } : {};
      for (let i = start; i < parts.length; i++) {
        const sent = await parts[i]();
        first ??= sent.message_id;
        req.onPart?.(i + 1, String(first));
      }
    } catch (err) {
      throw this.sendError(err);
    }
    if (!this.up && this.info) this.connected();
    if (first === null) throw new ChannelSendError('Telegram did not confirm the message', false);
    return { externalId: telegramMessageId(chatId, first) };
  }

  /** Downloads a file a customer sent (getFile, then the file route). Bots may download files up to 20 MB. */
  async fetchMedia(source: string): Promise<FetchedMedia> {
    let path: string | undefined;
    try {
      path = (await this.bot.api.getFile(source)).file_path;
    } catch (err) {
      throw new Error(describeError(err, this.opts.token));
    }
    if (!path) throw new Error('Telegram did not give a download path (files over 20 MB cannot be downloaded by bots)');
    const root = this.opts.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT;
    let res: Response;
    try {
      res = await fetch(`${root}/file/bot${this.opts.token}/${path.split('/').map(encodeURIComponent).join('/')}`);
    } catch (err) {
      throw new Error(describeError(err, this.opts.token));
    }
    if (!res.ok) throw new Error(`Telegram answered ${res.status} for the file`);
    const name = path.split('/').at(-1);
    return { data: new Uint8Array(await res.arrayBuffer()), ...(name ? { fileName: name } : {}) };
  }

  /** A photo, voice note, audio, video or document, uploaded as multipart from the media folder. */
  private sendFile(chatId: number, media: OutgoingMedia, caption: string): Promise<{ message_id: number }> {
    const file = new InputFile(media.path, media.fileName);
    const other = { ...this.via, ...(caption ? { caption } : {}) };
    switch (media.kind) {
      case 'image':
        // Telegram recompresses photos and refuses some (GIF animations, huge sides): those go as documents.
        return media.mime === 'image/gif' ? this.bot.api.sendAnimation(chatId, file, other) : this.bot.api.sendPhoto(chatId, file, other);
      case 'voice':
        return this.bot.api.sendVoice(chatId, file, other);
      case 'audio':
        return this.bot.api.sendAudio(chatId, file, other);
      case 'video':
        return this.bot.api.sendVideo(chatId, file, other);
      default:
        return this.bot.api.sendDocument(chatId, file, other);
    }
  }

  private async run(): Promise<void> {
    // 1. Who are we? (getMe; a wrong token ends here.)
    while (!this.stopped && !this.info) {
      try {
        await this.bot.init(this.signal());
        this.info = botInfoOf(this.bot.botInfo);
      } catch (err) {
        if (this.stopped) return;
        if (isAuthError(err)) {
          this.status('error', 'Telegram did not accept the bot token. Paste it again from @BotFather in Settings → Channels.');
          return;
        }
        await this.backoff(err);
      }
    }
    // 2. A webhook set by another program makes getUpdates fail; long polling needs it gone.
    let webhookCleared = false;
    while (!this.stopped && !webhookCleared) {
      try {
        await this.bot.api.deleteWebhook({ drop_pending_updates: false }, this.signal());
        webhookCleared = true;
      } catch (err) {
        if (this.stopped) return;
        if (isAuthError(err))
          return this.status('error', 'Telegram no longer accepts the bot token. Paste a new one in Settings → Channels.');
        await this.backoff(err);
      }
    }
    if (!this.stopped) this.connected();
    // 3. Long polling. An update is confirmed (offset moves past it) only after it is stored, so a crash between
    //    the two makes Telegram deliver it again, and the inbox's (channel, message id) key drops the repeat.
    while (!this.stopped) {
      let updates: Update[];
      try {
        // After a failure, ask without waiting first: a long poll would keep "disconnected" on screen for its
        // whole timeout although Telegram is back.
        updates = await this.bot.api.getUpdates(
          { offset: this.offset, timeout: this.up ? this.pollTimeout : 0, allowed_updates: ALLOWED_UPDATES },
          this.signal(),
        );
      } catch (err) {
        if (this.stopped) return;
        if (isAuthError(err))
          return this.status('error', 'Telegram no longer accepts the bot token. Paste a new one in Settings → Channels.');
        if (err instanceof GrammyError && err.error_code === 409) {
          this.status('disconnected', 'Another program is reading this bot’s messages (a webhook or a second Lavka). Lavka keeps trying.');
          await this.sleep(this.delay());
          continue;
        }
        await this.backoff(err);
        continue;
      }
      this.failures = 0;
      if (!this.up && this.storeFailures === 0) this.connected();
      const list = (Array.isArray(updates) ? updates : []).filter((u) => !!u && typeof u.update_id === 'number');
      for (let i = 0; i < list.length;) {
        if (this.stopped) return;
        // Customer messages that came in one getUpdates answer are stored in one transaction and confirmed together.
        const run = list[i].update_id > this.oneByOneThrough ? messageRun(list, i) : 1;
        if (run > 1) {
          const handled = await this.handleMany(list.slice(i, i + run));
          if (handled === 'done') {
            this.confirmed(list[i + run - 1]);
            i += run;
            continue;
          }
          if (handled === 'busy') {
            await this.storeBackoff();
            break;
          }
          // One of them may be at fault: they are stored one by one, so the others get through and it alone is retried.
          this.oneByOneThrough = list[i + run - 1].update_id;
        }
        const u = list[i];
        const handled = await this.handle(u);
        if (handled !== 'done') {
          // Not stored: the offset stays, so Telegram keeps this update and sends it again with the next getUpdates,
          // after a backoff; nothing after it is confirmed either. A database that is busy, locked, full or failing
          // is waited for as long as it takes. Any other error may be this update's own fault: after a few tries it
          // is skipped (logged), so one odd update cannot hold back every later customer message.
          if (handled === 'failed' && this.storeFailures + 1 >= MAX_TRIES_OF_ONE_UPDATE) {
            console.error(`[telegram] update ${u.update_id} skipped after ${MAX_TRIES_OF_ONE_UPDATE} failed attempts to save it`);
          } else {
            await this.storeBackoff();
            break;
          }
        }
        this.confirmed(u);
        i++;
      }
    }
  }

  /** The update is stored (or skipped): the next getUpdates confirms it to Telegram. */
  private confirmed(u: Update): void {
    this.offset = Math.max(this.offset, u.update_id + 1);
    if (this.storeFailures > 0) {
      this.storeFailures = 0;
      this.connected();
    }
  }

  /**
   * Message updates handled together: each is read as usual, and what they file is stored in ONE transaction (group
   * commit). Same answers as handle(); 'failed' means the caller tries them one by one.
   */
  private async handleMany(us: Update[]): Promise<'done' | 'busy' | 'failed'> {
    const batch: InboundMessage[] = [];
    this.collecting = batch;
    try {
      for (const u of us) if ((await this.handle(u)) !== 'done') return 'failed';
    } finally {
      this.collecting = null;
    }
    if (batch.length === 0 || !this.sink) return 'done';
    try {
      if (this.sink.receiveMany) this.sink.receiveMany(batch);
      else for (const m of batch) this.sink.receive(m);
      return 'done';
    } catch (err) {
      const failure = storeFailed(err);
      this.lastStoreError = failure.message;
      console.error(`[telegram] ${us.length} updates could not be saved; they stay with Telegram: ${failure.message}`);
      return failure.databaseUnavailable ? 'busy' : 'failed';
    }
  }

  /**
   * 'done' when the update may be confirmed (stored, or not something Lavka files); 'busy' when the database could not
   * take it (retry until it can); 'failed' when saving failed for another reason (retry a few times).
   */
  private async handle(u: Update): Promise<'done' | 'busy' | 'failed'> {
    try {
      await this.bot.handleUpdate(u);
      return 'done';
    } catch (err) {
      const cause = err instanceof BotError ? err.error : err;
      if (cause instanceof StoreFailed) {
        this.lastStoreError = cause.message;
        console.error(`[telegram] update ${u.update_id} could not be saved; it stays with Telegram and is fetched again: ${cause.message}`);
        return cause.databaseUnavailable ? 'busy' : 'failed';
      }
      // One malformed update must not stop the bot; it is skipped (and logged without its content).
      console.error(
        `[telegram] update ${u.update_id} could not be handled`,
        redact(cause instanceof Error ? cause.message : String(cause), this.opts.token),
      );
      return 'done';
    }
  }

  private lastStoreError = '';
  /** While message updates are handled together: what they file, stored in one go by handleMany. */
  private collecting: InboundMessage[] | null = null;
  /** After a batch failed for a reason of its own: updates up to this id are stored one by one. */
  private oneByOneThrough = -1;

  private onMessage(raw: Parameters<typeof telegramInbound>[0]): void {
    const msg = telegramInbound(raw, this.opts.clock.now());
    if (!msg) return;
    if (raw?.chat) this.business.customerWroteToBot(raw.chat.id);
    this.store(msg);
  }

  /** Hands a message to the inbox (or to the batch being collected); a failed store is not confirmed to Telegram (it is fetched again). */
  private store(msg: InboundMessage): void {
    if (this.collecting) return void this.collecting.push(msg);
    if (!this.sink) return;
    try {
      this.sink.receive(msg);
    } catch (err) {
      throw storeFailed(err);
    }
  }

  /** Shows why messages wait and waits before asking Telegram for them again (doubling up to retryMaxMs). */
  private async storeBackoff(): Promise<void> {
    const wait = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(this.storeFailures, 20));
    this.storeFailures++;
    this.status(
      'disconnected',
      `Lavka could not save new Telegram messages (${this.lastStoreError}). Telegram keeps them until they are saved; trying again in ${Math.ceil(wait / 1000)} s.`,
    );
    await this.sleep(wait);
  }

  /** Where a reply to this chat goes: the bot's own chat, or the owner's account (and until when that is allowed). */
  replyRoute(chatId: number): ReplyRoute {
    return this.business.route(chatId, this.opts.clock.now());
  }

  /**
   * A message in a chat of the owner's own account: the customer's (filed as usual, opens the 24-hour reply window)
   * or the owner's, typed in Telegram (filed as the owner's reply). What this bot sent there is already filed.
   */
  private onBusinessMessage(raw: Parameters<typeof telegramInbound>[0]): void {
    const m = raw;
    if (!m || typeof m.business_connection_id !== 'string' || m.chat?.type !== 'private') return;
    if (m.sender_business_bot?.id === this.info?.id) return;
    const owner = this.business.ownerOf(m.business_connection_id);
    if (owner !== undefined && m.from?.id === owner) {
      // Filed as a customer message from the chat's other party, then turned into the owner's.
      const customer = {
        ...m,
        from: { id: m.chat.id, is_bot: false, first_name: m.chat.first_name ?? '', last_name: m.chat.last_name, username: m.chat.username },
      };
      const msg = telegramInbound(customer, this.opts.clock.now());
      if (msg) this.store({ ...msg, from: { externalId: msg.from.externalId, display: '' }, fromOwner: true } satisfies InboundMessage);
      return;
    }
    const msg = telegramInbound(raw, this.opts.clock.now());
    if (!msg) return;
    this.business.customerWrote(m.chat.id, m.business_connection_id, msg.at);
    this.store(msg);
  }

  private onBusinessEdit(raw: Parameters<typeof telegramInbound>[0]): void {
    const msg = telegramInbound(raw, this.opts.clock.now());
    if (msg) this.sink?.changed?.(msg.externalId, { body: msg.body });
  }

  private connected(): void {
    this.up = true;
    const info = this.info!;
    this.sink?.status({ state: 'connected', account: `@${info.username}`, link: info.link, detail: info.name });
  }

  private status(state: 'disconnected' | 'error', detail: string): void {
    this.up = false;
    this.sink?.status({ state, detail, ...(this.info ? { account: `@${this.info.username}`, link: this.info.link } : {}) });
  }

  private sendError(err: unknown): ChannelSendError {
    if (err instanceof ChannelSendError) return err;
    const text = describeError(err, this.opts.token);
    if (err instanceof GrammyError) {
      if (err.error_code === 429) {
        const seconds = err.parameters?.retry_after ?? 5;
        return new ChannelSendError(`Telegram asked to slow down; retrying in ${seconds} s`, false, seconds * 1000);
      }
      // 403: the customer blocked the bot; 400: chat not found, text refused — sending again will not help.
      if (err.error_code === 403 || err.error_code === 400) return new ChannelSendError(explainRefusal(err.description, text), true);
      if (isAuthError(err)) this.status('error', 'Telegram no longer accepts the bot token. Paste a new one in Settings → Channels.');
      return new ChannelSendError(text, false);
    }
    if (err instanceof HttpError) this.status('disconnected', `Lost connection: ${text}`);
    return new ChannelSendError(text, false);
  }

  /** grammY's Node build types its signal with the abort-controller polyfill; Node's own AbortSignal is what it gets. */
  private signal(): GrammySignal {
    return this.abort?.signal as GrammySignal;
  }

  private delay(): number {
    return Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(this.failures, 20));
  }

  /** Waits before the next try: Telegram's retry_after when it gave one, else exponential backoff. */
  private async backoff(err: unknown): Promise<void> {
    let wait = this.delay();
    if (err instanceof GrammyError && err.error_code === 429 && typeof err.parameters?.retry_after === 'number') {
      wait = err.parameters.retry_after * 1000;
    }
    this.failures++;
    this.status('disconnected', `${capitalize(describeError(err, this.opts.token))}. Retrying in ${Math.ceil(wait / 1000)} s.`);
    await this.sleep(wait);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.opts.clock.setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.opts.clock.clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

type GrammySignal = Parameters<Api['getUpdates']>[1];

/** Storing an incoming message failed: it must be fetched again, not confirmed. */
class StoreFailed extends Error {
  constructor(
    message: string,
    /** The database could not take any write (busy, locked, full, read-only, I/O): not this message's fault. */
    readonly databaseUnavailable: boolean,
  ) {
    super(message);
  }
}

function storeFailed(err: unknown): StoreFailed {
  const raw = (err as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  return new StoreFailed(err instanceof Error ? err.message : String(err), DATABASE_UNAVAILABLE.test(code));
}

/** How many updates from `i` on are customer (or owner) messages that may be stored together. */
function messageRun(list: Update[], i: number): number {
  let j = i;
  while (j < list.length && (list[j].message !== undefined || list[j].business_message !== undefined)) j++;
  return j - i;
}

const DATABASE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL|NOMEM|INTERRUPT)/;
/** Tries to save one update whose failure was not the database being unavailable, before it is skipped. */
const MAX_TRIES_OF_ONE_UPDATE = 5;
/** Updates Lavka asks for: the bot's own chats and the owner's account through Telegram Business. */
const ALLOWED_UPDATES = [
  'message',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
] as const;
