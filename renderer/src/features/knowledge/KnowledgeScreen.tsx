// Knowledge: the shop policies (delivery, payment, returns), Q&A and policy entries the assistant answers from,
// and a box to try which entries a customer question would bring up.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call } from '../../api';
import { useKnowledgeStore, type EntryInput, type KnowledgeEntry, type ShopPolicies } from '../../stores/knowledge';
import { Field } from '../settings/fields';
import { useSaveState } from '../settings/useSaveState';
import { errorText } from '../../i18n/errors';
import { ApprovedTranslations } from './ApprovedTranslations';

export function KnowledgeScreen() {
  const { t } = useTranslation();
  const { entries, policies, loaded } = useKnowledgeStore();
  const load = useKnowledgeStore((s) => s.load);
  const [editing, setEditing] = useState<{ id: number | null; entry: EntryInput } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load().catch((err: unknown) => setError(errorText(err)));
  }, [load]);

  return (
    <div className="page knowledge" data-testid="knowledge">
      <header className="page-head">
        <h1>📚 {t('knowledge.title')}</h1>
        <span className="muted">{t('knowledge.intro')}</span>
      </header>
      <div className="page-body knowledge-body">
        {error && <div className="error-box">{error}</div>}
        <div className="knowledge-side">
          {policies && <PoliciesCard initial={policies} />}
          <ProbeCard />
        </div>
        <section className="knowledge-main">
          <div className="knowledge-head">
            <div>
              <h2>{t('knowledge.entries')}</h2>
              <p className="muted small">{t('knowledge.entriesHint')}</p>
            </div>
            <button
              className="btn"
              onClick={() => setEditing({ id: null, entry: { kind: 'qa', title: '', body: '', keywords: '' } })}
              data-testid="knowledge-add-qa"
            >
              {t('knowledge.addQa')}
            </button>
            <button
              className="btn"
              onClick={() => setEditing({ id: null, entry: { kind: 'policy', title: '', body: '', keywords: '' } })}
              data-testid="knowledge-add-policy"
            >
              {t('knowledge.addPolicy')}
            </button>
          </div>
          {loaded && entries.length === 0 && <p className="muted">{t('knowledge.empty')}</p>}
          <ul className="kn-list">
            {entries.map((e) => (
              <EntryRow
                key={e.id}
                entry={e}
                onEdit={() =>
                  setEditing({ id: e.id, entry: { kind: e.kind, title: e.title, body: e.body, keywords: e.keywords, enabled: e.enabled } })
                }
              />
            ))}
          </ul>
          <ApprovedTranslations />
        </section>
      </div>
      {editing && <EntryDialog id={editing.id} initial={editing.entry} onClose={() => setEditing(null)} />}
    </div>
  );
}

function EntryRow({ entry, onEdit }: { entry: KnowledgeEntry; onEdit: () => void }) {
  const { t } = useTranslation();
  const { toggle, remove } = useKnowledgeStore.getState();
  return (
    <li className={`card kn-entry ${entry.enabled ? '' : 'off'}`} data-testid="knowledge-entry">
      <div className="kn-entry-head">
        <span className={`pill kind-${entry.kind}`}>{t(`knowledge.kind.${entry.kind}`)}</span>
        <strong dir="auto">{entry.title}</strong>
        <span style={{ flex: 1 }} />
        <label className="check small">
          <input type="checkbox" checked={entry.enabled} onChange={() => void toggle(entry)} />
          {t('knowledge.enabled')}
        </label>
        <button className="btn small" onClick={onEdit}>
          {t('knowledge.edit')}
        </button>
        <button
          className="btn small danger"
          onClick={() => {
            if (window.confirm(t('knowledge.confirmDelete', { title: entry.title }))) void remove(entry.id);
          }}
        >
          {t('knowledge.delete')}
        </button>
      </div>
      <p dir="auto">{entry.body}</p>
      {entry.keywords && (
        <p className="muted small" dir="auto">
          🔎 {entry.keywords}
        </p>
      )}
    </li>
  );
}

