// The owner's approved translations of their answers, shown under the entries on the Knowledge page: each can be
// edited (Auto then sends the new wording) or removed (the next customer in that language waits for the owner again).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTranslationsStore, type ApprovedTranslation } from '../../stores/translations';
import { useSaveState } from '../settings/useSaveState';

export function ApprovedTranslations() {
  const { t } = useTranslation();
  const items = useTranslationsStore((s) => s.items);
  const load = useTranslationsStore((s) => s.load);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void load().catch((err: Error) => setError(err.message));
  }, [load]);
  return (
    <section className="knowledge-translations" data-testid="approved-translations" style={{ marginTop: 16 }}>
      <h2>{t('autoTrust.translations.title')}</h2>
      <p className="muted small">{t('autoTrust.translations.hint')}</p>
      {error && <div className="error-box">{error}</div>}
      {items.length === 0 && <p className="muted small">{t('autoTrust.translations.empty')}</p>}
      <ul className="kn-list">
        {items.map((item) => (
          <TranslationRow key={`${item.key}/${item.lang}`} item={item} />
        ))}
      </ul>
    </section>
  );
}

function TranslationRow({ item }: { item: ApprovedTranslation }) {
  const { t } = useTranslation();
  const { save, remove } = useTranslationsStore.getState();
  const [text, setText] = useState(item.text);
  const saving = useSaveState();
  return (
    <li className="card kn-entry" data-testid="approved-translation">
      <div className="kn-entry-head">
        <span className="pill">{item.lang}</span>
        <strong dir="auto">{item.title}</strong>
      </div>
      {!item.current && <p className="small warn">{t('autoTrust.translations.outdated')}</p>}
      <textarea rows={3} value={text} maxLength={4000} dir="auto" onChange={(e) => setText(e.target.value)} />
      <div className="row" style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 6 }}>
        <button
          className="btn small primary"
          disabled={!text.trim() || (text === item.text && item.current)}
          onClick={() => void saving.run(() => save(item.key, item.lang, text))}
        >
          {t('autoTrust.translations.save')}
        </button>
        <button
          className="btn small danger"
          onClick={() => {
            if (window.confirm(t('autoTrust.translations.confirmRemove', { title: item.title, lang: item.lang })))
              void remove(item.key, item.lang);
          }}
        >
          {t('autoTrust.translations.remove')}
        </button>
        {saving.saved && <span className="muted small">{t('autoTrust.translations.saved')}</span>}
        {saving.error && <span className="error small">{saving.error}</span>}
      </div>
    </li>
  );
}
