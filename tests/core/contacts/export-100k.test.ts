// Measures the streamed export on a shop with 100,000 contacts: wall time and peak RSS growth while it runs.
// Opt-in (LAVKA_BENCH=1 npx vitest run tests/core/contacts/export-100k.test.ts): it seeds for a few seconds.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { makeTestApp } from '../../helpers/test-app';

const N = 100_000;

describe.skipIf(!process.env.LAVKA_BENCH)('export of 100,000 contacts', () => {
  it('streams in a couple of seconds with flat memory', async () => {
    const t = await makeTestApp();
    const s = t.app.services;
    const db = s.db;
    const seedStart = performance.now();
    db.transaction(() => {
      const contact = db.prepare('INSERT INTO contacts(name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)');
      const identity = db.prepare('INSERT INTO identities(contact_id, channel, external_id, display, created_at) VALUES (?, ?, ?, ?, 1)');
      const tag = db.prepare('INSERT INTO contact_tags(contact_id, tag) VALUES (?, ?)');
      const conv = db.prepare("INSERT INTO conversations(contact_id, last_message_at, last_channel, created_at) VALUES (?, ?, 'whatsapp', ?)");
      const order = db.prepare("INSERT INTO orders(number, contact_id, customer_name, status, currency, total_minor, created_at, updated_at) VALUES (?, ?, '', 'completed', 'EUR', ?, 1, 1)");
      for (let i = 0; i < N; i++) {
        const name = i % 3 === 0 ? `Анна Петрова ${i}` : i % 3 === 1 ? `Nguyễn Văn ${i}` : `John "J" Smith, ${i}`;
        const id = Number(contact.run(name, i % 4 === 0 ? `Note with, commas\nand a second line ${i}` : '', 1, 1).lastInsertRowid);
        identity.run(id, 'whatsapp', `+49151${String(10_000_000 + i)}`, name);
        if (i % 2 === 0) identity.run(id, 'email', `c${i}@example.com`, '');
        if (i % 5 === 0) identity.run(id, 'telegram', String(500_000_000 + i), `${name} (@user${i})`);
        if (i % 3 === 0) tag.run(id, 'vip');
        if (i % 7 === 0) tag.run(id, 'wholesale');
        if (i % 3 === 0) conv.run(id, 1_700_000_000_000 + i * 1000, 1_690_000_000_000 + i * 1000);
        if (i % 10 === 0) order.run(i / 10 + 1, id, 1000 + i);
      }
    })();
    const seedMs = performance.now() - seedStart;

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const { defaultExportColumns } = await t.call('contacts.facets', {});
    const job = await t.call('contacts.export', { columns: defaultExportColumns });
    const done = await s.jobs.wait(job.id);
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(done.state).toBe('done');
    const r = done.result as { rows: number; bytes: number; downloadId: string };
    expect(r.rows).toBe(N);
    const growthMb = (peak - before) / 2 ** 20;
    const size = statSync(s.downloads.get(r.downloadId)!.path).size;
    console.log(
      `[export-100k] seeded in ${seedMs.toFixed(0)} ms; exported ${r.rows} contacts (${(size / 2 ** 20).toFixed(1)} MB, columns: ${defaultExportColumns.join(', ')}) ` +
        `in ${ms.toFixed(0)} ms; RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak growth ${growthMb.toFixed(1)} MB`,
    );
    // Generous bounds for a shared 2-core machine; the point is "seconds, not minutes" and "flat, not the file size".
    expect(ms).toBeLessThan(10_000);
    expect(growthMb).toBeLessThan(100);

    // The same file imported into an empty shop: check (preview) and commit times for a big file.
    const other = await makeTestApp();
    const o = other.app.services;
    const { uploadId } = o.contacts.importer.put('big.csv', readFileSync(s.downloads.get(r.downloadId)!.path));
    let t0 = performance.now();
    const preview = await o.jobs.wait((await other.call('contacts.importPreview', { uploadId })).id);
    const previewMs = performance.now() - t0;
    expect(preview.state, preview.error?.message).toBe('done');
    t0 = performance.now();
    const commit = await o.jobs.wait((await other.call('contacts.importCommit', { uploadId })).id);
    const commitMs = performance.now() - t0;
    expect(commit.state, commit.error?.message).toBe('done');
    expect(commit.result).toMatchObject({ created: N, errors: 0 });
    console.log(`[export-100k] import of the same file: check ${previewMs.toFixed(0)} ms, check + commit ${commitMs.toFixed(0)} ms`);
    await other.close();
    await t.close();
  }, 180_000);
});
