// Contact import from CSV: upload in chunks, preview (mapping guessed, every row checked, duplicates found), then one
// all-or-nothing commit. Checking is the slow part and runs as a cancellable job; the commit re-checks against the
// database as it is at that moment and applies everything in a single transaction, so a cancel or a crash leaves no
// half import behind.
import { readFileSync } from 'node:fs';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { decodeCsv, detectDelimiter, readRecords } from './csv-read';
import { guessMapping, IMPORT_FIELDS, type ImportField } from './import-map';
import type { JobContext } from './jobs';
import { normaliseEmail, splitMulti } from './phone';
import { ImportPhoneReader, type PhoneReading } from './import-phone';
import { normaliseTags } from './tags';
import { ImportUploads } from './import-uploads';
import {
  MAX_ISSUES,
  MAX_NAME,
  MAX_NOTES,
  SAMPLE_ROWS,
  type Draft,
  type ImportCounts,
  type IssueCode,
  type ImportIssue,
  type ImportOptions,
  type ImportPreview,
  type ImportResult,
  type Op,
  type Plan,
  type Upload,
} from './import-types';

export { MAX_IMPORT_BYTES, type ImportIssue, type ImportOptions, type ImportPreview, type ImportResult } from './import-types';

export class ContactImporter {
  private readonly uploads: ImportUploads;

  constructor(
    private readonly db: Db,
    private readonly contacts: ContactsRepo,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly dir: string,
    private readonly region: () => string,
  ) {
    this.uploads = new ImportUploads(dir);
  }

  begin(fileName: string, size: number): { uploadId: string } {
    return this.uploads.begin(fileName, size);
  }

  chunk(uploadId: string, index: number, base64: string): { received: number } {
    return this.uploads.chunk(uploadId, index, base64);
  }

  /** Stores a whole file at once (tests, small files). */
  put(fileName: string, bytes: Uint8Array): { uploadId: string } {
    return this.uploads.put(fileName, bytes);
  }

  discard(uploadId: string): void {
    this.uploads.discard(uploadId);
  }

  private upload(id: string): Upload {
    return this.uploads.get(id);
  }

  async preview(uploadId: string, opts: ImportOptions, job: JobContext): Promise<ImportPreview> {
    const u = this.upload(uploadId);
    const plan = await this.analyse(u, opts, job);
    return { uploadId, fileName: u.fileName, ...plan.preview };
  }

  /**
   * Re-checks the file against the database as it is now, then applies it in one transaction. With errors present the
   * owner must say to skip those rows; nothing is written otherwise.
   */
  async commit(uploadId: string, opts: ImportOptions & { skipErrors: boolean }, job: JobContext): Promise<ImportResult> {
    const u = this.upload(uploadId);
    const plan = await this.analyse(u, opts, job);
    const { counts } = plan.preview;
    if (counts.errors > 0 && !opts.skipErrors) {
      throw new AppError(
        'invalid_input',
        `${counts.errors} rows have errors. Fix them in the file, or choose to skip those rows.`,
        {
          errors: counts.errors,
        },
        { reason: 'rows_have_errors', params: { count: counts.errors } },
      );
    }
    job.progress(0, plan.ops.length, 'saving');
    await job.yield();
    const now = this.clock.now();
    const touched: number[] = [];
    // One synchronous transaction: nothing else can interleave, and either every row lands or none does.
    this.db
      .transaction(() => {
        for (const op of plan.ops) touched.push(this.apply(op, now));
      })
      .immediate();
    this.discard(uploadId);
    job.progress(plan.ops.length, plan.ops.length, 'done');
    // One event for the whole import: a 100,000-row file must not send 100,000 messages to the UI.
    this.events.emit('contacts.changed', { reason: 'import', count: touched.length });
    if (touched.length <= 50) for (const id of touched) this.events.emit('contact.updated', { contactId: id });
    return {
      created: plan.ops.filter((o) => o.contactId === null).length,
      merged: plan.ops.filter((o) => o.contactId !== null).length,
      skipped: counts.skipped,
      errors: counts.errors,
    };
  }

