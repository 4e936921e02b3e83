// The shell's decisions with a fake of the Electron APIs it uses: close hides to the tray (once with a hint) or quits,
// a second launch focuses, notifications for customer messages / escalations / new orders open that conversation,
// badge and tray counts, start at login hidden.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../main/core/api/envelope';
import type { AppEvent } from '../../main/core/events';
import {
  DEFAULT_DESKTOP_SETTINGS,
  HIDDEN_ARG,
  ShellLifecycle,
  type DesktopSettings,
  type ShellPort,
  type TrayItem,
} from '../../main/shell/lifecycle';

class FakeShell implements ShellPort {
  visible = false;
  focused = false;
  quits = 0;
  notes: { title: string; body: string; onClick?: () => void }[] = [];
  badge = 0;
  tray: { tooltip: string; items: TrayItem[] } = { tooltip: '', items: [] };
  opened: number[] = [];
  openAtLogin: boolean | null = null;
  showWindow() {
    this.visible = true;
    this.focused = true;
  }
  hideWindow() {
    this.visible = false;
    this.focused = false;
  }
  isWindowFocused() {
    return this.focused;
  }
  quit() {
    this.quits++;
  }
  notify(n: { title: string; body: string; onClick?: () => void }) {
    this.notes.push(n);
  }
  setBadge(n: number) {
    this.badge = n;
  }
  setTray(t: { tooltip: string; items: TrayItem[] }) {
    this.tray = t;
  }
  openConversation(id: number) {
    this.opened.push(id);
  }
  setOpenAtLogin(on: boolean) {
    this.openAtLogin = on;
  }
}

function setup(opts: { settings?: Partial<DesktopSettings>; platform?: string; lang?: 'en' | 'ru' } = {}) {
  const shell = new FakeShell();
  let settings: DesktopSettings = { ...DEFAULT_DESKTOP_SETTINGS, ...opts.settings };
  const state = { unread: 2, queue: [{ id: 1 }], paused: false };
  const orders = new Map<number, unknown>();
  const answers: Record<string, (input: { [k: string]: unknown }) => unknown> = {
    'settings.get': () => ({ preferences: { uiLanguage: opts.lang ?? 'en' } }),
    'inbox.unreadCount': () => ({ conversations: state.unread }),
    'assistant.queue': () => state.queue,
    'inbox.get': (i) => ({ id: i.conversationId, contactName: 'Maria' }),
    'orders.get': (i) => orders.get(i.orderId as number),
  };
  const core = {
    call: async (name: string, input: unknown): Promise<Envelope<unknown>> => {
      const v = answers[name]?.(input as { [k: string]: unknown });
      return v === undefined ? { ok: false, error: { code: 'not_found', message: name } } : { ok: true, value: v };
    },
  };
  const life = new ShellLifecycle(shell, { get: () => settings, set: (p) => (settings = { ...settings, ...p }) }, core, {
    platform: opts.platform ?? 'win32',
    pauseAutoReplies: { get: async () => state.paused, set: async (p) => void (state.paused = p) },
  });
  return { shell, life, state, orders, settings: () => settings };
}

const messageNew = (direction: 'in' | 'out', author: string): AppEvent =>
  ({
    type: 'message.new',
    payload: { conversationId: 7, message: { id: 1, conversationId: 7, direction, author, body: 'Do you deliver today?' } },
  }) as unknown as AppEvent;