function EntryDialog({ id, initial, onClose }: { id: number | null; initial: EntryInput; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useKnowledgeStore((s) => s.save);
  const [v, setV] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const qa = v.kind === 'qa';
  async function submit() {
    try {
      await save(id, v);
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <form
        className="modal"
        role="dialog"
        aria-modal
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="knowledge-dialog"
      >
        <h2>{id === null ? t('knowledge.newEntry') : t('knowledge.editEntry')}</h2>
        <Field label={t('knowledge.kindLabel')}>
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as EntryInput['kind'] })}>
            <option value="qa">{t('knowledge.kind.qa')}</option>
            <option value="policy">{t('knowledge.kind.policy')}</option>
          </select>
        </Field>
        <Field label={qa ? t('knowledge.question') : t('knowledge.policyName')}>
          <input
            value={v.title}
            onChange={(e) => setV({ ...v, title: e.target.value })}
            maxLength={300}
            dir="auto"
            autoFocus
            data-testid="knowledge-title"
          />
        </Field>
        <Field label={qa ? t('knowledge.answer') : t('knowledge.policyText')}>
          <textarea
            rows={4}
            value={v.body}
            onChange={(e) => setV({ ...v, body: e.target.value })}
            maxLength={4000}
            dir="auto"
            data-testid="knowledge-body"
          />
        </Field>
        <Field label={t('knowledge.keywords')} hint={t('knowledge.keywordsHint')}>
          <input value={v.keywords ?? ''} onChange={(e) => setV({ ...v, keywords: e.target.value })} maxLength={500} dir="auto" />
        </Field>
        {error && <div className="error-box">{error}</div>}
        <div className="save-bar">
          <button className="btn primary" type="submit" data-testid="knowledge-save">
            {t('knowledge.saveEntry')}
          </button>
          <button className="btn" type="button" onClick={onClose}>
            {t('knowledge.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function PoliciesCard({ initial }: { initial: ShopPolicies }) {
  const { t } = useTranslation();
  const savePolicies = useKnowledgeStore((s) => s.savePolicies);
  const [v, setV] = useState(initial);
  const save = useSaveState();
  const fields = ['delivery', 'payment', 'returns'] as const;
  return (
    <form
      className="card kn-policies"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => savePolicies(v));
      }}
    >
      <h2>{t('knowledge.policies')}</h2>
      <p className="muted small">{t('knowledge.policiesHint')}</p>
      {fields.map((f) => (
        <Field key={f} label={t(`knowledge.${f}`)}>
          <textarea
            rows={3}
            value={v[f]}
            onChange={(e) => setV({ ...v, [f]: e.target.value })}
            maxLength={2000}
            placeholder={t(`knowledge.${f}Placeholder`)}
            dir="auto"
            data-testid={`knowledge-policy-${f}`}
          />
        </Field>
      ))}
      <div className="save-bar">
        <button className="btn primary" type="submit" disabled={save.busy} data-testid="knowledge-policies-save">
          {t('knowledge.save')}
        </button>
        {save.saved && <span className="ok">✓ {t('knowledge.saved')}</span>}
        {save.error && <span className="field-error">{save.error}</span>}
      </div>
    </form>
  );
}

function ProbeCard() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<KnowledgeEntry[] | null>(null);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => {
      call('knowledge.probe', { text: q })
        .then(setHits)
        .catch(() => setHits([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <div className="card kn-probe">
      <h2>{t('knowledge.probe')}</h2>
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('knowledge.probePlaceholder')}
        dir="auto"
        data-testid="knowledge-probe"
        maxLength={2000}
      />
      {hits && hits.length === 0 && <p className="muted small">{t('knowledge.probeEmpty')}</p>}
      {hits && hits.length > 0 && (
        <div data-testid="knowledge-probe-hits">
          <p className="small">{t('knowledge.probeResult')}</p>
          <ol className="small">
            {hits.map((h) => (
              <li key={h.id} dir="auto">
                {h.title}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
