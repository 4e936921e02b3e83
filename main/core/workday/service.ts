// The owner's working day in the inbox: conversation states (with snooze wake-up on the injected clock), pin, mark
// unread, labels, and taking back or rewriting a reply that is still only queued.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { LabelsRepo, Label } from '../db/repos/labels-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { OutboxRepo } from '../db/repos/outbox-repo';
import type { ConversationState } from '../inbox/types';
import { previewOf } from '../inbox/preview';
import { MAX_BODY_CHARS } from '../inbox/service';
import { snoozeUntil, type SnoozePreset } from './snooze-presets';
import { DEMO_LABELS_KEY, demoLabelRenames, type DemoLabelRecord } from './demo-labels';
import type { SettingsRepo } from '../db/repos/settings-repo';

/** Colours the owner picks from (the UI shows them as swatches); stored as #rrggbb. */
export const LABEL_COLOR = /^#[0-9a-f]{6}$/i;
/** Longest wait before the wake-up timer re-checks (timers far ahead drift; the next check re-arms exactly). */
const MAX_TIMER_MS = 6 * 60 * 60 * 1000;

export interface WorkdayDeps {
  db: Db;
  conversations: ConversationsRepo;
  labels: LabelsRepo;
  messages: MessagesRepo;
  outbox: OutboxRepo;
  events: EventBus;
  clock: Clock;
  /** The shop's time zone (snooze presets are shop times). */
  timeZone: () => string;
  /** The owner's UI language and the settings rows: the demo's starter labels follow the UI language. */
  uiLanguage?: () => string;
  settingsRepo?: SettingsRepo;
}

