// CSV import: pick a file, check how Lavka maps its columns, see every problem by row, then import all rows at once
// (the core refuses the whole file while any row has a problem, so nothing is ever half-imported).
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call } from '../../api';
import { useCatalogStore, type CsvMapping, type ImportPreview } from '../../stores/catalog';
import { errorText } from '../../i18n/errors';
import { runtimeKey } from '../../i18n/keys';
import { TechDetails } from '../../components/TechDetails';
import type { RowError } from '../../../../main/core/catalog/csv';
import { CSV_FIELDS, MAX_IMPORT_CHARS } from '../../../../main/shared/import-fields';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  // English keeps the core's own sentence (it names the exact value); other languages get the row's code worded.
  const rowErrorText = (e: RowError) =>
    i18n.language === 'en'
      ? e.message
      : t(runtimeKey('catalog.importDialog.issues', e.code), {
          ...e.params,
          field: e.params?.field
            ? t(runtimeKey('catalog.importDialog.fields', String(e.params.field)), { defaultValue: String(e.params.field) })
            : '',
        });
  const reload = useCatalogStore((s) => s.load);
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ created: number; updated: number } | null>(null);

  async function runPreview(csv: string, map?: CsvMapping) {
    setBusy(true);
    setError(null);
    try {
      const p = await call('catalog.importPreview', { text: csv, mapping: map });
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      setPreview(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    setDone(null);
    if (file.size > MAX_IMPORT_CHARS) {
      setError(t('catalog.importDialog.tooBig'));
      return;
    }
    setFileName(file.name);
    const content = await file.text();
    setText(content);
    await runPreview(content);
  }

  async function commit() {
    if (!text || !mapping) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await call('catalog.importCommit', { text, mapping }));
      setPreview(null);
      setText(null);
      await reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const rowsOk = preview && preview.errors.length === 0 && preview.newCount + preview.updateCount > 0;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className="modal import-dialog" data-testid="import-dialog">
        <h2>{t('catalog.importDialog.title')}</h2>
        <p className="muted small">{t('catalog.importDialog.hint')}</p>
        <div className="import-pick">
          <label className="btn">
            {t('catalog.importDialog.choose')}
            <input
              type="file"
              accept=".csv,.txt,text/csv"
              hidden
              onChange={(e) => void pick(e.target.files?.[0])}
              data-testid="import-file"
            />
          </label>
          {fileName && <span className="mono small">{fileName}</span>}
          {busy && <span className="muted small">{t('catalog.importDialog.reading')}</span>}
        </div>
        {busy && (
          <div className="progress indeterminate">
            <span />
          </div>
        )}
        {done && (
          <p className="ok" data-testid="import-done">
            ✓ {t('catalog.importDialog.done', done)}
          </p>
        )}
        {error && (
          <p className="error-box" data-testid="import-error">
            {error}
          </p>
        )}
        {preview && mapping && (
          <>
            <h3>{t('catalog.importDialog.columns')}</h3>
            <table className="data mapping-table">
              <thead>
                <tr>
                  <th>{t('catalog.importDialog.column')}</th>
                  <th>{t('catalog.importDialog.field')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((c, i) => (
                  <tr key={i}>
                    <td dir="auto">{c || `#${i + 1}`}</td>
                    <td>
                      <select
                        value={mapping[i] ?? ''}
                        data-testid={`import-map-${i}`}
                        onChange={(e) => {
                          const next = mapping.map((m, k) => (k === i ? ((e.target.value || null) as CsvMapping[number]) : m));
                          setMapping(next);
                          if (text) void runPreview(text, next);
                        }}
                      >
                        <option value="">{t('catalog.importDialog.ignore')}</option>
                        {CSV_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {t(`catalog.importDialog.fields.${f}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p data-testid="import-summary">
              {t('catalog.importDialog.summary', { total: preview.totalRows, new: preview.newCount, update: preview.updateCount })}
            </p>
            {preview.errors.length > 0 && (
              <div className="error-box import-errors" data-testid="import-errors">
                <strong>{t('catalog.importDialog.errorsTitle', { count: preview.errors.length })}</strong>
                <ul>
                  {preview.errors.map((e, i) => (
                    <li key={i} data-testid="import-error-row">
                      <b>{t('catalog.importDialog.row', { row: e.row })}</b>
                      {e.column ? ` (${e.column})` : ''}: <span dir="auto">{rowErrorText(e)}</span>
                      {i18n.language !== 'en' && <TechDetails text={e.message} />}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {preview.rows.length > 0 && (
              <>
                <h3>{t('catalog.importDialog.previewTitle')}</h3>
                <div className="import-preview">
                  <table className="data">
                    <tbody>
                      {preview.rows.slice(0, 20).map((r) => (
                        <tr key={r.row}>
                          <td className="muted small">{r.row}</td>
                          <td>
                            <span className={`pill ${r.action === 'new' ? 'ok' : ''}`}>{t(`catalog.importDialog.action.${r.action}`)}</span>
                          </td>
                          <td className="mono small">{r.sku}</td>
                          <td dir="auto">{r.name}</td>
                          <td className="num">{r.priceText}</td>
                          <td className="small">{r.unit}</td>
                          <td className="small muted" dir="auto">
                            {r.synonyms.join(' · ')}
                          </td>
                          <td className="small">{r.options}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </>
        )}
        <div className="modal-actions">
          <button className="btn" onClick={onClose} disabled={busy}>
            {t('common.close')}
          </button>
          <button className="btn primary" disabled={!rowsOk || busy} onClick={() => void commit()} data-testid="import-commit">
            {t('catalog.importDialog.commit', { count: (preview?.newCount ?? 0) + (preview?.updateCount ?? 0) })}
          </button>
        </div>
      </div>
    </div>
  );
}
