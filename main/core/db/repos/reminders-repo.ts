// SQL for reminders. The scheduler reads only the partial index of scheduled rows by fire_at; state changes are
// guarded by the current status so a reminder can move out of 'scheduled' exactly once.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { Reminder, ReminderSource, ReminderStatus, ReminderTab, StatusNote } from '../../reminders/types';
import type { ReminderKind } from '../../reminders/templates';
import type { Repeat } from '../../../shared/zoned-time';
import type { MessageStatus } from '../../inbox/types';

interface Row {
  id: number;
  contact_id: number;
  contact_name: string;
  series_id: number | null;
  kind: ReminderKind;
  source: ReminderSource;
  rule_key: string | null;
  order_id: number | null;
  order_number: number | null;
  template: string;
  rendered_text: string | null;
  channel: string | null;
  due_at: number;
  fire_at: number;
  event_at: number | null;
  time_zone: string;
  local_due: string;
  repeat: Repeat;
  repeat_every: number;
  repeat_day: number | null;
  status: ReminderStatus;
  status_note: StatusNote | null;
  message_id: number | null;
  message_status: MessageStatus | null;
  personalise: number;
  created_at: number;
  updated_at: number;
  done_at: number | null;
}

/** A reminder before it is stored: the fields the owner or a rule sets. */
export type NewReminder = Pick<
  Reminder,
  | 'contactId'
  | 'seriesId'
  | 'kind'
  | 'source'
  | 'ruleKey'
  | 'orderId'
  | 'template'
  | 'channel'
  | 'dueAt'
  | 'fireAt'
  | 'eventAt'
  | 'timeZone'
  | 'localDue'
  | 'repeat'
  | 'repeatEvery'
  | 'repeatDay'
  | 'personalise'
>;

/** What an edit may change: everything but who it is for and where it came from. */
export type ReminderPatch = Partial<Omit<NewReminder, 'contactId' | 'seriesId' | 'source' | 'ruleKey' | 'orderId'>>;

export interface ListCursor {
  at: number;
  id: number;
}

const SELECT = `SELECT r.*, k.name AS contact_name, o.number AS order_number, m.status AS message_status
  FROM reminders r
  JOIN contacts k ON k.id = r.contact_id
  LEFT JOIN orders o ON o.id = r.order_id
  LEFT JOIN messages m ON m.id = r.message_id`;

const PATCH_COLUMNS: Record<keyof ReminderPatch, string> = {
  kind: 'kind',
  template: 'template',
  channel: 'channel',
  dueAt: 'due_at',
  fireAt: 'fire_at',
  eventAt: 'event_at',
  timeZone: 'time_zone',
  localDue: 'local_due',
  repeat: 'repeat',
  repeatEvery: 'repeat_every',
  repeatDay: 'repeat_day',
  personalise: 'personalise',
};

export class RemindersRepo {
  constructor(private readonly db: Db) {}

  /** Returns the new id, or undefined when the rule key or series step already exists (nothing is doubled). */
  insert(r: NewReminder, now: number): number | undefined {
    const row = stmt<unknown[], { id: number }>(
      this.db,
      `INSERT INTO reminders(contact_id, series_id, kind, source, rule_key, order_id, template, channel, due_at, fire_at, event_at,
         time_zone, local_due, repeat, repeat_every, repeat_day, status, personalise, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)
       ON CONFLICT DO NOTHING
       RETURNING id`,
    ).get(
      r.contactId,
      r.seriesId,
      r.kind,
      r.source,
      r.ruleKey,
      r.orderId,
      r.template,
      r.channel,
      r.dueAt,
      r.fireAt,
      r.eventAt,
      r.timeZone,
      r.localDue,
      r.repeat,
      r.repeatEvery,
      r.repeatDay,
      r.personalise ? 1 : 0,
      now,
      now,
    );
    if (!row) return undefined;
    // A one-off or the first of a series is its own series.
    if (r.seriesId === null) stmt(this.db, 'UPDATE reminders SET series_id = id WHERE id = ?').run(row.id);
    return row.id;
  }

  get(id: number): Reminder | undefined {
    const row = stmt<[number], Row>(this.db, `${SELECT} WHERE r.id = ?`).get(id);
    return row ? toReminder(row) : undefined;
  }

  byRuleKey(key: string): Reminder | undefined {
    const row = stmt<[string], Row>(this.db, `${SELECT} WHERE r.rule_key = ?`).get(key);
    return row ? toReminder(row) : undefined;
  }

