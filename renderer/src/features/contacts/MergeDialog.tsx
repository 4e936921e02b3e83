// Merge two contacts: pick the other one (or come from a duplicate suggestion), see what each has, choose the name,
// and move everything onto the one that stays.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useShallow } from 'zustand/react/shallow';
import { useContactsStore, type ContactRow, type MergePreview } from '../../stores/contacts';
import { ChannelBadge } from '../../components/ChannelBadge';
import { Modal } from './Modal';
import { errorText } from '../../i18n/errors';

export function MergeDialog({
  survivorId,
  otherId,
  onClose,
  onMerged,
}: {
  survivorId: number;
  otherId?: number;
  onClose: () => void;
  onMerged?: () => void;
}) {
  const { t } = useTranslation();
  const { mergePreview, merge, search } = useContactsStore(
    useShallow((s) => ({ mergePreview: s.mergePreview, merge: s.merge, search: s.search })),
  );
  const [pair, setPair] = useState<{ keep: number; other: number | null }>({ keep: survivorId, other: otherId ?? null });
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ContactRow[]>([]);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (pair.other === null) return;
    let live = true;
    mergePreview(pair.keep, pair.other)
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setName(p.survivor.name);
      })
      .catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [pair, mergePreview]);

  useEffect(() => {
    if (!query.trim()) return;
    let live = true;
    const h = setTimeout(() => {
      search(query)
        .then((rows) => live && setFound(rows.filter((r) => r.id !== pair.keep)))
        .catch(() => {});
    }, 200);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [query, search, pair.keep]);

  const run = async () => {
    if (pair.other === null) return;
    setBusy(true);
    setError(null);
    try {
      await merge(pair.keep, pair.other, name.trim() || undefined);
      onMerged?.();
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const side = (c: MergePreview['survivor'], label: string) => (
    <div className="card merge-side" data-testid="merge-side">
      <div className="muted small">{label}</div>
      <strong dir="auto">{c.name}</strong>
      <ul className="identities">
        {c.identities.map((i) => (
          <li key={i.id}>
            <ChannelBadge channel={i.channel} />
            <span className="identity-id" dir="auto">
              {i.externalId}
            </span>
          </li>
        ))}
      </ul>
      <div className="small">{t('contacts.merge.messages', { count: c.messageCount })}</div>
      {Object.entries(c.related).map(([table, count]) => (
        <div key={table} className="small muted">
          {t('contacts.merge.related', { table, count })}
        </div>
      ))}
      {c.tags.length > 0 && <div className="small">{c.tags.join(', ')}</div>}
    </div>
  );

  return (
    <Modal title={t('contacts.merge.title')} onClose={onClose} busy={busy} wide testId="merge-dialog">
      <p className="muted small">{t('contacts.merge.hint')}</p>
      {pair.other === null && (
        <div className="merge-find">
          <input
            type="search"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('contacts.merge.find')}
            data-testid="merge-search"
            dir="auto"
          />
          <ul className="merge-results">
            {found.map((r) => (
              <li key={r.id}>
                <button className="link" onClick={() => setPair({ keep: pair.keep, other: r.id })} data-testid="merge-pick">
                  <span dir="auto">{r.name}</span> <span className="muted">{[...r.phonesDisplay, ...r.emails].slice(0, 1).join('')}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && pair.other !== null && (
        <>
          <div className="merge-sides">
            {side(preview.survivor, t('contacts.merge.keep'))}
            <button
              className="btn small merge-swap"
              onClick={() => setPair({ keep: pair.other!, other: pair.keep })}
              disabled={busy}
              data-testid="merge-swap"
            >
              ⇄ {t('contacts.merge.swap')}
            </button>
            {side(preview.other, t('contacts.merge.into'))}
          </div>
          <label className="field">
            <span className="field-label">{t('contacts.merge.nameToKeep')}</span>
            <select value={name} onChange={(e) => setName(e.target.value)} disabled={busy} data-testid="merge-name">
              {[...new Set([preview.survivor.name, preview.other.name])].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {error && <p className="error-box">{error}</p>}
      <div className="modal-actions">
        <button className="btn" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button
          className="btn primary"
          onClick={() => void run()}
          disabled={busy || !preview || pair.other === null}
          data-testid="merge-start"
        >
          {t('contacts.merge.start')}
        </button>
      </div>
    </Modal>
  );
}
