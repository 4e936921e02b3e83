// SQL for the assistant: per-conversation modes, the "Needs you" queue and the audit log.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { Mode } from '../../assistant/settings';
import type { AuditEntry, AuditEvent, QueueItem, QueueKind, QueueState, Source } from '../../assistant/types';

interface QueueRow {
  id: number;
  conversation_id: number;
  trigger_message_id: number | null;
  kind: QueueKind;
  reason: string;
  detail: string;
  draft: string;
  summary: string;
  sources: string;
  state: QueueState;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  contact_name?: string;
}

interface AuditRow {
  id: number;
  at: number;
  conversation_id: number | null;
  event: AuditEvent;
  purpose: string | null;
  model: string | null;
  prompt_tokens: number | null;
  output_tokens: number | null;
  latency_ms: number | null;
  prompt_eval_ms: number | null;
  eval_ms: number | null;
  load_ms: number | null;
  reason: string | null;
  message_id: number | null;
  detail: string;
}

export type NewAudit = Omit<AuditEntry, 'id'>;

export interface QueueUpsert {
  conversationId: number;
  triggerMessageId: number | null;
  kind: QueueKind;
  reason: string;
  detail: string;
  draft: string;
  summary: string;
  sources: Source[];
}

export class AssistantRepo {
  constructor(private readonly db: Db) {}

  mode(conversationId: number): Mode | undefined {
    return stmt<[number], { mode: Mode }>(this.db, 'SELECT mode FROM conversation_assistant WHERE conversation_id = ?').get(conversationId)
      ?.mode;
  }

