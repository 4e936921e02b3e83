// Figures 2–4: what the UI asks for all day — the inbox list, search, and a long conversation — through the same
// API dispatch (zod parse + service + repository) the Electron IPC and the headless server use.
import type { App } from '../../../main/core/app';
import { dispatch } from '../../../main/core/api/dispatch';
import { latency, sample, figure, type Figure } from '../report';

type Page = { items: { id: number; lastMessageAt: number }[]; next: { at: number; id: number } | null };

async function call<T>(app: App, name: string, input: unknown): Promise<T> {
  const r = await dispatch(app.methods, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

export async function inboxFigures(app: App, runs: number): Promise<Figure[]> {
  const first = await sample(runs, () => call<Page>(app, 'inbox.list', { limit: 50 }));
  const unread = await sample(runs, () => call<Page>(app, 'inbox.list', { unread: true, limit: 50 }));
  const telegram = await sample(runs, () => call<Page>(app, 'inbox.list', { channel: 'telegram', limit: 50 }));
  const sandbox = await sample(runs, () => call<Page>(app, 'inbox.list', { channel: 'sandbox', limit: 50 }));
  // Scrolling the list: keyset pages one after another, 100 pages deep.
  const pages: number[] = [];
  let cursor: Page['next'] = null;
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    const p: Page = await call<Page>(app, 'inbox.list', { limit: 50, ...(cursor ? { cursor } : {}) });
    pages.push(performance.now() - t);
    cursor = p.next;
    if (!cursor) break;
  }
  const workday = await workdayFigures(app, runs);
  return [
    ...latency('inbox: first page of 50', first, 10),
    ...latency('inbox: unread filter', unread, 10),
    ...latency('inbox: channel filter (telegram)', telegram, 10),
    ...latency('inbox: channel filter (no matches)', sandbox, 10, 'worst case: the filter matches nothing'),
    ...latency('inbox: next pages while scrolling', pages, 10, `${pages.length} consecutive pages`),
    ...workday,
  ];
}

/**
 * The working-day tabs: a realistic mix first (two thirds of conversations resolved, 1 in 20 snoozed, 1 in 25 with a
 * "Paid" label, two pinned), then the Active tab (the default view), one state, a label, and the tab counts.
 */
async function workdayFigures(app: App, runs: number): Promise<Figure[]> {
  const db = app.services.db;
  const now = app.services.clock.now();
  db.transaction(() => {
    db.prepare("UPDATE conversations SET state = 'resolved' WHERE id % 3 != 0").run();
    db.prepare("UPDATE conversations SET state = 'snoozed', snoozed_until = ? WHERE id % 20 = 0").run(now + 86_400_000);
    db.prepare('UPDATE conversations SET pinned = 1 WHERE id IN (SELECT id FROM conversations ORDER BY id LIMIT 2)').run();
    const label = Number(
      db.prepare("INSERT OR IGNORE INTO labels(name, color, created_at) VALUES ('Paid (bench)', '#2e7d32', 0)").run().lastInsertRowid,
    );
    db.prepare(
      'INSERT OR IGNORE INTO conversation_labels(conversation_id, label_id) SELECT id, ? FROM conversations WHERE id % 25 = 0',
    ).run(label);
  })();
  const labelId = (db.prepare("SELECT id FROM labels WHERE name = 'Paid (bench)'").get() as { id: number }).id;
  const active = await sample(runs, () => call<Page>(app, 'inbox.list', { state: 'active', limit: 50 }));
  const open = await sample(runs, () => call<Page>(app, 'inbox.list', { state: 'open', limit: 50 }));
  const resolved = await sample(runs, () => call<Page>(app, 'inbox.list', { state: 'resolved', limit: 50 }));
  const labelled = await sample(runs, () => call<Page>(app, 'inbox.list', { state: 'active', label: labelId, limit: 50 }));
  const counts = await sample(runs, () => call(app, 'conversations.counts', {}));
  // Later groups (the UI scroll through every conversation) read the same working copy: put the states back.
  db.transaction(() => {
    db.prepare("UPDATE conversations SET state = 'open', snoozed_until = NULL, pinned = 0").run();
    db.prepare('DELETE FROM conversation_labels WHERE label_id = ?').run(labelId);
    db.prepare('DELETE FROM labels WHERE id = ?').run(labelId);
  })();
  return [
    ...latency('inbox: Active tab (open + waiting)', active, 10, 'two thirds of conversations resolved'),
    ...latency('inbox: Open tab', open, 10),
    ...latency('inbox: Resolved tab', resolved, 10),
    ...latency('inbox: Active tab + label filter', labelled, 10, '1 in 25 conversations labelled'),
    ...latency('inbox: tab counts', counts, 10),
  ];
}

export interface SearchQuery {
  label: string;
  query: string;
}

export async function searchFigures(app: App, queries: SearchQuery[], runs: number): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const q of queries) {
    const hits = app.services.db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?')
      .get(`"${q.query.replace(/"/g, '""')}"*`)?.n;
    // What the owner sees first (names and whole words); the inbox fetches prefix matches right after, if any.
    const samples = await sample(runs, () => call(app, 'inbox.search', { query: q.query, limit: 50 }));
    out.push(
      ...latency(`search: ${q.label} "${q.query}"`, samples, 50, `${(hits ?? 0).toLocaleString('en')} matching messages; first results`),
    );
    const first = await call<{ complete: boolean }>(app, 'inbox.search', { query: q.query, limit: 50 });
    if (!first.complete) {
      const rest = await sample(Math.min(runs, 50), () => call(app, 'inbox.search', { query: q.query, limit: 50, all: true }));
      out.push(
        ...latency(
          `search: ${q.label} "${q.query}", with prefix matches`,
          rest,
          undefined,
          'the second call, while the first results are already shown',
        ),
      );
    }
  }
  return out;
}

type Msg = { id: number };

export async function conversationFigures(app: App, conversationId: number, runs: number): Promise<Figure[]> {
  const total = (
    app.services.db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(conversationId) as { n: number }
  ).n;
  const open = await sample(runs, () => call<Msg[]>(app, 'messages.list', { conversationId, limit: 50 }));
  // Page back through the whole history, as the owner scrolling up would.
  const back: number[] = [];
  let page = await call<Msg[]>(app, 'messages.list', { conversationId, limit: 50 });
  let seen = page.length;
  while (page.length === 50) {
    const beforeId = page[page.length - 1].id;
    const t = performance.now();
    page = await call<Msg[]>(app, 'messages.list', { conversationId, beforeId, limit: 50 });
    back.push(performance.now() - t);
    seen += page.length;
  }
  if (seen !== total) throw new Error(`paging back saw ${seen} of ${total} messages`);
  return [
    ...latency(`conversation: open (${total.toLocaleString('en')} msgs), first page`, open, 20),
    ...latency('conversation: page back', back, 20, `${back.length} pages of 50, to the first message`),
    figure(
      'conversation: whole history paged',
      back.reduce((a, b) => a + b, 0),
      'ms',
      undefined,
      `${seen.toLocaleString('en')} messages`,
    ),
  ];
}
