// Reports figures: every section of the Reports page for the periods an owner picks (7 days, 30 days, a 90-day
// custom range), each the full section computation (all its queries, both periods) — target ≤ 200 ms p99.
// The shop's timeline ends at TIMELINE_END, so the service reads with a clock fixed there.
import type { App } from '../../../main/core/app';
import type { Clock } from '../../../main/core/clock';
import { ReportsRepo } from '../../../main/core/reports/reports-repo';
import { ReportsService } from '../../../main/core/reports/service';
import { SpellsBuilder } from '../../../main/core/reports/spells';
import type { PeriodInput } from '../../../main/core/reports/period';
import { shiftDate, localDate } from '../../../main/shared/zoned-time';
import { NOT_BUILT, hasTable } from '../seed-domains';
import { figure, latency, notAvailable, percentile, sample, type Figure } from '../report';
import { Rng } from '../rng';

const TARGET_MS = 200;
const DAY = 86_400_000;

/**
 * The seeded shop has no assistant history (audit log, Needs-you items, suggestion outcomes) and no consent changes;
 * a shop that uses Auto has plenty. Adds a plausible amount to the working copy (never to the cached shop): an
 * audit row for every assistant message, a hold for one customer message in 20, an escalation in 200, a suggestion
 * outcome for one owner message in 4, an opt-out for one contact in 50.
 */
export function addAssistantHistory(app: App, seed: string): number {
  const db = app.services.db;
  if ((db.prepare('SELECT count(*) AS n FROM assistant_audit').get() as { n: number }).n > 0) return 0;
  const rng = new Rng(`${seed}/reports`);
  const audit = db.prepare(`INSERT INTO assistant_audit(at, conversation_id, event, reason, message_id, detail) VALUES (?, ?, ?, ?, ?, ?)`);
  const queue = db.prepare(
    `INSERT INTO assistant_queue(conversation_id, trigger_message_id, kind, reason, state, created_at, updated_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const outcome = db.prepare(
    'INSERT INTO suggestion_outcomes(at, conversation_id, outcome, message_id, similarity) VALUES (?, ?, ?, ?, ?)',
  );
  const consent = db.prepare(
    `INSERT INTO consent_log(contact_id, at, change, by, channel, detail) VALUES (?, ?, ?, 'customer', 'whatsapp', '')`,
  );
  const HOLDS = ['not_in_knowledge', 'price_not_grounded', 'model_unsure', 'outside_hours', 'loop'];
  const ESC = ['asks_for_person', 'complaint', 'refund', 'payment_dispute', 'legal'];
  let rows = 0;
  db.transaction(() => {
    const page = db.prepare(
      `SELECT id, conversation_id AS c, direction AS d, author AS a, created_at AS at FROM messages WHERE id > ? ORDER BY id LIMIT 20000`,
    );
    const msgs = function* () {
      let last = 0;
      for (;;) {
        const batch = page.all(last) as { id: number; c: number; d: string; a: string; at: number }[];
        if (batch.length === 0) return;
        yield* batch;
        last = batch[batch.length - 1].id;
      }
    };
    for (const m of msgs()) {
      if (m.a === 'assistant') {
        const sources = rng.chance(0.6) ? `["K${1 + rng.int(100)}"]` : rng.chance(0.5) ? '["hours"]' : '[]';
        audit.run(m.at, m.c, 'auto_sent', null, m.id, `{"reply":"…","intent":"question","sources":${sources}}`);
        rows++;
      } else if (m.d === 'in' && rng.chance(0.05)) {
        const reason = HOLDS[rng.int(HOLDS.length)];
        audit.run(m.at + 5000, m.c, 'held', reason, m.id, '{}');
        queue.run(m.c, m.id, 'hold', reason, rng.chance(0.7) ? 'sent' : 'dismissed', m.at + 5000, m.at + 5000, m.at + 60_000);
        rows += 2;
      } else if (m.d === 'in' && rng.chance(0.005)) {
        const reason = ESC[rng.int(ESC.length)];
        audit.run(m.at + 2000, m.c, 'escalated', reason, m.id, 'The customer wrote …');
        rows++;
      } else if (m.a === 'owner' && rng.chance(0.25)) {
        const x = rng.next();
        outcome.run(m.at, m.c, x < 0.5 ? 'as_is' : x < 0.8 ? 'edited' : 'discarded', m.id, x < 0.5 ? 1 : 0.6);
        rows++;
      }
    }
    const contacts = (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
    const end = (db.prepare('SELECT max(created_at) AS t FROM messages').get() as { t: number }).t;
    for (let i = 0; i < contacts / 50; i++)
      consent.run(1 + rng.int(contacts), end - rng.int(3 * 365 * DAY), rng.chance(0.9) ? 'opt_out' : 'opt_in');
    rows += Math.floor(contacts / 50);
  })();
  return rows;
}

export async function reportsFigures(app: App, timelineEnd: number, seed: string, runs: number): Promise<Figure[]> {
  if (!hasTable(app.services.db, 'suggestion_outcomes')) return [notAvailable('reports: 30 days p99', 'ms', NOT_BUILT, `≤ ${TARGET_MS}`)];
  const added = addAssistantHistory(app, seed);
  const clock: Clock = { now: () => timelineEnd, setTimeout: () => 0, clearTimeout: () => {} };
  // The first start on an existing shop reads its whole history into report_spells (in the background in the app).
  const builder = new SpellsBuilder(app.services.db);
  const t0 = performance.now();
  builder.catchUp(Number.MAX_SAFE_INTEGER);
  const buildMs = performance.now() - t0;
  const messages = builder.backlog().total;
  const reports = new ReportsService(new ReportsRepo(app.services.db), builder, app.services.settings, clock);
  const today = localDate(timelineEnd, app.services.settings.get().business.timeZone);
  const periods: [string, PeriodInput][] = [
    ['7 days', { preset: '7d' }],
    ['30 days', { preset: '30d' }],
    ['90 days', { preset: 'custom', from: shiftDate(today, -89), to: today }],
  ];
  const sections = ['conversations', 'assistant', 'sales', 'reminders', 'customers'] as const;
  const out: Figure[] = [
    figure(
      'reports: first start, reading history',
      buildMs / 1000,
      's',
      undefined,
      `${messages.toLocaleString('en')} messages, once per shop, in the background`,
    ),
  ];
  for (const section of sections) {
    for (const [label, period] of periods) {
      // CPU time beside wall time: on a shared, busy machine the wall clock mostly measures waiting for a core.
      const cpu: number[] = [];
      const samples = await sample(
        runs,
        () => {
          const c = process.cpuUsage();
          reports[section](period);
          const d = process.cpuUsage(c);
          cpu.push((d.user + d.system) / 1000);
        },
        8000,
      );
      const note = `${samples.length} runs, this period and the one before${added ? `; ${added.toLocaleString('en')} assistant-history rows added` : ''}`;
      out.push(...latency(`reports: ${section}, ${label}`, samples, TARGET_MS, note));
      out.push(figure(`reports: ${section}, ${label} CPU p50`, percentile(cpu, 50), 'ms'));
    }
  }
  return out;
}
