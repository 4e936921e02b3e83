// Import: pick a file → upload (progress) → preview with the guessed column mapping, duplicates policy and every
// problem by row number → import in one go (progress, Cancel leaves everything as it was).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore, type ImportOptions, type ImportPreview, type ImportResult } from '../../stores/contacts';
import { Modal, Progress } from './Modal';
import { runtimeKey } from '../../i18n/keys';
import { errorText, jobErrorText } from '../../i18n/errors';
import { IMPORT_FIELDS } from '../../../../main/shared/import-fields';

type PhoneReading = ImportPreview['samplePhones'][number][number];

/** "Germany" for DE in the UI language (the browser knows every country's name). */
function countryName(code: string | null, lang: string): string {
  if (!code) return '?';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

type Field = NonNullable<ImportOptions['mapping']>[number];
const FIELDS: readonly Field[] = IMPORT_FIELDS;
type Stage = 'pick' | 'uploading' | 'checking' | 'preview' | 'importing' | 'done';
interface Options {
  encoding: NonNullable<ImportOptions['encoding']>;
  delimiter: ImportOptions['delimiter'];
  mapping: Field[] | undefined;
  duplicates: 'merge' | 'skip';
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const jobs = useContactsStore((s) => s.jobs);
  const { upload, startImport, waitJob, cancelJob, discardUpload, changed, loadFacets } = useContactsStore(
    useShallow((s) => ({
      upload: s.upload,
      startImport: s.startImport,
      waitJob: s.waitJob,
      cancelJob: s.cancelJob,
      discardUpload: s.discardUpload,
      changed: s.changed,
      loadFacets: s.loadFacets,
    })),
  );
  const [stage, setStage] = useState<Stage>('pick');
  const [sent, setSent] = useState(0);
  const [size, setSize] = useState(1);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [opts, setOpts] = useState<Options>({ encoding: 'utf-8', delimiter: undefined, mapping: undefined, duplicates: 'merge' });
  const [skipErrors, setSkipErrors] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const committed = useRef(false);
  const job = jobId ? jobs[jobId] : null;
  const busy = stage === 'uploading' || stage === 'checking' || stage === 'importing';

  const runPreview = useCallback(
    async (id: string, o: Options) => {
      setStage('checking');
      setError(null);
      const j = await startImport('preview', { uploadId: id, ...o });
      setJobId(j.id);
      const done = await waitJob(j.id);
      if (done.state === 'done') {
        const p = done.result as ImportPreview;
        setPreview(p);
        setOpts((cur) => ({ ...cur, delimiter: p.delimiter, mapping: p.mapping as Field[] }));
      } else if (done.state === 'failed') {
        setPreview(null);
        setError(jobErrorText(done.error));
      }
      setStage(done.state === 'cancelled' ? 'pick' : 'preview');
    },
    [startImport, waitJob],
  );

  const pick = async (file: File) => {
    setStage('uploading');
    setError(null);
    setSize(Math.max(1, file.size));
    try {
      const id = await upload(file, (s) => setSent(s));
      setUploadId(id);
      await runPreview(id, opts);
    } catch (err) {
      setError(errorText(err));
      setStage('pick');
    }
  };

  const change = (patch: Partial<Options>) => {
    const next = { ...opts, ...patch };
    setOpts(next);
    if (uploadId) void runPreview(uploadId, next);
  };

  const commit = async () => {
    if (!uploadId) return;
    setStage('importing');
    setError(null);
    const j = await startImport('commit', { uploadId, ...opts, skipErrors });
    setJobId(j.id);
    const done = await waitJob(j.id);
    if (done.state === 'done') {
      committed.current = true;
      setResult(done.result as ImportResult);
      setStage('done');
      changed();
      void loadFacets();
    } else {
      if (done.state === 'cancelled') setCancelled(true);
      else setError(jobErrorText(done.error));
      setStage('preview');
    }
  };

  // An upload that was never imported is deleted when the dialog closes.
  useEffect(
    () => () => {
      if (uploadId && !committed.current) discardUpload(uploadId);
    },
    [uploadId, discardUpload],
  );

  const issueText = (i: ImportPreview['issues'][number]) =>
    i.code === 'phone_other_country' && i.phone?.otherCountry
      ? t('importPhones.otherCountry', {
          column: i.column ?? '',
          value: i.value ?? '',
          here: phoneIn(i.phone.display ?? '', i.phone.country),
          other: phoneIn(i.phone.otherCountry.display, i.phone.otherCountry.country),
        })
      : t(runtimeKey('contacts.importDialog.issues', i.code), { column: i.column ?? '', value: i.value ?? '', ref: i.ref ?? '' });
  const phoneIn = (number: string, country: string | null) =>
    t('importPhones.inCountry', { number, country: countryName(country, i18n.language) });
  const phoneText = (p: PhoneReading) =>
    p.otherCountry
      ? t('importPhones.check', {
          written: p.written,
          here: phoneIn(p.display ?? '', p.country),
          other: phoneIn(p.otherCountry.display, p.otherCountry.country),
        })
      : p.e164
        ? phoneIn(p.display ?? p.e164, p.country)
        : t('importPhones.notPhone', { written: p.written });
  const c = preview?.counts;
  const hasPhones = !!preview?.samplePhones?.some((row) => row.length > 0);

  return (
    <Modal title={t('contacts.importDialog.title')} onClose={onClose} busy={busy} wide testId="import-dialog">
      {stage === 'pick' && (
        <div className="ci-pick">
          <label className="btn primary file-btn">
            {t('contacts.importDialog.choose')}
            <input
              type="file"
              accept=".csv,.txt,.tsv,text/csv"
              hidden
              onChange={(e) => e.target.files?.[0] && void pick(e.target.files[0])}
              data-testid="import-file"
            />
          </label>
          <p className="muted small">{t('contacts.importDialog.hint')}</p>
        </div>
      )}
      {stage === 'uploading' && (
        <Progress done={sent} total={size} label={t('contacts.importDialog.uploading', { percent: Math.round((sent / size) * 100) })} />
      )}
      {(stage === 'checking' || stage === 'importing') && job && (
        <Progress
          done={job.done}
          total={job.total}
          label={t(stage === 'checking' ? 'contacts.importDialog.checking' : 'contacts.importDialog.importing')}
          onCancel={() => void cancelJob(job.id)}
          cancelLabel={t('common.cancel')}
        />
      )}
      {error && (
        <p className="error-box" data-testid="import-error">
          {error}
        </p>
      )}
      {cancelled && stage === 'preview' && <p className="muted">{t('contacts.importDialog.cancelled')}</p>}
      {(stage === 'preview' || (stage === 'checking' && preview)) && uploadId && (
        <div className="ci-preview" data-testid="import-preview">
          {preview && <p className="muted small">{t('contacts.importDialog.file', { name: preview.fileName })}</p>}
          <div className="grid3">
            <label className="field">
              <span className="field-label">{t('contacts.importDialog.encoding')}</span>
              <select
                value={opts.encoding}
                onChange={(e) => change({ encoding: e.target.value as Options['encoding'] })}
                disabled={busy}
                data-testid="import-encoding"
              >
                {(['utf-8', 'windows-1251', 'windows-1252'] as const).map((enc) => (
                  <option key={enc} value={enc}>
                    {t(`contacts.importDialog.encodings.${enc}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('contacts.importDialog.separator')}</span>
              <select
                value={opts.delimiter ?? ','}
                onChange={(e) => change({ delimiter: e.target.value as Options['delimiter'], mapping: undefined })}
                disabled={busy}
                data-testid="import-delimiter"
              >
                <option value=",">{t('contacts.exportDialog.delimiters.comma')}</option>
                <option value=";">{t('contacts.exportDialog.delimiters.semicolon')}</option>
                <option value={'\t'}>{t('contacts.exportDialog.delimiters.tab')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('contacts.importDialog.duplicates')}</span>
              <select
                value={opts.duplicates}
                onChange={(e) => change({ duplicates: e.target.value as Options['duplicates'] })}
                disabled={busy}
                data-testid="import-duplicates"
              >
                <option value="merge">{t('contacts.importDialog.dupMerge')}</option>
                <option value="skip">{t('contacts.importDialog.dupSkip')}</option>
              </select>
            </label>
          </div>
          {preview && (
            <>
              <h3>{t('contacts.importDialog.mapping')}</h3>
              <p className="muted small">{t('contacts.importDialog.mapHint')}</p>
              <div className="ci-table-wrap">
                <table className="data ci-table">
                  <thead>
                    <tr>
                      {preview.headers.map((h, i) => (
                        <th key={i}>
                          <div dir="auto">{h}</div>
                          <select
                            value={opts.mapping?.[i] ?? 'ignore'}
                            disabled={busy}
                            onChange={(e) => {
                              const mapping = [...(opts.mapping ?? preview.mapping)] as Field[];
                              mapping[i] = e.target.value as Field;
                              change({ mapping });
                            }}
                            data-testid={`import-map-${i}`}
                          >
                            {FIELDS.map((f) => (
                              <option key={f} value={f}>
                                {t(`contacts.importDialog.fields.${f}`)}
                              </option>
                            ))}
                          </select>
                        </th>
                      ))}
                      {hasPhones && <th className="ci-saved">{t('importPhones.savedAs')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.sample.map((row, r) => (
                      <tr key={r}>
                        {preview.headers.map((_, i) => (
                          <td key={i} dir="auto">
                            {row[i] ?? ''}
                          </td>
                        ))}
                        {hasPhones && (
                          <td className="ci-saved" data-testid="import-phone-saved">
                            {(preview.samplePhones[r] ?? []).map((p, k) => (
                              <div key={k} className={p.otherCountry ? 'warn' : p.e164 ? '' : 'bad'}>
                                {phoneText(p)}
                              </div>
                            ))}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {c && (
                <p data-testid="import-summary">
                  {t('contacts.importDialog.summary', {
                    rows: c.rows,
                    create: c.create,
                    merge: c.merge,
                    dups: c.duplicateRows,
                    skipped: c.skipped,
                    errors: c.errors,
                  })}
                </p>
              )}
              {preview.issues.length > 0 && (
                <>
                  <h3>{t('contacts.importDialog.problems')}</h3>
                  <ul className="ci-issues" data-testid="import-issues">
                    {preview.issues.map((i, k) => (
                      <li key={k} className={i.severity} data-testid="import-issue" data-row={i.row}>
                        <span className="issue-row">
                          {i.row === i.line
                            ? t('contacts.importDialog.row', { row: i.row })
                            : t('contacts.importDialog.rowLine', { row: i.row, line: i.line })}
                        </span>
                        <span dir="auto">{issueText(i)}</span>
                      </li>
                    ))}
                  </ul>
                  {preview.issuesTruncated && (
                    <p className="muted small">{t('contacts.importDialog.more', { count: preview.issues.length })}</p>
                  )}
                </>
              )}
              {c && c.errors > 0 && (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={skipErrors}
                    onChange={(e) => setSkipErrors(e.target.checked)}
                    data-testid="import-skip-errors"
                  />
                  {t('contacts.importDialog.skipErrors', { count: c.errors })}
                </label>
              )}
            </>
          )}
        </div>
      )}
      {stage === 'done' && result && (
        <p className="ok" data-testid="import-done">
          {t('contacts.importDialog.done', { created: result.created, merged: result.merged, skipped: result.skipped + result.errors })}
        </p>
      )}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          {t('common.close')}
        </button>
        {stage === 'preview' && preview && (
          <button
            className="btn primary"
            onClick={() => void commit()}
            disabled={!c || c.create + c.merge === 0 || (c.errors > 0 && !skipErrors)}
            data-testid="import-start"
          >
            {t('contacts.importDialog.start')}
          </button>
        )}
      </div>
    </Modal>
  );
}
