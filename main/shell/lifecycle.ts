// The desktop shell's decisions, free of Electron: what closing the window does (hide to the tray or quit), what a
// second launch does (focus), which core events become notifications (and where clicking one leads), the badge and
// tray counts, and start-at-login. main/index.ts connects these to Electron through the small ShellPort interface.
import type { Envelope } from '../core/api/envelope';
import type { AppEvent } from '../core/events';
import { shellTexts, type Translate } from './texts';
import { formatMoney } from '../shared/money';

export interface ShellPort {
  /** Creates the window if needed, restores, shows and focuses it. */
  showWindow(): void;
  hideWindow(): void;
  isWindowFocused(): boolean;
  /** Really quits (the before-quit path then stops the core cleanly). */
  quit(): void;
  notify(n: { title: string; body: string; onClick?: () => void }): void;
  /** Dock/taskbar badge (overlay icon on Windows); 0 clears it. */
  setBadge(count: number): void;
  setTray(tray: { tooltip: string; items: TrayItem[] }): void;
  /** Tells the window to open one conversation. */
  openConversation(conversationId: number): void;
  setOpenAtLogin(on: boolean): void;
}

export type TrayItem =
  | { id: 'open' | 'quit'; label: string }
  | { id: 'pause'; label: string; checked: boolean }
  | { id: 'info'; label: string }
  | { id: 'separator' };

export interface DesktopSettings {
  /** Closing the window hides Lavka to the tray instead of quitting (default on). */
  keepRunning: boolean;
  notifyEachMessage: boolean;
  openAtLogin: boolean;
  /** The "Lavka is still running" notification was shown once already. */
  hideHintShown: boolean;
}

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  keepRunning: true,
  notifyEachMessage: true,
  openAtLogin: false,
  hideHintShown: false,
};

export interface SettingsStore {
  get(): DesktopSettings;
  set(patch: Partial<DesktopSettings>): DesktopSettings;
}

export interface CoreCalls {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
}

export interface LifecycleOptions {
  platform: string;
  /** Pauses or resumes every auto-reply; the tray item appears only when the core offers it. */
  pauseAutoReplies?: { get(): Promise<boolean>; set(paused: boolean): Promise<void> };
}

/** Argument the login item starts Lavka with: start in the tray without showing the window. */
export const HIDDEN_ARG = '--hidden';

export class ShellLifecycle {
  private quitting = false;
  private unread = 0;
  private needsYou = 0;
  private paused = false;
  private t: Translate = shellTexts('en');
  private readonly notifiedOrders = new Set<number>();
  private countsInFlight: Promise<void> | null = null;
  private countsAgain = false;

  constructor(
    private readonly port: ShellPort,
    private readonly settings: SettingsStore,
    private readonly core: CoreCalls,
    private readonly o: LifecycleOptions,
  ) {}

  /** App launched: show the window unless started at login into the tray. */
  launch(argv: string[], openedAtLogin = false): void {
    const s = this.settings.get();
    this.port.setOpenAtLogin(s.openAtLogin);
    this.renderTray();
    if ((argv.includes(HIDDEN_ARG) || openedAtLogin) && s.keepRunning) return;
    this.port.showWindow();
  }

  /** The window's close button. Returns true when the close must be prevented (Lavka hides instead). */
  windowCloseRequested(): boolean {
    if (this.quitting) return false;
    const s = this.settings.get();
    if (!s.keepRunning) {
      // macOS apps stay alive with no window; elsewhere closing the only window means quit.
      if (this.o.platform !== 'darwin') this.port.quit();
      return false;
    }
    this.port.hideWindow();
    if (!s.hideHintShown) {
      this.settings.set({ hideHintShown: true });
      this.port.notify({
        title: this.t('notify.stillRunning'),
        body: this.t('notify.stillRunningBody'),
        onClick: () => this.port.showWindow(),
      });
    }
    return true;
  }

