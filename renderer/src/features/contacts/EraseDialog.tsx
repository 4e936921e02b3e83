// "Delete this customer": shows what goes, asks for the name as confirmation, optionally deletes old backups too.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useContactsStore, type ErasePreview } from '../../stores/contacts';
import { Modal } from './Modal';
import { errorText } from '../../i18n/errors';

export function EraseDialog({ contactId, onClose, onErased }: { contactId: number; onClose: () => void; onErased?: () => void }) {
  const { t } = useTranslation();
  const erasePreview = useContactsStore((s) => s.erasePreview);
  const erase = useContactsStore((s) => s.erase);
  const [preview, setPreview] = useState<ErasePreview | null>(null);
  const [typed, setTyped] = useState('');
  const [purge, setPurge] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    erasePreview(contactId)
      .then(setPreview)
      .catch((err) => setError(errorText(err)));
  }, [contactId, erasePreview]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await erase(contactId, purge);
      onErased?.();
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const related = preview ? Object.entries(preview.related).map(([k, n]) => `${k} (${n})`) : [];
  const matches = preview !== null && typed.trim().toLocaleLowerCase() === preview.name.trim().toLocaleLowerCase();
  return (
    <Modal title={t('contacts.erase.title', { name: preview?.name ?? '' })} onClose={onClose} busy={busy} testId="erase-dialog">
      {preview && (
        <>
          <p>{t('contacts.erase.what', { messages: t('contacts.merge.messages', { count: preview.messages }) })}</p>
          {related.length > 0 && <p className="muted small">{t('contacts.erase.related', { list: related.join(', ') })}</p>}
          <p className="muted small">{t('contacts.erase.backups')}</p>
          <label className="check">
            <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} disabled={busy} data-testid="erase-purge" />
            {t('contacts.erase.purge')}
          </label>
          <label className="field">
            <span className="field-label">{t('contacts.erase.confirm')}</span>
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder={preview.name}
              disabled={busy}
              dir="auto"
              data-testid="erase-confirm"
            />
          </label>
        </>
      )}
      {error && <p className="error-box">{error}</p>}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button className="btn danger-solid" onClick={() => void run()} disabled={busy || !matches} data-testid="erase-start">
          {t('contacts.erase.start')}
        </button>
      </div>
    </Modal>
  );
}
