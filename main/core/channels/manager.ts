// Runs the real messaging channels from their settings: starts, restarts and stops Telegram and WhatsApp, applies
// pacing to the outbox, and answers what Settings → Channels shows (status, masked token, browser; the queue: queue-view.ts).
import { classifyTechnicalError } from '../../shared/error-reasons';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { OutboxRepo } from '../db/repos/outbox-repo';
import type { SettingsRepo } from '../db/repos/settings-repo';
import type { SettingsService } from '../settings/service';
import type { ChannelStatus } from './channel';
import type { ChannelHub } from './hub';
import type { Outbox } from './outbox';
import type { SecretStore } from '../secrets/secret-store';
import { DEFAULT_PACING, PacingGate, pacingSchema, type PacingSettings } from './pacing';
import { queueView, type QueueView } from './queue-view';

export type { QueueChannel, QueueView } from './queue-view';
import {
  DEFAULT_TELEGRAM_SETTINGS,
  DEFAULT_WHATSAPP_SETTINGS,
  PACING_SETTINGS_KEY,
  TELEGRAM_SETTINGS_KEY,
  TELEGRAM_TOKEN_SECRET,
  WHATSAPP_RUNTIME_KEY,
  WHATSAPP_SETTINGS_KEY,
  apiRootSchema,
  telegramSettingsSchema,
  whatsappRuntimeSchema,
  whatsappSettingsSchema,
  type WhatsAppSettings,
} from './settings';
import {
  DEFAULT_TELEGRAM_API_ROOT,
  TelegramChannel,
  TelegramCheckError,
  checkTelegramToken,
  maskToken,
  type TelegramBotInfo,
  type TelegramOptions,
} from './telegram/telegram-channel';
import { TELEGRAM } from './telegram/inbound';
import { PairingError, WhatsAppChannel, type WhatsAppOptions } from './whatsapp/whatsapp-channel';
import { DEFAULT_WEB_VERSION_REMOTE, createRealWhatsAppClient, type WaClientFactory, type WebVersionSource } from './whatsapp/client';
import { browserTreeMemory } from './whatsapp/memory';
import { normalizePhone } from '../contacts/identity';
import { findBrowser, type BrowserLookup } from './whatsapp/browser';
import { WHATSAPP } from './whatsapp/inbound';

export interface ChannelManagerOptions {
  /** Makes WhatsApp clients; tests pass the double from tests/helpers. Default: the real whatsapp-web.js Client. */
  whatsappClient?: WaClientFactory;
  /** Finds Chrome; tests pass a fixed answer. */
  findBrowser?: (configured: string | null) => BrowserLookup;
  telegram?: Partial<Pick<TelegramOptions, 'pollTimeoutSeconds' | 'retryBaseMs' | 'retryMaxMs'>>;
  whatsapp?: Partial<
    Pick<
      WhatsAppOptions,
      | 'reconnectBaseMs'
      | 'reconnectMaxMs'
      | 'firstBackfillDays'
      | 'backfillMaxChats'
      | 'backfillPerChat'
      | 'authTimeoutMs'
      | 'readyTimeoutMs'
      | 'healthCheckMs'
      | 'probeTimeoutMs'
      | 'stuckChecks'
      | 'failedStartsBeforeNotice'
      | 'pairingCodeTtlMs'
      | 'measureMemory'
    >
  >;
}

export interface ChannelManagerDeps {
  dataDir: string;
  env: Record<string, string | undefined>;
  clock: Clock;
  settings: SettingsService;
  settingsRepo: SettingsRepo;
  outboxRepo: OutboxRepo;
  hub: ChannelHub;
  outbox: Outbox;
  /** For notifications the owner must see (WhatsApp taken over elsewhere, blocked, not starting). */
  events?: EventBus;
  /** Where the bot token is kept (never the database). */
  secrets: SecretStore;
}

export interface TelegramOverview {
  configured: boolean;
  /** Where the token comes from: the environment (LAVKA_TELEGRAM_BOT_TOKEN) wins over Settings. */
  source: 'env' | 'settings' | null;
  tokenMasked: string | null;
  apiRoot: string;
  apiRootSource: 'env' | 'settings' | 'default';
  status: ChannelStatus;
}

export interface WhatsAppOverview extends WhatsAppSettings {
  browser: BrowserLookup;
  status: ChannelStatus;
}

