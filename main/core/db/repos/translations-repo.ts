// SQL for the owner's approved translations of their own answers (knowledge entries and shop policies), one per
// answer and customer language. A translation applies only while the answer reads as it did when it was approved.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface ApprovedTranslation {
  /** "K12" for a knowledge entry, "policy:delivery" for a shop policy. */
  sourceKey: string;
  lang: string;
  /** The owner's answer as it read when the translation was approved. */
  sourceText: string;
  text: string;
  approvedAt: number;
}

interface Row {
  source_key: string;
  lang: string;
  source_text: string;
  text: string;
  approved_at: number;
}

const toTranslation = (r: Row): ApprovedTranslation => ({
  sourceKey: r.source_key,
  lang: r.lang,
  sourceText: r.source_text,
  text: r.text,
  approvedAt: r.approved_at,
});

export class TranslationsRepo {
  constructor(private readonly db: Db) {}

  get(sourceKey: string, lang: string): ApprovedTranslation | undefined {
    const r = stmt<[string, string], Row>(this.db, 'SELECT * FROM approved_translations WHERE source_key = ? AND lang = ?').get(
      sourceKey,
      lang,
    );
    return r ? toTranslation(r) : undefined;
  }

  list(): ApprovedTranslation[] {
    return stmt<[], Row>(this.db, 'SELECT * FROM approved_translations ORDER BY source_key, lang').all().map(toTranslation);
  }

  save(t: ApprovedTranslation): void {
    stmt(
      this.db,
      `INSERT INTO approved_translations(source_key, lang, source_text, text, approved_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(source_key, lang) DO UPDATE SET source_text = excluded.source_text, text = excluded.text, approved_at = excluded.approved_at`,
    ).run(t.sourceKey, t.lang, t.sourceText, t.text, t.approvedAt);
  }

  delete(sourceKey: string, lang: string): boolean {
    return stmt(this.db, 'DELETE FROM approved_translations WHERE source_key = ? AND lang = ?').run(sourceKey, lang).changes > 0;
  }
}
