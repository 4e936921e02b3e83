// Settings → Reminders: quiet hours, the catch-up policy, automatic rules, consumable products and stop words.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/react';
import { call, type ApiOutput } from '../../api';
import { useRemindersStore, type OptOutSettings, type RemindersSettings } from '../../stores/reminders';
import { Field } from '../settings/fields';
import { SaveBar } from '../settings/BusinessSection';
import { useSaveState } from '../settings/useSaveState';
import { REPLY_LANGUAGES } from '../settings/options';
import { errorText } from '../../i18n/errors';

type Rules = RemindersSettings['rules'];

export function RemindersSettingsSection() {
  const { t } = useTranslation();
  const stored = useRemindersStore((s) => s.settings);
  const storedWords = useRemindersStore((s) => s.optoutSettings);
  const loadSettings = useRemindersStore((s) => s.loadSettings);
  const saveSettings = useRemindersStore((s) => s.saveSettings);
  const saveWords = useRemindersStore((s) => s.saveOptOutSettings);
  const [form, setForm] = useState<RemindersSettings | null>(null);
  const [words, setWords] = useState<OptOutSettings['keywords'] | null>(null);
  const save = useSaveState();

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => {
    if (stored && !form) setForm(stored);
    if (storedWords && !words) setWords(storedWords.keywords);
  }, [stored, storedWords, form, words]);
  if (!form || !words) return null;

  const setRule = <K extends keyof Rules>(k: K, patch: Partial<Rules[K]>) =>
    setForm({ ...form, rules: { ...form.rules, [k]: { ...form.rules[k], ...patch } } });
  const q = form.quietHours;

  return (
    <form
      className="form reminders-settings"
      data-testid="reminders-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          await saveSettings(form);
          await saveWords({ keywords: words.filter((w) => w.word.trim()) });
        });
      }}
    >
      <h2>{t('reminders.settings.quiet')}</h2>
      <p className="muted small">{t('reminders.settings.quietHint')}</p>
      <div className="quiet-modes">
        {(['fixed', 'opening_hours', 'off'] as const).map((m) => (
          <label key={m} className="check">
            <input
              type="radio"
              name="quiet-mode"
              checked={q.mode === m}
              onChange={() => setForm({ ...form, quietHours: { ...q, mode: m } })}
              data-testid={`quiet-${m}`}
            />
            {t(`reminders.settings.mode.${m}`)}
          </label>
        ))}
      </div>
      {q.mode === 'fixed' && (
        <div className="grid3">
          <Field label={t('reminders.settings.from')}>
            <input
              type="time"
              value={q.start}
              onChange={(e) => setForm({ ...form, quietHours: { ...q, start: e.target.value } })}
              data-testid="quiet-start"
            />
          </Field>
          <Field label={t('reminders.settings.to')}>
            <input
              type="time"
              value={q.end}
              onChange={(e) => setForm({ ...form, quietHours: { ...q, end: e.target.value } })}
              data-testid="quiet-end"
            />
          </Field>
        </div>
      )}
      <Field label={t('reminders.settings.catchUp')} hint={t('reminders.settings.catchUpHint')}>
        <input
          type="number"
          min={0}
          max={10080}
          value={form.catchUpMinutes}
          onChange={(e) => setForm({ ...form, catchUpMinutes: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
          data-testid="catch-up-minutes"
        />
      </Field>

      <h2>{t('reminders.settings.rules')}</h2>
      <p className="muted small">{t('reminders.settings.rulesHint')}</p>
      <RuleCard
        id="unpaid"
        title={t('reminders.settings.unpaid')}
        enabled={form.rules.unpaidOrder.enabled}
        onToggle={(enabled) => setRule('unpaidOrder', { enabled })}
        delayLabel={t('reminders.settings.unpaidDelay')}
        delay={form.rules.unpaidOrder.delayHours}
        max={720}
        onDelay={(delayHours) => setRule('unpaidOrder', { delayHours })}
        template={form.rules.unpaidOrder.template}
        onTemplate={(template) => setRule('unpaidOrder', { template })}
      />
      <RuleCard
        id="followup"
        title={t('reminders.settings.followUp')}
        hint={t('reminders.settings.followUpHint')}
        enabled={form.rules.followUp.enabled}
        onToggle={(enabled) => setRule('followUp', { enabled })}
        delayLabel={t('reminders.settings.followUpDelay')}
        delay={form.rules.followUp.delayHours}
        max={720}
        onDelay={(delayHours) => setRule('followUp', { delayHours })}
        template={form.rules.followUp.template}
        onTemplate={(template) => setRule('followUp', { template })}
      />
      <RuleCard
        id="reorder"
        title={t('reminders.settings.reorder')}
        enabled={form.rules.reorder.enabled}
        onToggle={(enabled) => setRule('reorder', { enabled })}
        delayLabel={t('reminders.settings.reorderDelay')}
        delay={form.rules.reorder.delayDays}
        max={365}
        onDelay={(delayDays) => setRule('reorder', { delayDays })}
        template={form.rules.reorder.template}
        onTemplate={(template) => setRule('reorder', { template })}
      >
        {form.rules.reorder.enabled && <Consumables />}
      </RuleCard>

      <h2>{t('reminders.settings.stopWords')}</h2>
      <p className="muted small">{t('reminders.settings.stopWordsHint')}</p>
      <div className="stop-words" data-testid="stop-words">
        {words.map((w, i) => (
          <div className="stop-word" key={i}>
            <input
              value={w.word}
              maxLength={40}
              dir="auto"
              aria-label={t('reminders.settings.word')}
              onChange={(e) => setWords(words.map((x, j) => (j === i ? { ...x, word: e.target.value } : x)))}
              data-testid="stop-word"
            />
            <select
              value={w.lang}
              aria-label={t('reminders.settings.language')}
              onChange={(e) => setWords(words.map((x, j) => (j === i ? { ...x, lang: e.target.value } : x)))}
            >
              {Object.entries(REPLY_LANGUAGES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn small danger"
              onClick={() => setWords(words.filter((_, j) => j !== i))}
              aria-label={t('reminders.settings.remove')}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <div>
        <button
          type="button"
          className="btn small"
          onClick={() => setWords([...words, { word: '', lang: 'en' }])}
          data-testid="stop-word-add"
        >
          + {t('reminders.settings.addWord')}
        </button>
      </div>
      <SaveBar busy={save.busy} saved={save.saved} error={save.error} />
    </form>
  );
}

function RuleCard(props: {
  id: string;
  title: string;
  hint?: string;
  enabled: boolean;
  onToggle: (v: boolean) => void;
  delayLabel: string;
  delay: number;
  max: number;
  onDelay: (v: number) => void;
  template: string;
  onTemplate: (v: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`card rule-card ${props.enabled ? 'on' : ''}`} data-testid={`rule-${props.id}`}>
      <label className="check rule-title">
        <input
          type="checkbox"
          checked={props.enabled}
          onChange={(e) => props.onToggle(e.target.checked)}
          data-testid={`rule-${props.id}-enabled`}
        />
        <strong>{props.title}</strong>
      </label>
      {props.hint && <p className="muted small">{props.hint}</p>}
      {props.enabled && (
        <div className="rule-body">
          <Field label={props.delayLabel}>
            <input
              type="number"
              min={1}
              max={props.max}
              value={props.delay}
              onChange={(e) => props.onDelay(Math.min(props.max, Math.max(1, Math.round(Number(e.target.value) || 1))))}
              data-testid={`rule-${props.id}-delay`}
            />
          </Field>
          <Field label={t('reminders.settings.template')}>
            <textarea rows={2} value={props.template} maxLength={2000} dir="auto" onChange={(e) => props.onTemplate(e.target.value)} />
          </Field>
          {props.children}
        </div>
      )}
    </div>
  );
}

type Product = ApiOutput<'reminders.consumables.list'>[number];

/** Which products are consumable; saved as soon as a box is ticked. */
function Consumables() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Product[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('reminders.consumables.list').then(setItems, (err: unknown) => setError(errorText(err)));
  }, []);
  const set = (p: Product, consumable: boolean, reorderDays: number | null) =>
    call('reminders.consumables.set', { productId: p.id, consumable, reorderDays }).then(setItems, (err: unknown) =>
      setError(errorText(err)),
    );
  if (!items) return null;
  return (
    <div className="consumables">
      <div className="field-label">{t('reminders.settings.consumables')}</div>
      <p className="muted small">{t('reminders.settings.consumablesHint')}</p>
      {items.length === 0 && <p className="muted small">{t('reminders.settings.noProducts')}</p>}
      <ul className="consumable-list">
        {items.map((p) => (
          <li key={p.id}>
            <label className="check">
              <input type="checkbox" checked={p.consumable} onChange={(e) => void set(p, e.target.checked, p.reorderDays)} />
              <span dir="auto">{p.name}</span>
            </label>
            {p.consumable && (
              <span className="small">
                <input
                  type="number"
                  min={1}
                  max={730}
                  className="days-input"
                  defaultValue={p.reorderDays ?? ''}
                  onBlur={(e) => void set(p, true, e.target.value ? Math.max(1, Math.round(Number(e.target.value))) : null)}
                />{' '}
                {t('reminders.settings.days')}
              </span>
            )}
          </li>
        ))}
      </ul>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