const WHATSAPP_DIR = 'whatsapp';

export class ChannelManager {
  readonly pacing: PacingGate;
  private readonly createWhatsAppClient: WaClientFactory;

  constructor(
    private readonly d: ChannelManagerDeps,
    private readonly opts: ChannelManagerOptions = {},
  ) {
    this.createWhatsAppClient = opts.whatsappClient ?? createRealWhatsAppClient;
    this.pacing = new PacingGate({
      rules: () => this.getPacing(),
      isCold: (channel, address) => !d.outboxRepo.addressHasWritten(channel, address),
    });
    d.outbox.setGate(this.pacing);
  }

  /** Starts the channels that are configured. Never throws: a channel that cannot start shows it in its status. */
  async start(): Promise<void> {
    const now = this.d.clock.now();
    for (const ch of [WHATSAPP, TELEGRAM]) this.pacing.seed(this.d.outboxRepo.attemptsSince(ch, now - 60 * 60_000));
    await Promise.all([this.startTelegram(), this.startWhatsApp()]);
  }

  // ---- Telegram ----

  telegramConfig(): {
    token: string | null;
    apiRoot: string;
    source: TelegramOverview['source'];
    apiRootSource: TelegramOverview['apiRootSource'];
  } {
    const stored = this.d.settings.section(TELEGRAM_SETTINGS_KEY, telegramSettingsSchema, DEFAULT_TELEGRAM_SETTINGS);
    const envToken = this.d.env.LAVKA_TELEGRAM_BOT_TOKEN?.trim();
    const envRoot = this.d.env.LAVKA_TELEGRAM_API_ROOT?.trim();
    const parsedEnvRoot = envRoot ? apiRootSchema.safeParse(envRoot) : null;
    if (parsedEnvRoot && !parsedEnvRoot.success)
      console.error('[telegram] LAVKA_TELEGRAM_API_ROOT is not a web address; using the Settings value');
    const kept = this.d.secrets.get(TELEGRAM_TOKEN_SECRET);
    const token = envToken || kept;
    const apiRoot = parsedEnvRoot?.success ? parsedEnvRoot.data : (stored.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT);
    return {
      token: token || null,
      apiRoot,
      source: envToken ? 'env' : kept ? 'settings' : null,
      apiRootSource: parsedEnvRoot?.success ? 'env' : stored.apiRoot ? 'settings' : 'default',
    };
  }

  telegramOverview(): TelegramOverview {
    const c = this.telegramConfig();
    return {
      configured: !!c.token,
      source: c.source,
      tokenMasked: c.token ? maskToken(c.token) : null,
      apiRoot: c.apiRoot,
      apiRootSource: c.apiRootSource,
      status: this.d.hub.status(TELEGRAM),
    };
  }

  async checkTelegram(token: string, apiRoot?: string | null): Promise<TelegramBotInfo> {
    const config = this.telegramConfig();
    try {
      return await checkTelegramToken(token.trim(), config.apiRootSource === 'env' ? config.apiRoot : (apiRoot ?? config.apiRoot));
    } catch (err) {
      if (err instanceof TelegramCheckError) {
        const why =
          err.reason === 'bad_token' ? { reason: 'telegram_bad_token' as const } : (classifyTechnicalError(err.message) ?? undefined);
        throw new AppError(err.reason === 'bad_token' ? 'invalid_input' : 'channel_unavailable', err.message, undefined, why);
      }
      throw err;
    }
  }

  /** Checks the token with Telegram first; only a token Telegram accepts is saved and started. */
  async connectTelegram(input: { token?: string; apiRoot?: string | null }): Promise<TelegramOverview> {
    this.refuseIfEnv();
    const stored = this.d.settings.section(TELEGRAM_SETTINGS_KEY, telegramSettingsSchema, DEFAULT_TELEGRAM_SETTINGS);
    const token = input.token?.trim() || this.d.secrets.get(TELEGRAM_TOKEN_SECRET);
    if (!token)
      throw new AppError('invalid_input', 'Paste the bot token from @BotFather first', undefined, { reason: 'telegram_token_missing' });
    const apiRoot = input.apiRoot === undefined ? stored.apiRoot : input.apiRoot;
    // Check against the server the bot will really use (LAVKA_TELEGRAM_API_ROOT wins over Settings).
    const envRoot = this.telegramConfig().apiRootSource === 'env' ? this.telegramConfig().apiRoot : null;
    await this.checkTelegram(token, envRoot ?? apiRoot ?? DEFAULT_TELEGRAM_API_ROOT);
    this.d.secrets.set(TELEGRAM_TOKEN_SECRET, token);
    this.d.settings.setSection(TELEGRAM_SETTINGS_KEY, telegramSettingsSchema, { apiRoot });
    await this.startTelegram();
    return this.telegramOverview();
  }