  /** Quit from the tray/menu/OS: from now on closing the window really closes it. */
  quitRequested(): void {
    this.quitting = true;
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  /** Lavka launched again (second instance) or the dock icon clicked: bring the running window forward. */
  secondInstance(): void {
    this.port.showWindow();
  }

  async trayAction(id: TrayItem['id']): Promise<void> {
    if (id === 'open') this.port.showWindow();
    else if (id === 'quit') {
      this.quitRequested();
      this.port.quit();
    } else if (id === 'pause' && this.o.pauseAutoReplies) {
      await this.o.pauseAutoReplies.set(!this.paused);
      this.paused = await this.o.pauseAutoReplies.get();
      this.renderTray();
    }
  }

  updateSettings(patch: Partial<DesktopSettings>): DesktopSettings {
    const before = this.settings.get();
    const next = this.settings.set(patch);
    if (next.openAtLogin !== before.openAtLogin) this.port.setOpenAtLogin(next.openAtLogin);
    return next;
  }

  /** The core (re)started: learn the owner's language and the counts. */
  async coreReady(): Promise<void> {
    await this.loadLanguage();
    if (this.o.pauseAutoReplies) this.paused = await this.o.pauseAutoReplies.get();
    await this.refreshCounts();
  }

  async coreEvent(e: AppEvent): Promise<void> {
    switch (e.type) {
      case 'message.new': {
        const { message, conversationId } = e.payload;
        void this.refreshCounts();
        if (message.direction !== 'in' || message.author !== 'customer') return;
        if (!this.settings.get().notifyEachMessage || this.port.isWindowFocused()) return;
        const conv = await this.value<{ contactName: string }>('inbox.get', { conversationId });
        this.port.notify({
          title: this.t('notify.message', { name: conv?.contactName ?? '' }),
          body: message.body.slice(0, 200),
          onClick: () => this.open(conversationId),
        });
        return;
      }
      case 'conversation.updated':
        void this.refreshCounts();
        return;
      case 'ui.notify': {
        const p = e.payload;
        void this.refreshCounts();
        if (p.kind === 'escalation') {
          this.port.notify({ title: this.t('notify.escalation'), body: p.body, onClick: this.opener(p.conversationId) });
        } else if (p.kind === 'order' && p.orderId !== undefined) {
          await this.notifyOrder(p.orderId, p.body);
        } else if (!this.port.isWindowFocused()) {
          // Other notices (an order draft waiting for approval…) in the core's own words, when the owner is away.
          this.port.notify({ title: p.title, body: p.body, onClick: this.opener(p.conversationId) });
        }
        return;
      }
      case 'settings.updated':
        await this.loadLanguage();
        this.renderTray();
        return;
      default:
        return;
    }
  }

  private opener(conversationId: number | undefined): () => void {
    return conversationId !== undefined ? () => this.open(conversationId) : () => this.port.showWindow();
  }

  /** Each new order once, with a localized title; the core's own line (customer · items) as a fallback body. */
  private async notifyOrder(orderId: number, fallbackBody: string): Promise<void> {
    if (this.notifiedOrders.has(orderId)) return;
    this.notifiedOrders.add(orderId);
    const order = await this.value<{
      number: number | null;
      customerName: string;
      totalMinor: number;
      currency: string;
      conversationId: number | null;
    }>('orders.get', { orderId });
    this.port.notify({
      title: this.t('notify.order', { number: order?.number ?? orderId }),
      body: order ? this.t('notify.orderBody', { name: order.customerName, total: money(order.totalMinor, order.currency) }) : fallbackBody,
      onClick: this.opener(order?.conversationId ?? undefined),
    });
  }

  private open(conversationId: number): void {
    this.port.showWindow();
    this.port.openConversation(conversationId);
  }

  /** Unread and Needs-you counts for the badge and tray; bursts of events collapse into one refresh. */
  refreshCounts(): Promise<void> {
    if (this.countsInFlight) {
      this.countsAgain = true;
      return this.countsInFlight;
    }
    this.countsInFlight = (async () => {
      do {
        this.countsAgain = false;
        const [unread, queue] = await Promise.all([
          this.value<{ conversations: number }>('inbox.unreadCount', {}),
          this.value<unknown[]>('assistant.queue', {}),
        ]);
        if (unread) this.unread = unread.conversations;
        if (queue) this.needsYou = queue.length;
      } while (this.countsAgain);
      this.port.setBadge(this.unread);
      this.renderTray();
    })().finally(() => {
      this.countsInFlight = null;
    });
    return this.countsInFlight;
  }

  private async loadLanguage(): Promise<void> {
    const s = await this.value<{ preferences?: { uiLanguage?: string } }>('settings.get', {});
    this.t = shellTexts(s?.preferences?.uiLanguage ?? 'en');
  }

  private renderTray(): void {
    const items: TrayItem[] = [{ id: 'open', label: this.t('tray.open') }, { id: 'separator' }];
    items.push(
      { id: 'info', label: this.t('tray.unread', { count: this.unread }) },
      { id: 'info', label: this.t('tray.needsYou', { count: this.needsYou }) },
    );
    if (this.o.pauseAutoReplies) items.push({ id: 'separator' }, { id: 'pause', label: this.t('tray.pause'), checked: this.paused });
    items.push({ id: 'separator' }, { id: 'quit', label: this.t('tray.quit') });
    const counts = this.unread + this.needsYou > 0 ? ` (${this.unread + this.needsYou})` : '';
    this.port.setTray({ tooltip: this.t('tray.tooltip') + counts, items });
  }

  private async value<T>(name: string, input: unknown): Promise<T | null> {
    const r = await this.core.call(name, input);
    return r.ok ? (r.value as T) : null;
  }
}

/** The order total in the system's locale, as the notification shows it. */
const money = (minor: number, currency: string) => formatMoney(minor, currency, undefined);
