// Likely duplicates (same number written differently, same email, same name), each with Merge… and "not the same".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore, type Duplicate } from '../../stores/contacts';
import { ChannelBadge } from '../../components/ChannelBadge';
import { Modal } from './Modal';
import { MergeDialog } from './MergeDialog';
import { errorText } from '../../i18n/errors';

export function DuplicatesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { duplicates, dismissDuplicate } = useContactsStore(
    useShallow((s) => ({ duplicates: s.duplicates, dismissDuplicate: s.dismissDuplicate })),
  );
  const [list, setList] = useState<Duplicate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [merging, setMerging] = useState<Duplicate | null>(null);

  const load = useCallback(() => {
    duplicates()
      .then(setList)
      .catch((err) => setError(errorText(err)));
  }, [duplicates]);
  useEffect(load, [load]);

  const who = (c: Duplicate['a']) => (
    <span className="dup-who">
      <span dir="auto">{c.name}</span>
      {c.channels.map((ch) => (
        <ChannelBadge key={ch} channel={ch} />
      ))}
    </span>
  );

  if (merging) {
    return <MergeDialog survivorId={merging.a.id} otherId={merging.b.id} onClose={() => setMerging(null)} onMerged={load} />;
  }
  return (
    <Modal title={t('contacts.dups.title')} onClose={onClose} wide testId="duplicates-dialog">
      {error && <p className="error-box">{error}</p>}
      {list && list.length === 0 && <p className="muted">{t('contacts.dups.none')}</p>}
      {list && list.length > 0 && (
        <ul className="dup-list">
          {list.map((d) => (
            <li key={`${d.a.id}:${d.b.id}`} className="card dup-item" data-testid="duplicate">
              <div className="dup-pair">
                {who(d.a)}
                <span className="muted">↔</span>
                {who(d.b)}
              </div>
              <div className="muted small">
                {t(`contacts.dups.reason.${d.reason}`)}: <span dir="auto">{d.value}</span>
              </div>
              <div className="dup-actions">
                <button className="btn small primary" onClick={() => setMerging(d)} data-testid="duplicate-merge">
                  {t('contacts.dups.merge')}
                </button>
                <button className="btn small" onClick={() => void dismissDuplicate(d.a.id, d.b.id).then(load)}>
                  {t('contacts.dups.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button className="btn" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
