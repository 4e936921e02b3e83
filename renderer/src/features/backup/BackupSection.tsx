// Settings → Backups & privacy: backup status, "Back up now", the list with Restore, where and how many backups are
// kept, and how long messages are kept.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useBackupStore } from '../../stores/backup';
import { useAppStore } from '../../stores/app';
import { formatSize, formatWhen } from './format';
import { errorText, technicalText } from '../../i18n/errors';
import { TechDetails } from '../../components/TechDetails';
import { IntegrityLine } from './IntegrityLine';

const RETENTION = [0, 3, 6, 12, 24, 36, 60];

export function BackupSection() {
  const { t } = useTranslation();
  const tz = useAppStore((s) => s.settings?.business.timeZone);
  const { status, list, privacy, error } = useBackupStore(
    useShallow((s) => ({ status: s.status, list: s.list, privacy: s.privacy, error: s.error })),
  );
  const { load, backupNow, restore, saveSettings, loadPrivacy, retentionPreview, setRetention, applyRetention } = useBackupStore(
    useShallow((s) => ({
      load: s.load,
      backupNow: s.backupNow,
      restore: s.restore,
      saveSettings: s.saveSettings,
      loadPrivacy: s.loadPrivacy,
      retentionPreview: s.retentionPreview,
      setRetention: s.setRetention,
      applyRetention: s.applyRetention,
    })),
  );
  const [form, setForm] = useState<{ enabled: boolean; keep: number; dir: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [months, setMonths] = useState<number | null>(null);
  const [wouldDelete, setWouldDelete] = useState<number | null>(null);

  useEffect(() => {
    void load();
    void loadPrivacy();
  }, [load, loadPrivacy]);
  useEffect(() => {
    if (status && !form) setForm(status.settings);
  }, [status, form]);
  useEffect(() => {
    if (privacy && months === null) setMonths(privacy.retentionMonths);
  }, [privacy, months]);
  useEffect(() => {
    if (months === null) return;
    let live = true;
    retentionPreview(months)
      .then((n) => live && setWouldDelete(n))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [months, retentionPreview]);

  const run = async (label: string, fn: () => Promise<string | null>) => {
    setBusy(label);
    setFailure(null);
    setMessage(null);
    try {
      setMessage(await fn());
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const doRestore = (name: string, createdAt: number) => {
    if (!window.confirm(t('backup.restoreConfirm', { when: formatWhen(createdAt, tz) }))) return;
    void run('restore', async () => {
      const done = await restore(name);
      if (done.state !== 'done') throw new Error(done.error?.message ?? done.state);
      return t('backup.restored');
    });
  };

  return (
    <div className="backup-section" data-testid="backup-section">
      <h2>{t('backup.title')}</h2>
      <p className="muted">{t('backup.intro')}</p>
      {status && (
        <div className="card backup-status">
          <div data-testid="backup-last">
            {status.lastBackupAt ? t('backup.last', { when: formatWhen(status.lastBackupAt, tz) }) : t('backup.never')}
          </div>
          {status.nextBackupAt && <div className="muted small">{t('backup.next', { when: formatWhen(status.nextBackupAt, tz) })}</div>}
          {status.lastError && (
            <p className="error-box small">
              {t('backup.lastError', { error: technicalText(status.lastError) ?? t('errors.code.internal') })}
              {technicalText(status.lastError) !== status.lastError && <TechDetails text={status.lastError} />}
            </p>
          )}
          <IntegrityLine integrity={status.integrity} tz={tz} />
          <div>
            <button
              className="btn primary"
              disabled={busy !== null || status.running}
              onClick={() =>
                void run('now', async () => {
                  const j = await backupNow();
                  if (j.state !== 'done') throw new Error(j.error?.message ?? j.state);
                  return null;
                })
              }
              data-testid="backup-now"
            >
              {busy === 'now' || status.running ? t('backup.running') : t('backup.now')}
            </button>
          </div>
        </div>
      )}
      {error && <p className="error-box">{error}</p>}
      {failure && <p className="error-box">{failure}</p>}
      {message && <p className="ok">{message}</p>}
      <h3>{t('backup.list')}</h3>
      {list.length === 0 ? (
        <p className="muted">{t('backup.none')}</p>
      ) : (
        <table className="data backup-list">
          <tbody>
            {list.map((b) => (
              <tr key={b.name} data-testid="backup-row">
                <td>{formatWhen(b.createdAt, tz)}</td>
                <td className="muted">{t(`backup.kind.${b.kind}`)}</td>
                <td className="muted">{formatSize(b.size)}</td>
                <td>
                  <button className="btn small" disabled={busy !== null} onClick={() => doRestore(b.name, b.createdAt)}>
                    {busy === 'restore' ? t('backup.restoring') : t('backup.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {form && (
        <div className="card">
          <label className="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
            {t('backup.enabled')}
          </label>
          <div className="grid2">
            <label className="field">
              <span className="field-label">{t('backup.keep')}</span>
              <input
                type="number"
                min={1}
                max={100}
                value={form.keep}
                onChange={(e) => setForm({ ...form, keep: Math.max(1, Math.min(100, Number(e.target.value) || 1)) })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('backup.dir')}</span>
              <input value={form.dir} placeholder={status?.dir} onChange={(e) => setForm({ ...form, dir: e.target.value })} />
            </label>
          </div>
          <p className="field-hint">{t('backup.dirHint')}</p>
          <button
            className="btn"
            disabled={busy !== null}
            onClick={() =>
              void run('save', async () => {
                await saveSettings(form);
                await load();
                return t('common.saved');
              })
            }
          >
            {t('backup.save')}
          </button>
        </div>
      )}
      <h2>{t('backup.retention.title')}</h2>
      {months !== null && (
        <div className="card">
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))} data-testid="retention-months">
            {RETENTION.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? t('backup.retention.forever') : t('backup.retention.months', { count: m })}
              </option>
            ))}
          </select>
          <p className="field-hint">{t('backup.retention.hint')}</p>
          {months > 0 && wouldDelete !== null && <p className="muted small">{t('backup.retention.preview', { count: wouldDelete })}</p>}
          <div className="save-bar">
            <button
              className="btn"
              disabled={busy !== null || months === privacy?.retentionMonths}
              onClick={() =>
                void run('retention', async () => {
                  await setRetention(months);
                  return t('common.saved');
                })
              }
            >
              {t('backup.save')}
            </button>
            {months > 0 && months === privacy?.retentionMonths && (wouldDelete ?? 0) > 0 && (
              <button
                className="btn danger"
                disabled={busy !== null}
                onClick={() => void run('apply', async () => t('backup.retention.deleted', { count: await applyRetention() }))}
              >
                {t('backup.retention.apply')}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