  private apply(op: Op, now: number): number {
    const d = op.draft;
    const addresses: [string, string, string][] = [
      ...d.phones.map((p): [string, string, string] => ['phone', p, '']),
      ...d.emails.map((e): [string, string, string] => ['email', e, '']),
      ...d.telegram.map((t): [string, string, string] => ['telegram', t.id, t.display]),
    ];
    if (op.contactId === null) {
      // New contact: the check already found none of its addresses in Lavka, so this is inserts only (fast path).
      const id = this.contacts.create({ name: d.name, notes: d.notes.join('\n\n'), language: d.language }, now);
      for (const [channel, ext, display] of addresses) this.contacts.addImportedIdentity(id, channel, ext, display, now);
      for (const tag of d.tags) this.contacts.addTag(id, tag);
      return id;
    }
    const id = op.contactId;
    const cur = this.contacts.get(id)!;
    const curIsAddress = !/\p{L}/u.test(cur.name) || cur.identities.some((i) => i.externalId === cur.name);
    const notes = [cur.notes, ...d.notes.filter((n) => !cur.notes.includes(n))].filter(Boolean).join('\n\n');
    this.contacts.update(
      id,
      { name: curIsAddress && !d.nameFromAddress ? d.name : undefined, notes, language: cur.language ?? d.language },
      now,
    );
    for (const [channel, ext, display] of addresses) {
      // The same number may already be there as a WhatsApp identity: one address, not two.
      if (channel === 'phone' && this.contacts.findByPhone(ext) !== undefined) continue;
      this.contacts.addImportedIdentity(id, channel, ext, display, now);
    }
    for (const tag of d.tags) this.contacts.addTag(id, tag);
    return id;
  }