  async disconnectTelegram(): Promise<TelegramOverview> {
    this.refuseIfEnv();
    this.d.secrets.delete(TELEGRAM_TOKEN_SECRET);
    await this.d.hub.remove(TELEGRAM);
    return this.telegramOverview();
  }

  private refuseIfEnv(): void {
    if (this.d.env.LAVKA_TELEGRAM_BOT_TOKEN?.trim()) {
      throw new AppError(
        'conflict',
        'This Lavka gets its Telegram bot token from LAVKA_TELEGRAM_BOT_TOKEN; change it there and restart.',
        undefined,
        {
          reason: 'telegram_env_token',
        },
      );
    }
  }

  private async startTelegram(): Promise<void> {
    const c = this.telegramConfig();
    if (!c.token) {
      await this.d.hub.remove(TELEGRAM);
      return;
    }
    await this.d.hub.add(
      new TelegramChannel({
        token: c.token,
        apiRoot: c.apiRoot,
        clock: this.d.clock,
        // Bookkeeping like WhatsApp's runtime row: the owner's Telegram Business connections and chats.
        business: {
          load: () => this.d.settingsRepo.get('telegram.business'),
          save: (s) => this.d.settingsRepo.set('telegram.business', s),
        },
        ...this.opts.telegram,
      }),
    );
  }

  // ---- WhatsApp ----

  whatsappSettings(): WhatsAppSettings {
    return this.d.settings.section(WHATSAPP_SETTINGS_KEY, whatsappSettingsSchema, DEFAULT_WHATSAPP_SETTINGS);
  }

  whatsappOverview(): WhatsAppOverview {
    const s = this.whatsappSettings();
    return { ...s, browser: this.lookupBrowser(s.browserPath), status: this.d.hub.status(WHATSAPP) };
  }

  async connectWhatsApp(): Promise<WhatsAppOverview> {
    this.saveWhatsApp({ ...this.whatsappSettings(), enabled: true });
    await this.startWhatsApp();
    return this.whatsappOverview();
  }

  /** Stops WhatsApp but keeps the linked session, so connecting later needs no new scan. */
  async disconnectWhatsApp(): Promise<WhatsAppOverview> {
    this.saveWhatsApp({ ...this.whatsappSettings(), enabled: false });
    await this.d.hub.remove(WHATSAPP);
    return this.whatsappOverview();
  }

  /** "Connect again": drops the stale session (after a logout from the phone) and starts over with a new QR code. */
  async reconnectWhatsApp(): Promise<WhatsAppOverview> {
    const running = this.d.hub.get(WHATSAPP);
    await this.d.hub.remove(WHATSAPP);
    (running instanceof WhatsAppChannel ? running : this.newWhatsApp()).clearSession();
    this.saveWhatsApp({ ...this.whatsappSettings(), enabled: true });
    await this.startWhatsApp();
    return this.whatsappOverview();
  }

  async updateWhatsApp(patch: Partial<Omit<WhatsAppSettings, 'enabled'>>): Promise<WhatsAppOverview> {
    const cur = this.whatsappSettings();
    const next = { ...cur, ...patch, browserPath: patch.browserPath === undefined ? cur.browserPath : patch.browserPath?.trim() || null };
    this.saveWhatsApp(next);
    // Filters and the restart policy are read when used; a new browser or WhatsApp Web version needs a restart.
    const restart =
      next.browserPath !== cur.browserPath || next.webVersion !== cur.webVersion || next.webVersionRemote !== cur.webVersionRemote;
    if (next.enabled && restart) await this.startWhatsApp();
    return this.whatsappOverview();
  }

