// Settings → Assistant: is Ollama running (and how to start it), which model (download the recommended one with
// progress and Cancel), the default mode, when Auto may send, and the holding message for customers who need you.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useAssistantStore, watchStatus, type AssistantSettings, type Mode } from '../../stores/assistant';
import { Field } from '../settings/fields';
import { SaveBar } from '../settings/BusinessSection';
import { useSaveState } from '../settings/useSaveState';
import { errorText } from '../../i18n/errors';
import { assistantProblem } from './problem';
import { formatBytes } from '../../components/format';

const MODES: Mode[] = ['off', 'suggest', 'auto'];

export function formatSize(bytes: number): string {
  return formatBytes(bytes);
}

export function AssistantSection() {
  const settings = useAssistantStore((s) => s.settings);
  const loadSettings = useAssistantStore((s) => s.loadSettings);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => watchStatus(), []);
  if (!settings) return null;
  return (
    <div className="assistant-settings" data-testid="assistant-settings">
      <ConnectionCard settings={settings} />
      <BehaviourForm initial={settings} />
    </div>
  );
}

function ConnectionCard({ settings }: { settings: AssistantSettings }) {
  const { t } = useTranslation();
  const status = useAssistantStore((s) => s.status);
  const checking = useAssistantStore((s) => s.checking);
  const pull = useAssistantStore((s) => s.pull);
  const { loadStatus, saveSettings, startPull, cancelPull } = useAssistantStore.getState();
  const [host, setHost] = useState(settings.host);
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const state = status?.state ?? 'not_running';
  const recommended = status?.recommended;
  const hasRecommended = !!recommended && !!status?.models.some((m) => m.name === recommended.name);
  const pulling = !!pull?.running;
  const percent = pull && pull.total > 0 ? Math.min(100, Math.round((pull.completed / pull.total) * 100)) : 0;

  async function run(fn: () => Promise<void>) {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="form">
      <h2>{t('assistant.section')}</h2>
      <p className="muted">{t('assistant.intro')}</p>
      <div className="card assistant-card">
        <div className="assistant-card-head">
          <h3>{t('assistant.connection')}</h3>
          <span
            className={`status-chip state-${state === 'ready' ? 'connected' : state === 'no_model' ? 'starting' : 'error'}`}
            data-testid="assistant-state"
          >
            <span className="dot" />
            {t(`assistant.state.${state}`)}
            {status?.version && <span className="muted"> · {t('assistant.version', { version: status.version })}</span>}
          </span>
        </div>
        <Field label={t('assistant.host')} hint={t('assistant.hostHint', { host: status?.host ?? 'http://127.0.0.1:11434' })}>
          <div className="inline-input">
            <input
              value={host}
              onChange={(e) => setHost(e.target.value)}
              placeholder={status?.host ?? 'http://127.0.0.1:11434'}
              data-testid="assistant-host"
            />
            <button
              className="btn"
              disabled={checking}
              onClick={() => void run(async () => (host !== settings.host ? saveSettings({ host }) : loadStatus(true)))}
              data-testid="assistant-check"
            >
              {checking ? t('assistant.checking') : t('assistant.checkAgain')}
            </button>
          </div>
        </Field>
        {state === 'not_running' && (
          <div className="assistant-howto" data-testid="assistant-howto">
            <strong>{t('assistant.howTo.title')}</strong>
            <ol>
              <li>{t('assistant.howTo.install')}</li>
              <li>{t('assistant.howTo.start')}</li>
              <li>{t('assistant.howTo.check')}</li>
            </ol>
          </div>
        )}
        {status?.problem && state !== 'not_running' && <p className="assistant-problem">{assistantProblem(status)}</p>}
      </div>

      {state !== 'not_running' && (
        <div className="card assistant-card">
          <h3>{t('assistant.model')}</h3>
          <p className="muted small">{t('assistant.modelHint')}</p>
          {status && status.models.length > 0 ? (
            <select
              value={settings.model}
              onChange={(e) => void run(() => saveSettings({ model: e.target.value }))}
              data-testid="assistant-model"
            >
              {!status.models.some((m) => m.name === settings.model) && (
                <option value={settings.model}>{settings.model || t('assistant.pickModel')}</option>
              )}
              {status.models.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} · {m.parameterSize || m.family} · {formatSize(m.sizeBytes)}
                </option>
              ))}
            </select>
          ) : (
            <p className="muted">{t('assistant.noModels')}</p>
          )}
          {recommended && (
            <div className="assistant-recommended">
              <strong>{t('assistant.recommended', { name: recommended.name, size: formatSize(recommended.sizeBytes) })}</strong>
              <span className="muted small">{t('assistant.recommendedWhy', { fallback: recommended.fallback })}</span>
            </div>
          )}
          {pull && (pulling || pull.error || pull.done || pull.status === 'cancelled') && (
            <div className="assistant-pull" data-testid="assistant-pull">
              {pulling && (
                <>
                  <div className="pull-line">
                    <span>{t('assistant.downloading', { model: pull.model })}</span>
                    <span className="muted small">
                      {pull.total > 0 ? `${formatSize(pull.completed)} / ${formatSize(pull.total)} · ${percent}%` : pull.status}
                    </span>
                  </div>
                  <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
                    <span style={{ width: `${percent}%` }} />
                  </div>
                  <button className="btn small" onClick={() => void run(cancelPull)} data-testid="assistant-pull-cancel">
                    {t('assistant.cancel')}
                  </button>
                </>
              )}
              {!pulling && pull.done && <span className="ok">✓ {t('assistant.downloaded', { model: pull.model })}</span>}
              {!pulling && pull.status === 'cancelled' && <span className="muted">{t('assistant.cancelled')}</span>}
              {!pulling && pull.error && <div className="error-box small">{pull.error}</div>}
            </div>
          )}
          {!pulling && (
            <div className="assistant-download">
              {recommended && !hasRecommended && (
                <button
                  className="btn primary"
                  onClick={() =>
                    void run(async () => {
                      await startPull(recommended.name);
                      if (!settings.model) await saveSettings({ model: recommended.name });
                    })
                  }
                  data-testid="assistant-download"
                >
                  ⬇ {t('assistant.download')}
                </button>
              )}
              <div className="inline-input">
                <input value={other} onChange={(e) => setOther(e.target.value)} placeholder={t('assistant.otherModel')} />
                <button className="btn" disabled={!other.trim()} onClick={() => void run(() => startPull(other.trim()))}>
                  {t('assistant.downloadOther')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {error && <div className="error-box">{error}</div>}
    </section>
  );
}

function BehaviourForm({ initial }: { initial: AssistantSettings }) {
  const { t } = useTranslation();
  const saveSettings = useAssistantStore((s) => s.saveSettings);
  const [v, setV] = useState(initial);
  const [newLang, setNewLang] = useState('');
  const save = useSaveState();
  const langs = Object.keys(v.holdingMessages).sort();
  return (
    <form
      className="form assistant-behaviour"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() =>
          saveSettings({
            defaultMode: v.defaultMode,
            autoHours: v.autoHours,
            maxAutoInRow: v.maxAutoInRow,
            autoFreeText: v.autoFreeText,
            autoPaused: v.autoPaused,
            holdingMessages: v.holdingMessages,
          }),
        );
      }}
    >
      <h3>{t('assistant.behaviour')}</h3>
      <fieldset className="mode-cards">
        <legend className="field-label">{t('assistant.defaultMode')}</legend>
        {MODES.map((m) => (
          <label key={m} className={`mode-card ${v.defaultMode === m ? 'on' : ''}`}>
            <input
              type="radio"
              name="defaultMode"
              checked={v.defaultMode === m}
              onChange={() => setV({ ...v, defaultMode: m })}
              data-testid={`assistant-default-${m}`}
            />
            <strong>{t(`assistant.modes.${m}`)}</strong>
            <span className="muted small">{t(`assistant.modeHelp.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="grid2">
        <Field label={t('assistant.autoHours')}>
          <select value={v.autoHours} onChange={(e) => setV({ ...v, autoHours: e.target.value as AssistantSettings['autoHours'] })}>
            {(['always', 'open', 'closed'] as const).map((h) => (
              <option key={h} value={h}>
                {t(`assistant.autoHoursOptions.${h}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('assistant.maxAutoInRow')}>
          <input
            type="number"
            min={1}
            max={20}
            value={v.maxAutoInRow}
            onChange={(e) => setV({ ...v, maxAutoInRow: Math.max(1, Math.min(20, Number(e.target.value) || 1)) })}
          />
        </Field>
      </div>
      <label className="check assistant-pause">
        <input
          type="checkbox"
          checked={v.autoPaused}
          onChange={(e) => setV({ ...v, autoPaused: e.target.checked })}
          data-testid="assistant-pause"
        />
        <span>
          <strong>{t('autoTrust.pause.label')}</strong>
          <span className="muted small"> — {t('autoTrust.pause.hint')}</span>
        </span>
      </label>
      <label className="check assistant-free-text">
        <input
          type="checkbox"
          checked={v.autoFreeText}
          onChange={(e) => setV({ ...v, autoFreeText: e.target.checked })}
          data-testid="assistant-free-text"
        />
        <span>
          <strong>{t('autoTrust.freeText.label')}</strong>
          <span className="muted small"> — {t('autoTrust.freeText.risk')}</span>
        </span>
      </label>
      <div className="card assistant-rules">
        <strong>{t('autoTrust.autoRules')}</strong>
        <p className="small">{t('autoTrust.autoRulesList')}</p>
      </div>
      <Field label={t('assistant.holding')} hint={t('assistant.holdingHint')}>
        <div className="holding-list">
          {langs.map((l) => (
            <div key={l} className="holding-row">
              <span className="pill">{l}</span>
              <textarea
                rows={2}
                value={v.holdingMessages[l]}
                maxLength={500}
                onChange={(e) => setV({ ...v, holdingMessages: { ...v.holdingMessages, [l]: e.target.value } })}
                dir="auto"
                data-testid={`assistant-holding-${l}`}
              />
            </div>
          ))}
          <div className="holding-row">
            <input
              value={newLang}
              onChange={(e) => setNewLang(e.target.value.toLowerCase().slice(0, 2))}
              placeholder="fr"
              maxLength={2}
              className="lang-input"
            />
            <button
              type="button"
              className="btn small"
              disabled={!/^[a-z]{2}$/.test(newLang) || newLang in v.holdingMessages}
              onClick={() => {
                setV({ ...v, holdingMessages: { ...v.holdingMessages, [newLang]: v.holdingMessages.en ?? '' } });
                setNewLang('');
              }}
            >
              +
            </button>
          </div>
        </div>
      </Field>
      <SaveBar busy={save.busy} saved={save.saved} error={save.error} />
    </form>
  );
}
