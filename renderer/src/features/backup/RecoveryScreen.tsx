// Shown instead of the app when Lavka found its database damaged at start-up: what happened, where the damaged file
// is, and the way back — restore the newest (or another) backup, or start with an empty database.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useBackupStore } from '../../stores/backup';
import { formatSize, formatWhen } from './format';
import { errorText } from '../../i18n/errors';

/** Renders the recovery screen while the core reports a damaged database; the app itself otherwise. */
export function RecoveryGate({ children }: { children: ReactNode }) {
  const { status, load } = useBackupStore(useShallow((s) => ({ status: s.status, load: s.load })));
  // The page may have asked already (main.tsx, in a browser): an answer in the store needs no second wait.
  const [checked, setChecked] = useState(() => useBackupStore.getState().status !== null);
  useEffect(() => {
    if (!checked) void load().finally(() => setChecked(true));
  }, [load, checked]);
  if (!checked) return null;
  if (status?.recovery) return <RecoveryScreen />;
  return <>{children}</>;
}

function RecoveryScreen() {
  const { t } = useTranslation();
  const { status, list, restore, startFresh } = useBackupStore(
    useShallow((s) => ({ status: s.status, list: s.list, restore: s.restore, startFresh: s.startFresh })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = status?.recovery;
  if (!r) return null;

  const doRestore = async (name: string) => {
    setBusy(true);
    setError(null);
    const done = await restore(name).catch((err) => ({ state: 'failed', error: { message: errorText(err) } }) as const);
    if (done.state === 'done') window.location.reload();
    else {
      setError(done.error?.message ?? String(done.state));
      setBusy(false);
    }
  };

  return (
    <div className="setup recovery" data-testid="recovery-screen">
      <div className="setup-card">
        <div className="setup-head">
          <span className="brand-mark large">!</span>
          <h1>{t('backup.recovery.title')}</h1>
        </div>
        <p>{t('backup.recovery.body')}</p>
        <details className="muted small">
          <summary>{t('backup.recovery.detailTitle')}</summary>
          <p dir="auto">{r.detail}</p>
        </details>
        <p className="muted small">
          {t('backup.recovery.moved', { path: '' })}
          <code className="path">{r.damagedFile}</code>
        </p>
        {r.latest ? (
          <>
            <p>{t('backup.recovery.latest', { when: formatWhen(r.latest.createdAt), size: formatSize(r.latest.size) })}</p>
            <div className="setup-actions">
              <button className="btn primary" disabled={busy} onClick={() => void doRestore(r.latest!.name)} data-testid="recovery-restore">
                {busy ? t('backup.restoring') : t('backup.recovery.restoreLatest')}
              </button>
            </div>
            {list.length > 1 && (
              <>
                <p className="muted small">{t('backup.recovery.other')}</p>
                <ul className="recovery-list">
                  {list.slice(1).map((b) => (
                    <li key={b.name}>
                      <button className="link" disabled={busy} onClick={() => void doRestore(b.name)}>
                        {formatWhen(b.createdAt)} · {t(`backup.kind.${b.kind}`)} · {formatSize(b.size)}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p className="muted">{t('backup.recovery.noBackups')}</p>
        )}
        {error && <p className="error-box">{error}</p>}
        <div className="setup-actions">
          <button
            className="btn"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('backup.recovery.freshConfirm'))) void startFresh().then(() => window.location.reload());
            }}
            data-testid="recovery-fresh"
          >
            {t('backup.recovery.fresh')}
          </button>
        </div>
      </div>
    </div>
  );
}
