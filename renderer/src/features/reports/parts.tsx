// Building blocks of the Reports page: a figure with the previous period beside it, a card with a CSV button,
// a plain table, and number formatting.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { useReportsStore, type SectionName } from '../../stores/reports';
import { saveTextFile } from '../../components/save-file';

export { count, duration, percent } from './format';

/** One figure, big, with the previous period's value under it. */
export function Figure({ label, value, before, testId }: { label: string; value: string; before?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div className="report-figure" data-testid={testId}>
      <div className="report-figure-label">{label}</div>
      <div className="report-figure-value">{value}</div>
      {before !== undefined && <div className="report-figure-before muted">{t('reports.previous', { value: before })}</div>}
    </div>
  );
}

/** Downloads one table of a section as CSV (the core builds it, so the file has the same figures). */
export function CsvButton({ section, table }: { section: SectionName; table: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        className="btn small report-csv"
        title={t('reports.csvTitle')}
        data-testid={`csv-${section}-${table}`}
        onClick={() => {
          setError(null);
          void (async () => {
            try {
              const f = await useReportsStore.getState().exportCsv(section, table);
              saveTextFile(f.content, f.filename, f.mime);
            } catch (err) {
              setError((err as Error).message);
            }
          })();
        }}
      >
        ⬇ {t('reports.csv')}
      </button>
      {error && <span className="error-box small">{error}</span>}
    </>
  );
}

export function Card({
  title,
  section,
  table,
  children,
  wide,
}: {
  title: string;
  section: SectionName;
  table: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`card report-card ${wide ? 'wide' : ''}`} data-testid={`card-${section}-${table}`}>
      <div className="report-card-head">
        <h3>{title}</h3>
        <CsvButton section={section} table={table} />
      </div>
      {children}
    </div>
  );
}

export function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} dir="auto">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What will appear here, and when: shown instead of empty charts. */
export function Empty({ text }: { text: string }) {
  return <p className="report-empty muted">{text}</p>;
}

/** A section of the page; `csv` names the table of its figures (this period and the one before) for download. */
export function Section({
  title,
  id,
  children,
  note,
  csv,
}: {
  title: string;
  id: string;
  children: ReactNode;
  note?: ReactNode;
  csv?: { section: SectionName; table: string };
}) {
  return (
    <section className="report-section" data-testid={`report-${id}`}>
      <div className="report-card-head">
        <h2>{title}</h2>
        {csv && <CsvButton section={csv.section} table={csv.table} />}
      </div>
      {children}
      {note && <p className="report-note muted">{note}</p>}
    </section>
  );
}

/** Localised label of a code from another feature's strings (hold reasons, statuses), or the code itself. */
export function label(key: string, code: string): string {
  return i18next.t(`${key}.${code}`, { defaultValue: code });
}
