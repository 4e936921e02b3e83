// Export: which contacts (all, filtered, selected), which format and columns, BOM and separator; then a progress bar
// with Cancel, and the finished file handed to the browser or the desktop save dialog.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore, type ExportInput } from '../../stores/contacts';
import { Modal, Progress } from './Modal';
import { errorText, jobErrorText } from '../../i18n/errors';

type Scope = 'all' | 'filtered' | 'selected';
type Format = 'csv' | 'google' | 'vcard';
type Column = NonNullable<ExportInput['columns']>[number];

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { facets, filter, total, selected, jobs } = useContactsStore(
    useShallow((s) => ({ facets: s.facets, filter: s.filter, total: s.total, selected: s.selected, jobs: s.jobs })),
  );
  const { startExport, cancelJob, waitJob, download } = useContactsStore(
    useShallow((s) => ({ startExport: s.startExport, cancelJob: s.cancelJob, waitJob: s.waitJob, download: s.download })),
  );
  const selectedIds = Object.keys(selected).map(Number);
  const filtered = Boolean(filter.query || filter.tag || filter.channel || filter.optedOut !== null);
  const [scope, setScope] = useState<Scope>(selectedIds.length ? 'selected' : filtered ? 'filtered' : 'all');
  const [format, setFormat] = useState<Format>('csv');
  const [columns, setColumns] = useState<Column[]>(facets?.defaultExportColumns ?? ['name', 'phones', 'emails']);
  const [bom, setBom] = useState(true);
  const [delimiter, setDelimiter] = useState<',' | ';' | '\t'>(',');
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<{ downloadId: string; fileName: string; rows: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = jobId ? jobs[jobId] : null;
  const running = job?.state === 'running';
  const all = facets?.exportColumns ?? [];

  const start = async () => {
    setError(null);
    setResult(null);
    try {
      const input: ExportInput = {
        format,
        columns: all.filter((c) => columns.includes(c)),
        bom,
        delimiter,
        filter:
          scope === 'all'
            ? {}
            : {
                query: filter.query.trim() || undefined,
                tag: filter.tag ?? undefined,
                channel: filter.channel ?? undefined,
                optedOut: filter.optedOut ?? undefined,
              },
        ids: scope === 'selected' ? selectedIds : undefined,
      };
      const j = await startExport(input);
      setJobId(j.id);
      const done = await waitJob(j.id);
      if (done.state === 'done') {
        const r = done.result as { downloadId: string; fileName: string; rows: number };
        setResult(r);
        await download(r);
      } else if (done.state === 'failed') setError(jobErrorText(done.error));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const counts: Record<Scope, number> = { all: facets?.total ?? total, filtered: total, selected: selectedIds.length };
  return (
    <Modal title={t('contacts.exportDialog.title')} onClose={onClose} busy={running} testId="export-dialog">
      <fieldset className="plain">
        <legend>{t('contacts.exportDialog.what')}</legend>
        {(['all', 'filtered', 'selected'] as Scope[]).map((s) => (
          <label key={s} className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === s}
              disabled={running || (s === 'filtered' && !filtered) || (s === 'selected' && selectedIds.length === 0)}
              onChange={() => setScope(s)}
              data-testid={`export-scope-${s}`}
            />
            {t(`contacts.exportDialog.${s}`, { count: counts[s] })}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{t('contacts.exportDialog.format')}</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} disabled={running} data-testid="export-format">
          {(['csv', 'google', 'vcard'] as Format[]).map((f) => (
            <option key={f} value={f}>
              {t(`contacts.exportDialog.formats.${f}`)}
            </option>
          ))}
        </select>
      </label>
      {format === 'csv' && (
        <fieldset className="plain">
          <legend>{t('contacts.exportDialog.columns')}</legend>
          <div className="export-columns">
            {all.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={columns.includes(c)}
                  disabled={running}
                  onChange={(e) => setColumns(e.target.checked ? [...columns, c] : columns.filter((x) => x !== c))}
                  data-testid={`export-col-${c}`}
                />
                {t(`contacts.exportDialog.columnNames.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {format !== 'vcard' && (
        <div className="grid2">
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} disabled={running} data-testid="export-bom" />
            {t('contacts.exportDialog.bom')}
          </label>
          {format === 'csv' && (
            <label className="field">
              <span className="field-label">{t('contacts.exportDialog.delimiter')}</span>
              <select
                value={delimiter}
                onChange={(e) => setDelimiter(e.target.value as typeof delimiter)}
                disabled={running}
                data-testid="export-delimiter"
              >
                <option value=",">{t('contacts.exportDialog.delimiters.comma')}</option>
                <option value=";">{t('contacts.exportDialog.delimiters.semicolon')}</option>
                <option value={'\t'}>{t('contacts.exportDialog.delimiters.tab')}</option>
              </select>
            </label>
          )}
        </div>
      )}
      {running && job && (
        <Progress
          done={job.done}
          total={job.total}
          label={t('contacts.exportDialog.writing', { done: job.done, total: job.total })}
          onCancel={() => void cancelJob(job.id)}
          cancelLabel={t('common.cancel')}
        />
      )}
      {job?.state === 'cancelled' && <p className="muted">{t('contacts.exportDialog.cancelled')}</p>}
      {result && (
        <p className="ok" data-testid="export-done">
          {t('contacts.exportDialog.done', { count: result.rows })}{' '}
          <button className="link" onClick={() => void download(result)}>
            {t('contacts.exportDialog.again')}
          </button>
        </p>
      )}
      {error && <p className="error-box">{error}</p>}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={running}>
          {t('common.close')}
        </button>
        <button
          className="btn primary"
          onClick={() => void start()}
          disabled={running || (format === 'csv' && columns.length === 0)}
          data-testid="export-start"
        >
          {t('contacts.exportDialog.start')}
        </button>
      </div>
    </Modal>
  );
}