  /** Ids of scheduled reminders whose fire time has come, oldest first. */
  due(now: number, limit: number): number[] {
    return stmt<[number, number], { id: number }>(
      this.db,
      `SELECT id FROM reminders WHERE status = 'scheduled' AND fire_at <= ? ORDER BY fire_at, id LIMIT ?`,
    )
      .all(now, limit)
      .map((r) => r.id);
  }

  nextFireAt(): number | undefined {
    return (
      stmt<[], { t: number | null }>(this.db, `SELECT min(fire_at) AS t FROM reminders WHERE status = 'scheduled'`).get()?.t ?? undefined
    );
  }

  /** Every scheduled reminder's timing, for re-applying changed quiet hours. */
  scheduledTimes(): { id: number; dueAt: number; fireAt: number }[] {
    return stmt<[], { id: number; due_at: number; fire_at: number }>(
      this.db,
      `SELECT id, due_at, fire_at FROM reminders WHERE status = 'scheduled'`,
    )
      .all()
      .map((r) => ({ id: r.id, dueAt: r.due_at, fireAt: r.fire_at }));
  }

  list(tab: ReminderTab, opts: { contactId?: number; limit: number; cursor?: ListCursor }): Reminder[] {
    const status: ReminderStatus = tab === 'upcoming' ? 'scheduled' : tab;
    // History rows always have done_at; saying so lets SQLite use the partial history index.
    const where = tab === 'upcoming' ? ['r.status = ?'] : ['r.status = ?', 'r.done_at IS NOT NULL'];
    const params: (string | number)[] = [status];
    if (opts.contactId !== undefined) {
      where.push('r.contact_id = ?');
      params.push(opts.contactId);
    }
    // Upcoming: soonest first. History: most recent first.
    const [col, dir, cmp] = tab === 'upcoming' ? ['r.fire_at', 'ASC', '>'] : ['r.done_at', 'DESC', '<'];
    if (opts.cursor) {
      where.push(`(${col} ${cmp} ? OR (${col} = ? AND r.id ${cmp} ?))`);
      params.push(opts.cursor.at, opts.cursor.at, opts.cursor.id);
    }
    const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${col} ${dir}, r.id ${dir} LIMIT ?`;
    return stmt<(string | number)[], Row>(this.db, sql)
      .all(...params, opts.limit)
      .map(toReminder);
  }

  counts(contactId?: number): Record<ReminderTab, number> {
    const rows =
      contactId === undefined
        ? stmt<[], { status: ReminderStatus; n: number }>(this.db, 'SELECT status, count(*) AS n FROM reminders GROUP BY status').all()
        : stmt<[number], { status: ReminderStatus; n: number }>(
            this.db,
            'SELECT status, count(*) AS n FROM reminders WHERE contact_id = ? GROUP BY status',
          ).all(contactId);
    const out: Record<ReminderTab, number> = { upcoming: 0, sent: 0, missed: 0, cancelled: 0 };
    for (const r of rows) out[r.status === 'scheduled' ? 'upcoming' : r.status] = r.n;
    return out;
  }

  /** Changes a scheduled reminder. Returns false when it is no longer scheduled. */
  update(id: number, patch: ReminderPatch, now: number): boolean {
    const sets: string[] = [];
    const params: (string | number | null)[] = [];
    for (const [key, col] of Object.entries(PATCH_COLUMNS) as [keyof ReminderPatch, string][]) {
      if (patch[key] === undefined) continue;
      sets.push(`${col} = ?`);
      const v = patch[key];
      params.push(typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null));
    }
    if (sets.length === 0) return this.get(id)?.status === 'scheduled';
    const r = stmt(this.db, `UPDATE reminders SET ${sets.join(', ')}, updated_at = ? WHERE id = ? AND status = 'scheduled'`).run(
      ...params,
      now,
      id,
    );
    return r.changes > 0;
  }

  setFireAt(id: number, fireAt: number, now: number): void {
    stmt(this.db, `UPDATE reminders SET fire_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'`).run(fireAt, now, id);
  }

  /** scheduled → sent with the exact text and its message. False when another run got there first. */
  markSent(id: number, text: string, messageId: number, now: number): boolean {
    const r = stmt(
      this.db,
      `UPDATE reminders SET status = 'sent', rendered_text = ?, message_id = ?, status_note = NULL, done_at = ?, updated_at = ?
       WHERE id = ? AND status = 'scheduled'`,
    ).run(text, messageId, now, now, id);
    return r.changes > 0;
  }

  /** scheduled → missed/cancelled. False when it was not scheduled any more. */
  finish(id: number, status: 'missed' | 'cancelled', note: StatusNote, now: number): boolean {
    const r = stmt(
      this.db,
      `UPDATE reminders SET status = ?, status_note = ?, done_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'`,
    ).run(status, note, now, now, id);
    return r.changes > 0;
  }

