// Opening hours per weekday: a closed checkbox and two time inputs.
import { useTranslation } from '../../i18n/react';
import type { Settings } from '../../stores/app';

type Hours = Settings['business']['openingHours'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function HoursEditor({ value, onChange }: { value: Hours; onChange: (h: Hours) => void }) {
  const { t } = useTranslation();
  return (
    <div className="hours">
      {DAYS.map((d) => {
        const h = value[d];
        return (
          <div className="hours-row" key={d}>
            <span className="hours-day">{t(`settings.days.${d}`)}</span>
            <label className="check">
              <input
                type="checkbox"
                checked={h !== null}
                onChange={(e) => onChange({ ...value, [d]: e.target.checked ? { open: '09:00', close: '18:00' } : null })}
              />
              {h ? t('settings.open') : t('settings.closed')}
            </label>
            {h && (
              <>
                <input
                  type="time"
                  value={h.open}
                  aria-label={`${d} open`}
                  onChange={(e) => onChange({ ...value, [d]: { ...h, open: e.target.value } })}
                />
                <span>–</span>
                <input
                  type="time"
                  value={h.close}
                  aria-label={`${d} close`}
                  onChange={(e) => onChange({ ...value, [d]: { ...h, close: e.target.value } })}
                />
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