  setMode(conversationId: number, mode: Mode | null, now: number): void {
    if (mode === null) {
      stmt(this.db, 'DELETE FROM conversation_assistant WHERE conversation_id = ?').run(conversationId);
      return;
    }
    stmt(
      this.db,
      `INSERT INTO conversation_assistant(conversation_id, mode, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(conversation_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
    ).run(conversationId, mode, now);
  }

  openItem(conversationId: number): QueueItem | undefined {
    const r = stmt<[number], QueueRow>(this.db, `SELECT * FROM assistant_queue WHERE conversation_id = ? AND state = 'open'`).get(
      conversationId,
    );
    return r ? toItem(r) : undefined;
  }

  /**
   * Puts a conversation in "Needs you", or refreshes its open item with the newer draft. An escalation is never
   * downgraded to a hold: the owner must still see why the customer needs them.
   */
  upsertOpen(u: QueueUpsert, now: number): { item: QueueItem; created: boolean } {
    const cur = this.openItem(u.conversationId);
    if (!cur) {
      const r = stmt(
        this.db,
        `INSERT INTO assistant_queue(conversation_id, trigger_message_id, kind, reason, detail, draft, summary, sources, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      ).run(u.conversationId, u.triggerMessageId, u.kind, u.reason, u.detail, u.draft, u.summary, JSON.stringify(u.sources), now, now);
      return { item: this.get(Number(r.lastInsertRowid))!, created: true };
    }
    const keepEscalation = cur.kind === 'escalation' && u.kind === 'hold';
    stmt(
      this.db,
      `UPDATE assistant_queue SET trigger_message_id = ?, kind = ?, reason = ?, detail = ?, draft = ?, summary = ?, sources = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      u.triggerMessageId ?? cur.triggerMessageId,
      keepEscalation ? cur.kind : u.kind,
      keepEscalation ? cur.reason : u.reason,
      keepEscalation ? cur.detail : u.detail,
      u.draft || cur.draft,
      u.summary || cur.summary,
      JSON.stringify(u.sources.length ? u.sources : cur.sources),
      now,
      cur.id,
    );
    return { item: this.get(cur.id)!, created: false };
  }

  setSummary(id: number, summary: string, now: number): void {
    stmt(this.db, 'UPDATE assistant_queue SET summary = ?, updated_at = ? WHERE id = ?').run(summary, now, id);
  }

  get(id: number): QueueItem | undefined {
    const r = stmt<[number], QueueRow>(
      this.db,
      `SELECT q.*, c.name AS contact_name FROM assistant_queue q
       JOIN conversations v ON v.id = q.conversation_id JOIN contacts c ON c.id = v.contact_id WHERE q.id = ?`,
    ).get(id);
    return r ? toItem(r) : undefined;
  }

  listOpen(limit: number): QueueItem[] {
    return stmt<[number], QueueRow>(
      this.db,
      `SELECT q.*, c.name AS contact_name FROM assistant_queue q
       JOIN conversations v ON v.id = q.conversation_id JOIN contacts c ON c.id = v.contact_id
       WHERE q.state = 'open' ORDER BY (q.kind = 'escalation') DESC, q.updated_at DESC LIMIT ?`,
    )
      .all(limit)
      .map(toItem);
  }

  countOpen(): number {
    return stmt<[], { n: number }>(this.db, `SELECT count(*) AS n FROM assistant_queue WHERE state = 'open'`).get()!.n;
  }

  resolve(id: number, state: Exclude<QueueState, 'open'>, now: number): boolean {
    return (
      stmt(this.db, `UPDATE assistant_queue SET state = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND state = 'open'`).run(
        state,
        now,
        now,
        id,
      ).changes > 0
    );
  }

  audit(a: NewAudit): number {
    const r = stmt(
      this.db,
      `INSERT INTO assistant_audit(at, conversation_id, event, purpose, model, prompt_tokens, output_tokens, latency_ms, prompt_eval_ms, eval_ms, load_ms, reason, message_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.at,
      a.conversationId,
      a.event,
      a.purpose,
      a.model,
      a.promptTokens,
      a.outputTokens,
      a.latencyMs,
      a.promptEvalMs,
      a.evalMs,
      a.loadMs,
      a.reason,
      a.messageId,
      a.detail,
    );
    return Number(r.lastInsertRowid);
  }

  /** Deletes audit entries older than `before` (index assistant_audit_at); returns how many went. */
  pruneAudit(before: number): number {
    return stmt(this.db, 'DELETE FROM assistant_audit WHERE at < ?').run(before).changes;
  }

  /** Audit entries newest first; for one conversation or all. */
  auditList(conversationId: number | null, limit: number): AuditEntry[] {
    const rows =
      conversationId === null
        ? stmt<[number], AuditRow>(this.db, 'SELECT * FROM assistant_audit ORDER BY id DESC LIMIT ?').all(limit)
        : stmt<[number, number], AuditRow>(this.db, 'SELECT * FROM assistant_audit WHERE conversation_id = ? ORDER BY id DESC LIMIT ?').all(
            conversationId,
            limit,
          );
    return rows.map(toAudit);
  }

  /**
   * Trailing messages of a conversation, for loop detection. `author` is the message's origin: a reminder or an
   * order-status notice is not the owner taking part. Newest last.
   */
  recentTurns(
    conversationId: number,
    limit: number,
  ): { id: number; direction: 'in' | 'out'; author: string; body: string; createdAt: number }[] {
    return stmt<[number, number], { id: number; direction: 'in' | 'out'; author: string; body: string; created_at: number }>(
      this.db,
      `SELECT id, direction, origin AS author, body, created_at FROM messages WHERE conversation_id = ? AND channel != 'system' ORDER BY id DESC LIMIT ?`,
    )
      .all(conversationId, limit)
      .reverse()
      .map((r) => ({ id: r.id, direction: r.direction, author: r.author, body: r.body, createdAt: r.created_at }));
  }
}

function toItem(r: QueueRow): QueueItem {
  let sources: Source[] = [];
  try {
    sources = JSON.parse(r.sources) as Source[];
  } catch {
    sources = [];
  }
  return {
    id: r.id,
    conversationId: r.conversation_id,
    contactName: r.contact_name ?? '',
    triggerMessageId: r.trigger_message_id,
    kind: r.kind,
    reason: r.reason,
    detail: r.detail,
    draft: r.draft,
    summary: r.summary,
    sources,
    state: r.state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
  };
}

function toAudit(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    conversationId: r.conversation_id,
    event: r.event,
    purpose: r.purpose,
    model: r.model,
    promptTokens: r.prompt_tokens,
    outputTokens: r.output_tokens,
    latencyMs: r.latency_ms,
    promptEvalMs: r.prompt_eval_ms,
    evalMs: r.eval_ms,
    loadMs: r.load_ms,
    reason: r.reason,
    messageId: r.message_id,
    detail: r.detail,
  };
}