  /** "Link with phone number instead": the pairing code to type on the phone (also pushed in the channel status). */
  async requestWhatsAppPairingCode(phone: string): Promise<{ code: string }> {
    const running = this.d.hub.get(WHATSAPP);
    if (!(running instanceof WhatsAppChannel))
      throw new AppError('conflict', 'Press “Connect” first; when the QR code shows, ask for a code.');
    // A local number ("0151 …") is read in the shop's region, like customers' numbers are.
    const e164 = normalizePhone(phone, this.d.settings.get().business.region);
    if (!e164) throw new AppError('invalid_input', 'Enter the phone number of your WhatsApp with its country code, e.g. +49 151 23456789');
    try {
      return { code: await running.requestPairingCode(e164) };
    } catch (err) {
      if (err instanceof PairingError) {
        throw new AppError(
          err.reason === 'bad_phone' ? 'invalid_input' : err.reason === 'not_waiting' ? 'conflict' : 'channel_unavailable',
          err.message,
        );
      }
      throw err;
    }
  }

  async cancelWhatsAppPairingCode(): Promise<WhatsAppOverview> {
    const running = this.d.hub.get(WHATSAPP);
    if (running instanceof WhatsAppChannel) await running.cancelPairingCode();
    return this.whatsappOverview();
  }

  private webVersionSource(): WebVersionSource {
    const s = this.whatsappSettings();
    return s.webVersion
      ? { kind: 'pinned', version: s.webVersion, remotePath: s.webVersionRemote ?? DEFAULT_WEB_VERSION_REMOTE }
      : { kind: 'local' };
  }

  private saveWhatsApp(s: WhatsAppSettings): void {
    this.d.settings.setSection(WHATSAPP_SETTINGS_KEY, whatsappSettingsSchema, s);
  }

  private lookupBrowser(configured: string | null): BrowserLookup {
    return this.opts.findBrowser ? this.opts.findBrowser(configured) : findBrowser({ configured, env: this.d.env });
  }

  private newWhatsApp(): WhatsAppChannel {
    const base = join(this.d.dataDir, WHATSAPP_DIR);
    return new WhatsAppChannel({
      clock: this.d.clock,
      sessionDir: join(base, 'session'),
      cacheDir: join(base, 'web-cache'),
      createClient: this.createWhatsAppClient,
      findBrowser: () => this.lookupBrowser(this.whatsappSettings().browserPath),
      filter: () => this.whatsappSettings(),
      webVersion: () => this.webVersionSource(),
      maintenance: () => {
        const s = this.whatsappSettings();
        return {
          quietHour: s.quietHour,
          memoryLimitBytes: s.memoryLimitMb * 1_048_576,
          maxUptimeMs: s.maxUptimeDays * 86_400_000,
          timeZone: this.d.settings.get().business.timeZone,
        };
      },
      measureMemory: browserTreeMemory,
      notify: (n) => this.d.events?.emit('ui.notify', n),
      store: {
        lastSeenAt: () => {
          const raw = this.d.settingsRepo.get(WHATSAPP_RUNTIME_KEY);
          const parsed = whatsappRuntimeSchema.safeParse(raw);
          return parsed.success ? parsed.data.lastSeenAt : null;
        },
        // Bookkeeping, not a setting the owner changed: written without a settings.updated event.
        setLastSeenAt: (at) => this.d.settingsRepo.set(WHATSAPP_RUNTIME_KEY, { lastSeenAt: at }),
      },
      ...this.opts.whatsapp,
    });
  }

  private async startWhatsApp(): Promise<void> {
    if (!this.whatsappSettings().enabled) {
      await this.d.hub.remove(WHATSAPP);
      return;
    }
    await this.d.hub.add(this.newWhatsApp());
  }

  // ---- Pacing and the queue ----

  getPacing(): PacingSettings {
    return this.d.settings.section(PACING_SETTINGS_KEY, pacingSchema, DEFAULT_PACING);
  }

  setPacing(value: PacingSettings): PacingSettings {
    const saved = this.d.settings.setSection(PACING_SETTINGS_KEY, pacingSchema, value);
    // Looser limits may let waiting messages go now.
    this.d.outbox.kick();
    return saved;
  }

  /** What Settings → Queue shows: each channel's progress, what it waits for, and the waiting messages. */
  queue(limit = 100): QueueView {
    return queueView(this.d, this.pacing, this.getPacing(), limit);
  }
}
