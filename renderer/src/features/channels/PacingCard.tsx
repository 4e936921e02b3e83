// Sending pace per channel: a minimum gap and an hourly limit, stricter for people who never wrote first.
import { useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useChannelsStore, type Pacing } from '../../stores/channels';
import { useSaveState } from '../settings/useSaveState';
import { SaveBar } from '../settings/BusinessSection';

type Rule = Pacing['whatsapp'];
const CHANNELS = ['whatsapp', 'telegram'] as const;

export function PacingCard() {
  const { t } = useTranslation();
  const initial = useChannelsStore((s) => s.overview!.pacing);
  const setPacing = useChannelsStore((s) => s.setPacing);
  const [p, setP] = useState<Pacing>(initial);
  const save = useSaveState();
  const set = (ch: (typeof CHANNELS)[number], key: keyof Rule, value: string) => {
    const n = Number(value);
    setP({ ...p, [ch]: { ...p[ch], [key]: Number.isFinite(n) ? n : 0 } });
  };
  return (
    <form
      className="card channel-card"
      data-testid="pacing-card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => setPacing(p));
      }}
    >
      <header className="channel-card-head">
        <h3>{t('channels.pacing.title')}</h3>
      </header>
      <p className="muted">{t('channels.pacing.intro')}</p>
      <table className="data pacing-table">
        <thead>
          <tr>
            <th />
            <th colSpan={2}>{t('channels.pacing.everyone')}</th>
            <th colSpan={2}>{t('channels.pacing.cold')}</th>
          </tr>
          <tr>
            <th />
            <th>{t('channels.pacing.minGap')}</th>
            <th>{t('channels.pacing.hourlyCap')}</th>
            <th>{t('channels.pacing.minGap')}</th>
            <th>{t('channels.pacing.hourlyCap')}</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((ch) => (
            <tr key={ch}>
              <th scope="row">
                {t(`common.channel.${ch}`)}
                <div className="muted small">{t(`channels.pacing.${ch}Hint`)}</div>
              </th>
              {(['minGapSeconds', 'hourlyCap', 'coldMinGapSeconds', 'coldHourlyCap'] as const).map((key) => (
                <td key={key}>
                  <input
                    type="number"
                    min={key.endsWith('Cap') ? 1 : 0}
                    step={key.endsWith('Cap') ? 1 : 0.5}
                    value={p[ch][key]}
                    onChange={(e) => set(ch, key, e.target.value)}
                    data-testid={`pacing-${ch}-${key}`}
                    aria-label={`${t(`common.channel.${ch}`)} ${key}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <SaveBar busy={save.busy} saved={save.saved} error={save.error} />
    </form>
  );
}
