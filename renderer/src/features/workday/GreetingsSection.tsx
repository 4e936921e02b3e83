// Settings → Greeting and away: turn each on, the once-per-customer window, and the wording per customer language
// with a preview of exactly what the customer gets (the owner's text, or Lavka's when the box is empty).
import { useEffect, useState, type FormEvent } from 'react';
import { call, type ApiOutput } from '../../api';
import { useTranslation } from '../../i18n/react';
import { CustomerLanguagePicker, useEditedCustomerLanguage } from '../../components/CustomerLanguagePicker';
import { SaveBar } from '../settings/BusinessSection';
import { useSaveState } from '../settings/useSaveState';

type Settings = ApiOutput<'greetings.get'>;
type Kind = 'greeting' | 'away';

export function GreetingsSection() {
  const [initial, setInitial] = useState<Settings | null>(null);
  useEffect(() => {
    void call('greetings.get').then(setInitial);
  }, []);
  return initial ? <GreetingsForm initial={initial} /> : null;
}

function GreetingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const [s, setS] = useState(initial);
  const [lang, setLang] = useEditedCustomerLanguage();
  const [lavka, setLavka] = useState<Record<Kind, string>>({ greeting: '', away: '' });
  const state = useSaveState();

  useEffect(() => {
    let live = true;
    void Promise.all((['greeting', 'away'] as const).map((kind) => call('greetings.preview', { kind, lang, lavkaText: true }))).then(
      ([g, a]) => {
        if (live) setLavka({ greeting: g.text, away: a.text });
      },
    );
    return () => {
      live = false;
    };
  }, [lang]);

  const own = (kind: Kind) => s.texts[lang]?.[kind] ?? '';
  const setOwn = (kind: Kind, text: string) => setS({ ...s, texts: { ...s.texts, [lang]: { ...s.texts[lang], [kind]: text } } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void state.run(async () => setS(await call('greetings.save', s)));
  };

  return (
    <form className="settings-form greetings-form" onSubmit={submit} data-testid="greetings-settings">
      <label className="check">
        <input
          type="checkbox"
          checked={s.greeting}
          onChange={(e) => setS({ ...s, greeting: e.target.checked })}
          data-testid="greeting-on"
        />{' '}
        {t('workday.greetings.greetingOn')}
      </label>
      <label className="check">
        <input type="checkbox" checked={s.away} onChange={(e) => setS({ ...s, away: e.target.checked })} data-testid="away-on" />{' '}
        {t('workday.greetings.awayOn')}
      </label>
      <label className="field">
        <span>{t('workday.greetings.windowHours')}</span>
        <input
          type="number"
          min={1}
          max={2160}
          value={s.windowHours}
          onChange={(e) => setS({ ...s, windowHours: Math.max(1, Math.round(Number(e.target.value) || 1)) })}
          style={{ width: 90 }}
        />
      </label>
      <CustomerLanguagePicker label={t('workday.greetings.language')} value={lang} onChange={setLang} testId="greetings-language" />
      {(['greeting', 'away'] as const).map((kind) => (
        <div key={kind} className="field">
          <span>{t(kind === 'greeting' ? 'workday.greetings.greetingText' : 'workday.greetings.awayText')}</span>
          <textarea
            rows={3}
            value={own(kind)}
            onChange={(e) => setOwn(kind, e.target.value)}
            placeholder={t('workday.greetings.placeholder')}
            maxLength={1000}
            dir="auto"
            data-testid={`${kind}-text`}
          />
          <div className="greeting-preview" data-testid={`${kind}-preview`}>
            <span className="muted small">{t('workday.greetings.preview')}</span>
            <div className="bubble out" dir="auto">
              {own(kind).trim() || lavka[kind]}
            </div>
          </div>
        </div>
      ))}
      <SaveBar busy={state.busy} saved={state.saved} error={state.error} />
    </form>
  );
}
