// SQL for the owner's knowledge entries (Q&A and policies) and their FTS5 index.
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { KnowledgeEntry, KnowledgeInput, KnowledgeKind } from '../../knowledge/types';

interface Row {
  id: number;
  kind: KnowledgeKind;
  title: string;
  body: string;
  keywords: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

const COLS = 'id, kind, title, body, keywords, enabled, created_at, updated_at';

export class KnowledgeRepo {
  constructor(private readonly db: Db) {}

  list(): KnowledgeEntry[] {
    return stmt<[], Row>(this.db, `SELECT ${COLS} FROM knowledge_entries ORDER BY kind DESC, id`).all().map(toEntry);
  }

  get(id: number): KnowledgeEntry | undefined {
    const r = stmt<[number], Row>(this.db, `SELECT ${COLS} FROM knowledge_entries WHERE id = ?`).get(id);
    return r ? toEntry(r) : undefined;
  }

  /** Enabled policies in a fixed order: they go into the byte-identical prompt prefix. */
  enabledPolicies(): KnowledgeEntry[] {
    return stmt<[], Row>(this.db, `SELECT ${COLS} FROM knowledge_entries WHERE kind = 'policy' AND enabled = 1 ORDER BY id`)
      .all()
      .map(toEntry);
  }

  create(input: KnowledgeInput, now: number): number {
    const r = stmt(
      this.db,
      'INSERT INTO knowledge_entries(kind, title, body, keywords, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(input.kind, input.title, input.body, input.keywords ?? '', input.enabled === false ? 0 : 1, now, now);
    return Number(r.lastInsertRowid);
  }

  update(id: number, input: KnowledgeInput, now: number): boolean {
    const r = stmt(
      this.db,
      'UPDATE knowledge_entries SET kind = ?, title = ?, body = ?, keywords = ?, enabled = ?, updated_at = ? WHERE id = ?',
    ).run(input.kind, input.title, input.body, input.keywords ?? '', input.enabled === false ? 0 : 1, now, id);
    return r.changes > 0;
  }

  delete(id: number): boolean {
    return stmt(this.db, 'DELETE FROM knowledge_entries WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM knowledge_entries').get()!.n;
  }

  /**
   * Enabled entries matching an FTS5 expression, best first by BM25. Title and keywords weigh more than the body:
   * a customer's question usually resembles the entry's question, not every word of its answer.
   */
  search(match: string, kinds: readonly KnowledgeKind[], limit: number): (KnowledgeEntry & { score: number })[] {
    const rows = stmt<[string, number], Row & { score: number }>(
      this.db,
      `SELECT e.id, e.kind, e.title, e.body, e.keywords, e.enabled, e.created_at, e.updated_at, bm25(knowledge_fts, 3.0, 1.0, 2.0) AS score
       FROM knowledge_fts JOIN knowledge_entries e ON e.id = knowledge_fts.rowid
       WHERE knowledge_fts MATCH ? AND e.enabled = 1
       ORDER BY score LIMIT ?`,
    ).all(match, limit * 3);
    return rows
      .filter((r) => kinds.includes(r.kind))
      .slice(0, limit)
      .map((r) => ({ ...toEntry(r), score: r.score }));
  }
}

function toEntry(r: Row): KnowledgeEntry {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    keywords: r.keywords,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
