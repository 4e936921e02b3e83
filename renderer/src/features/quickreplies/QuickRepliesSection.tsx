// Settings → Quick replies: add, edit, reorder-free list of saved answers with placeholders.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useQuickRepliesStore } from '../../stores/quickReplies';
import { SaveBar } from '../settings/BusinessSection';
import { useSaveState } from '../settings/useSaveState';

interface Row {
  id?: string;
  title: string;
  text: string;
}

export function QuickRepliesSection() {
  const { t } = useTranslation();
  const { items, loaded, load, save } = useQuickRepliesStore();
  const [rows, setRows] = useState<Row[] | null>(null);
  const state = useSaveState();

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => {
    if (loaded && rows === null) setRows(items);
  }, [loaded, items, rows]);
  if (!rows) return null;

  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void state.run(() => save(rows.filter((r) => r.title.trim() || r.text.trim())));
      }}
    >
      <h2>{t('quickReplies.title')}</h2>
      <p className="muted">{t('quickReplies.intro')}</p>
      {rows.map((r, i) => (
        <div className="card qr-edit" key={r.id ?? `new-${i}`}>
          <input
            value={r.title}
            onChange={(e) => update(i, { title: e.target.value })}
            placeholder={t('quickReplies.titlePlaceholder')}
            maxLength={60}
            data-testid="qr-title"
          />
          <textarea
            value={r.text}
            onChange={(e) => update(i, { text: e.target.value })}
            rows={2}
            maxLength={4000}
            data-testid="qr-text"
            dir="auto"
          />
          <button type="button" className="btn small danger" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            {t('quickReplies.remove')}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="btn" onClick={() => setRows([...rows, { title: '', text: '' }])} data-testid="qr-add">
          + {t('quickReplies.add')}
        </button>
      </div>
      <SaveBar busy={state.busy} saved={state.saved} error={state.error} />
    </form>
  );
}