  private async analyse(u: Upload, opts: ImportOptions, job: JobContext): Promise<Plan> {
    job.progress(0, 1, 'reading');
    const { text, encoding } = decodeCsv(readFileSync(u.path), opts.encoding);
    const delimiter = opts.delimiter ?? detectDelimiter(text);
    const region = this.region();
    const issues: ImportIssue[] = [];
    const counts: ImportCounts = { rows: 0, create: 0, merge: 0, duplicateRows: 0, skipped: 0, errors: 0, warnings: 0 };
    const issue = (i: ImportIssue) => {
      if (i.severity === 'error') counts.errors++;
      else counts.warnings++;
      issues.push(i);
    };
    const records = readRecords(text, delimiter);
    const first = records.next();
    if (first.done) throw new AppError('invalid_input', 'The file is empty', undefined, { reason: 'file_empty' });
    if (!first.value.ok) throw new AppError('invalid_input', 'The first row (the column names) could not be read: check its quotes');
    const headers = first.value.fields.map((h) => h.trim());
    const mapping = opts.mapping ?? guessMapping(headers);
    if (mapping.length !== headers.length)
      throw new AppError('invalid_input', `The mapping has ${mapping.length} entries for ${headers.length} columns`);
    if (!mapping.some((f) => f === 'name' || f === 'firstName' || f === 'lastName' || f === 'phone' || f === 'email' || f === 'telegram')) {
      throw new AppError('invalid_input', 'Map at least one column to a name, phone, email or Telegram');
    }
    const sample: string[][] = [];
    const samplePhones: PhoneReading[][] = [];
    const phones = new ImportPhoneReader(region);
    const ops: Op[] = [];
    const byKey = new Map<string, number>();
    let processed = 0;
    job.progress(0, text.length, 'checking');

    for (const rec of records) {
      if (++processed % 1000 === 0) {
        job.progress(rec.end, text.length, 'checking');
        await job.yield();
      }
      // A row of nothing but separators (";;;;", common at the end of Excel exports) is a blank row.
      if (rec.ok && rec.fields.every((f) => f.trim() === '')) continue;
      counts.rows++;
      if (!rec.ok) {
        issue({ row: rec.row, line: rec.line, severity: 'error', code: 'broken_quotes' });
        continue;
      }
      if (sample.length < SAMPLE_ROWS) {
        sample.push(rec.fields);
        samplePhones.push(mapping.flatMap((f, i) => (f === 'phone' ? splitMulti(rec.fields[i] ?? '').map((v) => phones.read(v)) : [])));
      }
      if (rec.fields.length > headers.length && rec.fields.slice(headers.length).some((f) => f.trim() !== '')) {
        issue({
          row: rec.row,
          line: rec.line,
          severity: 'error',
          code: 'too_many_cells',
          value: String(rec.fields.length),
          ref: headers.length,
        });
        continue;
      }
      const draft = this.draftOf(rec.fields, headers, mapping, phones, rec.row, rec.line, issue);
      if (!draft) continue;

      // Duplicates within the file: the same phone or email as an earlier row. Reported, and whatever the later row
      // adds (another email, a note, tags) is kept on the earlier one — never dropped, whatever the policy for
      // contacts already in Lavka.
      const keys = [...draft.phones.map((p) => `p:${p}`), ...draft.emails.map((e) => `e:${e}`), ...draft.telegram.map((t) => `t:${t.id}`)];
      const earlier = keys.map((k) => byKey.get(k)).find((x) => x !== undefined);
      if (earlier !== undefined) {
        counts.duplicateRows++;
        const target = ops[earlier];
        issue({ row: rec.row, line: rec.line, severity: 'warning', code: 'duplicate_row', ref: target.draft.rows[0] });
        mergeDraft(target.draft, draft);
        for (const k of keys) if (!byKey.has(k)) byKey.set(k, earlier);
        continue;
      }
      // Already in Lavka: by phone (any format a channel stored) or email.
      const matches = new Set<number>();
      for (const p of draft.phones) {
        const id = this.contacts.findByPhone(p);
        if (id !== undefined) matches.add(id);
      }
      for (const e of draft.emails) {
        const id = this.contacts.findByEmail(e);
        if (id !== undefined) matches.add(id);
      }
      for (const t of draft.telegram) {
        const id = this.contacts.findIdentity('telegram', t.id)?.contactId;
        if (id !== undefined) matches.add(id);
      }
      let contactId: number | null = null;
      if (matches.size > 0) {
        contactId = [...matches][0];
        if (matches.size > 1) issue({ row: rec.row, line: rec.line, severity: 'warning', code: 'several_matches', ref: contactId });
        if (opts.duplicates === 'skip') {
          counts.skipped++;
          issue({ row: rec.row, line: rec.line, severity: 'warning', code: 'matches_contact', ref: contactId });
          continue;
        }
        issue({ row: rec.row, line: rec.line, severity: 'warning', code: 'matches_contact', ref: contactId });
      }
      const idx = ops.length;
      ops.push({ draft, contactId });
      for (const k of keys) byKey.set(k, idx);
    }
    counts.create = ops.filter((o) => o.contactId === null).length;
    counts.merge = ops.length - counts.create;
    issues.sort((a, b) => a.row - b.row || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    job.progress(text.length, text.length, 'checked');
    return {
      preview: {
        encoding,
        delimiter,
        headers,
        mapping,
        sample,
        samplePhones,
        counts,
        issues: issues.slice(0, MAX_ISSUES),
        issuesTruncated: issues.length > MAX_ISSUES,
      },
      ops,
    };
  }

  /** One row → a contact draft, or null (with the errors recorded) when the row cannot be imported. */
  private draftOf(
    fields: string[],
    headers: string[],
    mapping: ImportField[],
    phoneReader: ImportPhoneReader,
    row: number,
    line: number,
    issue: (i: ImportIssue) => void,
  ): Draft | null {
    const values: Partial<Record<ImportField, { value: string; column: string }[]>> = {};
    mapping.forEach((f, i) => {
      if (f === 'ignore') return;
      // Lavka's (and OWASP's) formula defusing puts an apostrophe before = + - @; it is not part of the value.
      const v = (fields[i] ?? '').trim().replace(/^'(?=[=+\-@\t\r])/, '');
      if (!v) return;
      (values[f] ??= []).push({ value: v, column: headers[i] });
    });
    const first = (f: ImportField) => values[f]?.[0]?.value ?? '';
    let ok = true;
    const err = (code: IssueCode, column?: string, value?: string) => {
      ok = false;
      issue({ row, line, severity: 'error', code, column, value });
    };
    const phones: string[] = [];
    const flagged: string[] = [];
    const notes: string[] = [];
    for (const { value, column } of values.phone ?? []) {
      for (const part of splitMulti(value)) {
        const reading = phoneReader.read(part);
        if (reading.otherCountry) {
          // Not rewritten into the shop's country: kept as written, for the owner to fix with a country code.
          notes.push(`Phone: ${part}`);
          flagged.push(part);
          issue({ row, line, severity: 'warning', code: 'phone_other_country', column, value: part, phone: reading });
        } else if (reading.e164) {
          if (!phones.includes(reading.e164)) phones.push(reading.e164);
        } else err('bad_phone', column, part);
      }
    }
    const emails: string[] = [];
    for (const { value, column } of values.email ?? []) {
      for (const part of splitMulti(value)) {
        const e = normaliseEmail(part);
        if (e) {
          if (!emails.includes(e)) emails.push(e);
        } else err('bad_email', column, part);
      }
    }
    const telegram: Draft['telegram'] = [];
    for (const { value, column } of values.telegram ?? []) {
      for (const part of splitMulti(value)) {
        const m = /^(\d{3,15})(?:\s*\((@[A-Za-z0-9_]{4,32})\))?$/.exec(part);
        const user = /^(?:@|https?:\/\/t\.me\/|t\.me\/)([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(part);
        if (m) telegram.push({ id: m[1], display: m[2] ?? '' });
        else if (user) {
          // A bot can write only to people who wrote to it first, and it knows them by numeric id, not by @name.
          notes.push(`Telegram: @${user[1]}`);
          issue({ row, line, severity: 'warning', code: 'telegram_username', column, value: part });
        } else err('bad_telegram', column, part);
      }
    }
    for (const { value } of values.notes ?? []) notes.push(value);
    const tags = normaliseTags(
      (values.tags ?? []).flatMap(({ value }) => splitMulti(value)).filter((t) => !t.startsWith('* ') && t !== 'myContacts'),
    );
    let language: string | null = null;
    const lang = first('language').toLowerCase();
    if (lang) {
      if (/^[a-z]{2}$/.test(lang)) language = lang;
      else issue({ row, line, severity: 'warning', code: 'bad_language', value: lang });
    }
    let name = first('name') || [first('firstName'), first('middleName'), first('lastName')].filter(Boolean).join(' ');
    let nameFromAddress = false;
    if (!name) {
      name = phones[0] ?? emails[0] ?? (telegram[0] ? telegram[0].display || telegram[0].id : (flagged[0] ?? ''));
      nameFromAddress = true;
    }
    if (!ok) return null;
    if (!name && phones.length === 0 && emails.length === 0) {
      issue({ row, line, severity: 'error', code: 'nothing_to_import' });
      return null;
    }
    if (Array.from(name).length > MAX_NAME) {
      issue({ row, line, severity: 'error', code: 'too_long', column: values.name?.[0]?.column, value: name.slice(0, 40) + '…' });
      return null;
    }
    const noteText = notes.join('\n\n');
    if (noteText.length > MAX_NOTES) {
      issue({ row, line, severity: 'error', code: 'too_long', column: values.notes?.[0]?.column, value: noteText.slice(0, 40) + '…' });
      return null;
    }
    return { name, nameFromAddress, phones, emails, telegram, tags, notes, language, rows: [row] };
  }
}

function mergeDraft(into: Draft, from: Draft): void {
  for (const p of from.phones) if (!into.phones.includes(p)) into.phones.push(p);
  for (const e of from.emails) if (!into.emails.includes(e)) into.emails.push(e);
  for (const t of from.telegram) if (!into.telegram.some((x) => x.id === t.id)) into.telegram.push(t);
  into.tags = normaliseTags([...into.tags, ...from.tags]);
  for (const n of from.notes) if (!into.notes.includes(n)) into.notes.push(n);
  into.language ??= from.language;
  if (into.nameFromAddress && !from.nameFromAddress) {
    into.name = from.name;
    into.nameFromAddress = false;
  }
  into.rows.push(...from.rows);
}

export { IMPORT_FIELDS };