  /** A missed reminder the owner sends anyway goes back to the queue. */
  reopen(id: number, fireAt: number, now: number): boolean {
    const r = stmt(
      this.db,
      `UPDATE reminders SET status = 'scheduled', status_note = NULL, done_at = NULL, fire_at = ?, updated_at = ? WHERE id = ? AND status = 'missed'`,
    ).run(fireAt, now, id);
    return r.changes > 0;
  }

  /** Removes a scheduled reminder an automatic rule made whose reason went away (order paid, customer replied). */
  deleteScheduledRule(id: number): boolean {
    return stmt(this.db, `DELETE FROM reminders WHERE id = ? AND source = 'rule' AND status = 'scheduled'`).run(id).changes > 0;
  }

  /** Scheduled rule reminders of one kind for a contact (e.g. follow-ups to drop when the customer writes). */
  scheduledRuleIds(contactId: number, kind: ReminderKind): number[] {
    return stmt<[number, string], { id: number }>(
      this.db,
      `SELECT id FROM reminders WHERE contact_id = ? AND kind = ? AND source = 'rule' AND status = 'scheduled'`,
    )
      .all(contactId, kind)
      .map((r) => r.id);
  }

  scheduledForContact(contactId: number): number[] {
    return stmt<[number], { id: number }>(this.db, `SELECT id FROM reminders WHERE contact_id = ? AND status = 'scheduled'`)
      .all(contactId)
      .map((r) => r.id);
  }

  /** Scheduled rule reminders of a kind, for reconciling with their rule. */
  scheduledRules(kind: ReminderKind): Reminder[] {
    return stmt<[string], Row>(this.db, `${SELECT} WHERE r.source = 'rule' AND r.kind = ? AND r.status = 'scheduled'`)
      .all(kind)
      .map(toReminder);
  }

  /**
   * Conversations active since `since` whose newest message is from the owner or the assistant (not a reminder),
   * with the customer's last message id: candidates for a follow-up.
   */
  awaitingCustomer(since: number): { conversationId: number; contactId: number; lastInboundId: number; lastOutAt: number }[] {
    return stmt<[number], { conversationId: number; contactId: number; lastInboundId: number | null; lastOutAt: number }>(
      this.db,
      `SELECT c.id AS conversationId, c.contact_id AS contactId, m.created_at AS lastOutAt,
         (SELECT max(i.id) FROM messages i WHERE i.conversation_id = c.id AND i.direction = 'in') AS lastInboundId
       FROM conversations c JOIN messages m ON m.id = c.last_message_id
       WHERE c.last_message_at >= ? AND m.direction = 'out' AND m.author IN ('owner', 'assistant') AND m.channel <> 'system'
         AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.message_id = m.id)`,
    )
      .all(since)
      .filter(
        (r): r is { conversationId: number; contactId: number; lastInboundId: number; lastOutAt: number } => r.lastInboundId !== null,
      );
  }

  /** The customer's newest message in a conversation (0: they never wrote). */
  lastInboundId(conversationId: number): number {
    return (
      stmt<[number], { id: number | null }>(
        this.db,
        `SELECT max(id) AS id FROM messages WHERE conversation_id = ? AND direction = 'in'`,
      ).get(conversationId)?.id ?? 0
    );
  }

  contactOfConversation(conversationId: number): number | undefined {
    return stmt<[number], { contact_id: number }>(this.db, 'SELECT contact_id FROM conversations WHERE id = ?').get(conversationId)
      ?.contact_id;
  }

  isReminderMessage(messageId: number): boolean {
    return stmt(this.db, 'SELECT 1 FROM reminders WHERE message_id = ?').get(messageId) !== undefined;
  }
}

function toReminder(r: Row): Reminder {
  return {
    id: r.id,
    contactId: r.contact_id,
    contactName: r.contact_name,
    seriesId: r.series_id,
    kind: r.kind,
    source: r.source,
    ruleKey: r.rule_key,
    orderId: r.order_id,
    orderNumber: r.order_number,
    template: r.template,
    renderedText: r.rendered_text,
    preview: null,
    channel: r.channel,
    dueAt: r.due_at,
    fireAt: r.fire_at,
    eventAt: r.event_at,
    timeZone: r.time_zone,
    localDue: r.local_due,
    repeat: r.repeat,
    repeatEvery: r.repeat_every,
    repeatDay: r.repeat_day,
    status: r.status,
    statusNote: r.status_note,
    messageId: r.message_id,
    messageStatus: r.message_status,
    personalise: r.personalise === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    doneAt: r.done_at,
  };
}
