// Settings pieces for media: storage used and the size cap (Data), and the Auto pause after the owner answered from
// the phone (Channels).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMediaStore } from '../../stores/media';
import { useSaveState } from '../settings/useSaveState';
import { formatSize } from '../backup/format';

export function MediaStorageSettings() {
  const { t } = useTranslation();
  const { settings, usage, load, save } = useMediaStore();
  const [max, setMax] = useState('');
  const s = useSaveState();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (settings) setMax(String(settings.media.maxFileMB));
  }, [settings]);
  return (
    <section className="media-settings" data-testid="media-storage">
      <h3>{t('media.storageTitle')}</h3>
      {usage && (
        <p data-testid="media-usage">
          {t('media.storage', { count: usage.files, size: usage.bytes === 0 ? '0 KB' : formatSize(usage.bytes) })}
        </p>
      )}
      <p className="muted small">{t('media.storageHint')}</p>
      <label className="field">
        <span>{t('media.maxFile')}</span>
        <input type="number" min={1} max={100} value={max} onChange={(e) => setMax(e.target.value)} style={{ width: 100 }} />
      </label>
      <button className="btn small" disabled={s.busy} onClick={() => void s.run(() => save({ maxFileMB: Number(max) }))}>
        {s.saved ? t('media.saved') : t('media.save')}
      </button>
      {s.error && <p className="error-box small">{s.error}</p>}
    </section>
  );
}

export function OwnerPhoneSettings() {
  const { t } = useTranslation();
  const { settings, load, save } = useMediaStore();
  const [minutes, setMinutes] = useState('');
  const s = useSaveState();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (settings) setMinutes(String(settings.ownerPhone.pauseMinutes));
  }, [settings]);
  return (
    <section className="card channel-card" data-testid="owner-phone-settings">
      <h3>{t('media.ownerPauseTitle')}</h3>
      <p className="muted small">{t('media.ownerPauseHint')}</p>
      <label className="field">
        <span>{t('media.ownerPauseMinutes')}</span>
        <input type="number" min={0} max={10080} value={minutes} onChange={(e) => setMinutes(e.target.value)} style={{ width: 100 }} />
      </label>
      <button className="btn small" disabled={s.busy} onClick={() => void s.run(() => save({ pauseMinutes: Number(minutes) }))}>
        {s.saved ? t('media.saved') : t('media.save')}
      </button>
      {s.error && <p className="error-box small">{s.error}</p>}
    </section>
  );
}
