// The first-run checklist on the empty inbox pane: each step ticked from the real state, each one click from its fix.
// Hidden once every step is done.
import { useEffect, useState } from 'react';
import { call, type ApiOutput } from '../../api';
import { useTranslation } from '../../i18n/react';
import { useAppStore } from '../../stores/app';
import { useChannelsStore } from '../../stores/channels';

type Checklist = ApiOutput<'workday.checklist'>;

export function FirstRunChecklist() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  // Channel changes (a phone linked) and coming back to the inbox (products added in Catalog) re-read the list.
  const channels = useChannelsStore((s) => s.statuses);
  const screen = useAppStore((s) => s.screen);
  const [list, setList] = useState<Checklist | null>(null);
  useEffect(() => {
    let live = true;
    void call('workday.checklist')
      .then((l) => live && setList(l))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [channels, screen]);
  if (!list) return null;
  const steps = [
    { id: 'whatsapp', done: list.whatsapp, text: t('workday.checklist.whatsapp'), open: () => go('settings', 'channels') },
    { id: 'telegram', done: list.telegram, text: t('workday.checklist.telegram'), open: () => go('settings', 'channels') },
    { id: 'products', done: list.products, text: t('workday.checklist.products'), open: () => go('catalog') },
    {
      id: 'knowledge',
      done: list.knowledge.done,
      text: t('workday.checklist.knowledge', {
        questions: Math.min(list.knowledge.questions, list.knowledge.wanted),
        wanted: list.knowledge.wanted,
      }),
      open: () => go('knowledge'),
    },
    { id: 'assistant', done: list.assistant.done, text: t('workday.checklist.assistant'), open: () => go('settings', 'assistant') },
  ];
  if (steps.every((s) => s.done)) return null;
  return (
    <section className="first-run" data-testid="first-run-checklist" aria-labelledby="first-run-title">
      <h3 id="first-run-title">{t('workday.checklist.title')}</h3>
      <ol>
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'done' : ''} data-testid={`checklist-${s.id}`} data-done={s.done}>
            <span className="tick" aria-hidden>
              {s.done ? '✓' : ''}
            </span>
            <span className="step-text">{s.text}</span>
            {s.done ? (
              <span className="muted small">{t('workday.checklist.done')}</span>
            ) : (
              <button className="btn small" onClick={s.open} data-testid={`checklist-open-${s.id}`}>
                {t('workday.checklist.open')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