describe('desktop lifecycle', () => {
  it('closing the window hides Lavka to the tray; the first time a notification says it is still running', () => {
    const { shell, life, settings } = setup();
    life.launch([]);
    expect(shell.visible).toBe(true);
    expect(life.windowCloseRequested()).toBe(true);
    expect(shell.visible).toBe(false);
    expect(shell.quits).toBe(0);
    expect(shell.notes.map((n) => n.title)).toEqual(['Lavka is still running']);
    expect(settings().hideHintShown).toBe(true);
    shell.showWindow();
    life.windowCloseRequested();
    expect(shell.notes).toHaveLength(1);
  });

  it('with "keep running" off, closing the window quits (but not on macOS, where apps live without windows)', () => {
    const win = setup({ settings: { keepRunning: false } });
    expect(win.life.windowCloseRequested()).toBe(false);
    expect(win.shell.quits).toBe(1);
    const mac = setup({ settings: { keepRunning: false }, platform: 'darwin' });
    expect(mac.life.windowCloseRequested()).toBe(false);
    expect(mac.shell.quits).toBe(0);
  });

  it('Quit in the tray really quits: the window close that follows is not prevented', async () => {
    const { shell, life } = setup();
    life.launch([]);
    await life.trayAction('quit');
    expect(shell.quits).toBe(1);
    expect(life.windowCloseRequested()).toBe(false);
  });

  it('a second launch and the tray’s Open bring the hidden window back', async () => {
    const { shell, life } = setup();
    life.launch([]);
    life.windowCloseRequested();
    life.secondInstance();
    expect(shell.visible).toBe(true);
    shell.hideWindow();
    await life.trayAction('open');
    expect(shell.visible).toBe(true);
  });

  it('started at login it stays in the tray; start-at-login follows the setting', () => {
    const { shell, life } = setup({ settings: { openAtLogin: true } });
    life.launch(['lavka', HIDDEN_ARG]);
    expect(shell.visible).toBe(false);
    expect(shell.openAtLogin).toBe(true);
    life.updateSettings({ openAtLogin: false });
    expect(shell.openAtLogin).toBe(false);
  });

  it('a customer message while the window is hidden notifies; clicking opens that conversation', async () => {
    const { shell, life } = setup();
    life.launch([]);
    life.windowCloseRequested();
    await life.coreEvent(messageNew('in', 'customer'));
    const n = shell.notes.at(-1)!;
    expect(n).toMatchObject({ title: 'New message from Maria', body: 'Do you deliver today?' });
    n.onClick!();
    expect(shell.visible).toBe(true);
    expect(shell.opened).toEqual([7]);
  });

  it('no notification for the owner’s own messages, while the window is in front, or with the setting off', async () => {
    const a = setup();
    a.life.launch([]);
    await a.life.coreEvent(messageNew('in', 'customer'));
    await a.life.coreEvent(messageNew('out', 'owner'));
    expect(a.shell.notes).toEqual([]);
    const b = setup({ settings: { notifyEachMessage: false, hideHintShown: true } });
    b.life.launch([]);
    b.life.windowCloseRequested();
    await b.life.coreEvent(messageNew('in', 'customer'));
    expect(b.shell.notes).toEqual([]);
  });

  it('escalations always notify, with a localized title, and open the conversation', async () => {
    const { shell, life } = setup({ lang: 'ru' });
    await life.coreReady();
    life.launch([]);
    await life.coreEvent({
      type: 'ui.notify',
      payload: { kind: 'escalation', title: 'Customer needs you', body: 'Wants a refund', conversationId: 9 },
    });
    expect(shell.notes.at(-1)).toMatchObject({ title: 'Покупателю нужны вы', body: 'Wants a refund' });
    shell.notes.at(-1)!.onClick!();
    expect(shell.opened).toEqual([9]);
  });

  it('a new order notifies once with a localized title and opens its conversation', async () => {
    const { shell, life, orders } = setup({ lang: 'ru' });
    await life.coreReady();
    life.launch([]);
    orders.set(1, { number: 1001, customerName: 'Ivan', totalMinor: 1250, currency: 'EUR', conversationId: 3 });
    const placed = {
      type: 'ui.notify',
      payload: { kind: 'order', orderId: 1, title: 'New order #1001', body: 'Ivan · 2 × Rye bread', conversationId: 3 },
    } as AppEvent;
    await life.coreEvent(placed);
    await life.coreEvent(placed);
    expect(shell.notes.map((n) => n.title)).toEqual(['Новый заказ №1001']);
    expect(shell.notes[0].body).toMatch(/^Ivan: .*12[.,]50/);
    shell.notes[0].onClick!();
    expect(shell.opened).toEqual([3]);
  });

  it('other notices from the core reach the owner in its words when the window is not in front', async () => {
    const { shell, life } = setup();
    life.launch([]);
    const draft = {
      type: 'ui.notify',
      payload: { kind: 'info', title: 'An order draft is waiting for you', body: 'Maria: 2 croissants', conversationId: 5 },
    } as AppEvent;
    await life.coreEvent(draft);
    expect(shell.notes).toEqual([]);
    shell.hideWindow();
    await life.coreEvent(draft);
    expect(shell.notes.map((n) => n.title)).toEqual(['An order draft is waiting for you']);
  });

  it('badge shows unread conversations; the tray lists unread and Needs-you counts and can pause auto-replies', async () => {
    const { shell, life, state } = setup();
    await life.coreReady();
    expect(shell.badge).toBe(2);
    expect(shell.tray.items.filter((i) => i.id === 'info').map((i) => (i as { label: string }).label)).toEqual([
      '2 unread conversations',
      '1 needs you',
    ]);
    state.unread = 0;
    // The shell only reads the event's type to refresh its counts; the conversation itself does not matter here.
    await life.coreEvent({ type: 'conversation.updated', payload: {} } as unknown as AppEvent);
    await life.refreshCounts();
    expect(shell.badge).toBe(0);
    await life.trayAction('pause');
    expect(state.paused).toBe(true);
    expect(shell.tray.items.find((i) => i.id === 'pause')).toMatchObject({ checked: true });
  });
});