export class WorkdayService {
  private timer: unknown = null;
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly d: WorkdayDeps) {}

  /** Wakes whatever came due while Lavka was closed, then keeps a timer on the next snooze end. */
  start(): void {
    this.running = true;
    this.wake();
    this.followUiLanguage();
    this.unsubscribe = this.d.events.subscribe((e) => {
      if (e.type === 'settings.updated') this.followUiLanguage();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.running = false;
    if (this.timer !== null) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  setState(conversationId: number, state: Exclude<ConversationState, 'snoozed'>): void {
    if (!this.d.conversations.setState(conversationId, state, null)) throw notFound('Conversation', conversationId);
    this.changed(conversationId);
    this.arm();
  }

  /** Out of sight until `until`; a customer message brings it back sooner. */
  snooze(conversationId: number, until: number): void {
    if (until <= this.d.clock.now()) throw new AppError('invalid_input', 'Snooze until a time in the future');
    if (!this.d.conversations.setState(conversationId, 'snoozed', until)) throw notFound('Conversation', conversationId);
    this.changed(conversationId);
    this.arm();
  }

  /** A preset time in the shop's zone; returns the chosen time so the UI can say it. */
  snoozePreset(conversationId: number, preset: SnoozePreset): number {
    const until = snoozeUntil(preset, this.d.clock.now(), this.d.timeZone());
    this.snooze(conversationId, until);
    return until;
  }

  setPinned(conversationId: number, pinned: boolean): void {
    if (!this.d.conversations.setPinned(conversationId, pinned)) throw notFound('Conversation', conversationId);
    this.changed(conversationId);
  }

  markUnread(conversationId: number): void {
    if (!this.d.conversations.markUnread(conversationId)) throw notFound('Conversation', conversationId);
    this.changed(conversationId);
  }

  counts() {
    return this.d.conversations.counts();
  }

  // ---- labels

  labels(): Label[] {
    return this.d.labels.list();
  }

  createLabel(name: string, color: string): Label {
    const clean = this.checkLabel(name, color);
    if (this.d.labels.byName(clean)) throw new AppError('conflict', `A label called "${clean}" already exists`);
    const id = this.d.labels.create(clean, color.toLowerCase(), this.d.clock.now());
    this.d.events.emit('labels.changed', {});
    return this.d.labels.list().find((l) => l.id === id)!;
  }

  updateLabel(id: number, name: string, color: string): void {
    const clean = this.checkLabel(name, color);
    const same = this.d.labels.byName(clean);
    if (same && same.id !== id) throw new AppError('conflict', `A label called "${clean}" already exists`);
    if (!this.d.labels.update(id, clean, color.toLowerCase())) throw notFound('Label', id);
    this.d.events.emit('labels.changed', {});
  }

  removeLabel(id: number): void {
    if (!this.d.labels.exists(id)) throw notFound('Label', id);
    const touched = this.d.db.transaction(() => this.d.labels.remove(id)).immediate();
    this.d.events.emit('labels.changed', {});
    for (const c of touched) this.changed(c);
  }

  setLabel(conversationId: number, labelId: number, on: boolean): void {
    if (this.d.conversations.contactId(conversationId) === undefined) throw notFound('Conversation', conversationId);
    if (!this.d.labels.exists(labelId)) throw notFound('Label', labelId);
    if (on) this.d.labels.attach(conversationId, labelId);
    else this.d.labels.detach(conversationId, labelId);
    this.d.events.emit('labels.changed', {});
    this.changed(conversationId);
  }

  /** The demo shop's starter labels (skipped when the owner already has labels of those names). */
  seedDemoLabels(names: { name: string; color: string }[]): void {
    for (const l of names) if (!this.d.labels.byName(l.name)) this.d.labels.create(l.name, l.color, this.d.clock.now());
  }

  /** Renames the demo's starter labels the owner has not renamed to the owner's UI language. */
  private followUiLanguage(): void {
    const record = this.d.settingsRepo?.get(DEMO_LABELS_KEY) as DemoLabelRecord | undefined;
    const lang = this.d.uiLanguage?.();
    if (!record || !lang) return;
    const labels = this.d.labels.list();
    const renames = demoLabelRenames(record, labels, lang);
    for (const [id, name] of renames) {
      // A label of that name already there (the owner made one): keep both as they are.
      if (this.d.labels.byName(name)) continue;
      this.d.labels.update(id, name, labels.find((l) => l.id === id)!.color);
    }
    if (renames.length) this.d.events.emit('labels.changed', {});
  }

  // ---- queued replies

  /** Takes back a reply no channel has picked up yet. Loses cleanly (conflict) once the outbox claimed it. */
  cancelQueued(messageId: number): void {
    const m = this.d.messages.get(messageId);
    if (!m) throw notFound('Message', messageId);
    const done = this.d.db
      .transaction(() => {
        if (!this.d.outbox.withdrawQueued(messageId)) return false;
        const wasLast = this.d.conversations.lastMessageId(m.conversationId) === messageId;
        this.d.db.prepare('DELETE FROM messages WHERE id = ?').run(messageId);
        if (wasLast) {
          const prev = this.d.messages.page(m.conversationId, 20).find((x) => x.channel !== 'system');
          this.d.conversations.setLast(
            m.conversationId,
            prev ? { id: prev.id, preview: previewOf(prev.kind, prev.body), channel: prev.channel } : null,
          );
        }
        return true;
      })
      .immediate();
    if (!done) throw new AppError('conflict', 'This message is already being sent and can no longer be cancelled');
    this.d.events.emit('message.removed', { conversationId: m.conversationId, messageId });
    this.changed(m.conversationId);
  }

  /** Rewrites a reply no channel has picked up yet. */
  editQueued(messageId: number, text: string): void {
    const body = text.trim();
    if (!body) throw new AppError('invalid_input', 'Cannot send an empty message');
    if (body.length > MAX_BODY_CHARS) throw new AppError('invalid_input', `Message is longer than ${MAX_BODY_CHARS} characters`);
    const m = this.d.messages.get(messageId);
    if (!m) throw notFound('Message', messageId);
    const done = this.d.db
      .transaction(() => {
        if (!this.d.outbox.editQueued(messageId, body, this.d.clock.now())) return false;
        if (this.d.conversations.lastMessageId(m.conversationId) === messageId)
          this.d.conversations.setLast(m.conversationId, { id: messageId, preview: previewOf(m.kind, body), channel: m.channel });
        return true;
      })
      .immediate();
    if (!done) throw new AppError('conflict', 'This message is already being sent and can no longer be edited');
    this.d.events.emit('message.updated', { conversationId: m.conversationId, message: this.d.messages.get(messageId)! });
    this.changed(m.conversationId);
  }

  // ---- internals

  private checkLabel(name: string, color: string): string {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!clean) throw new AppError('invalid_input', 'A label needs a name');
    if (clean.length > 40) throw new AppError('invalid_input', 'A label name can be at most 40 characters');
    if (!LABEL_COLOR.test(color)) throw new AppError('invalid_input', 'Pick a label colour');
    return clean;
  }

  private changed(conversationId: number): void {
    const s = this.d.conversations.summary(conversationId);
    if (s) this.d.events.emit('conversation.updated', { conversation: s });
  }

  /** Reopens every snoozed conversation whose time has come, then sets the timer for the next one. */
  private wake(): void {
    this.timer = null;
    if (!this.running) return;
    for (const id of this.d.conversations.wakeSnoozed(this.d.clock.now())) this.changed(id);
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer !== null) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    const next = this.d.conversations.nextSnoozeEnd();
    if (next === undefined) return;
    const wait = Math.min(Math.max(0, next - this.d.clock.now()), MAX_TIMER_MS);
    this.timer = this.d.clock.setTimeout(() => this.wake(), wait);
  }
}
