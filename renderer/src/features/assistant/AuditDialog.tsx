// The assistant's log for one conversation: model calls with tokens and time, auto-sent replies, holds and
// escalations with their reasons; exportable as CSV or JSON.
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { call, type ApiOutput } from '../../api';
import { useInboxStore } from '../../stores/inbox';
import { useAppStore } from '../../stores/app';
import { formatListTime, formatNumber, formatSeconds, formatTime } from '../../components/format';
import { runtimeKey } from '../../i18n/keys';
import { errorText } from '../../i18n/errors';
import { saveTextFile } from '../../components/save-file';

type Entry = ApiOutput<'assistant.audit'>[number];

function describe(e: Entry): string {
  if (!e.detail) return e.reason ?? '';
  try {
    const d = JSON.parse(e.detail) as { reply?: string; detail?: string; draft?: string };
    return [d.detail, d.reply ?? d.draft].filter(Boolean).join(' — ');
  } catch {
    return e.detail;
  }
}

export function AuditDialog({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const name = useInboxStore((s) => s.items.find((c) => c.id === conversationId)?.contactName ?? '');
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const when = (at: number) => {
    const day = formatListTime(at, timeZone);
    const time = formatTime(at, timeZone);
    return day === time ? time : `${day} ${time}`;
  };
  const [rows, setRows] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('assistant.audit', { conversationId, limit: 200 })
      .then(setRows)
      .catch((err: unknown) => setError(errorText(err)));
  }, [conversationId]);

  async function exportAs(format: 'csv' | 'json') {
    try {
      const r = await call('assistant.exportAudit', { conversationId, format });
      saveTextFile(r.content, r.filename, r.mime);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal audit-modal" role="dialog" aria-modal onClick={(e) => e.stopPropagation()} data-testid="assistant-log">
        <h2 dir="auto">{t('assistant.logTitle', { name })}</h2>
        {error && <div className="error-box">{error}</div>}
        {rows && rows.length === 0 && <p className="muted">{t('assistant.logEmpty')}</p>}
        {rows && rows.length > 0 && (
          <div className="audit-scroll">
            <table className="data audit-table">
              <thead>
                <tr>
                  <th>{t('assistant.audit.at')}</th>
                  <th>{t('assistant.audit.event')}</th>
                  <th>{t('assistant.audit.purpose')}</th>
                  <th>{t('assistant.audit.tokens')}</th>
                  <th>{t('assistant.audit.latency')}</th>
                  <th>{t('assistant.audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={`audit-${r.event}`}>
                    <td className="nowrap">{when(r.at)}</td>
                    <td>
                      <span className={`pill ev-${r.event}`}>{t(`assistant.audit.events.${r.event}`)}</span>
                      {r.reason && r.event !== 'model_call' && (
                        <div className="small muted">
                          {t(runtimeKey('assistant.reasons', r.reason), {
                            defaultValue: t(runtimeKey('autoTrust.reasons', r.reason), { defaultValue: r.reason ?? '' }),
                          })}
                        </div>
                      )}
                    </td>
                    <td>{r.purpose ?? ''}</td>
                    <td className="nowrap">
                      {r.promptTokens !== null ? `${formatNumber(r.promptTokens)} / ${formatNumber(r.outputTokens ?? 0)}` : ''}
                    </td>
                    <td className="nowrap">{r.latencyMs !== null ? formatSeconds(r.latencyMs) : ''}</td>
                    <td className="audit-detail" dir="auto">
                      {describe(r)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="save-bar">
          <button className="btn" onClick={() => void exportAs('csv')} data-testid="audit-export-csv">
            {t('assistant.exportCsv')}
          </button>
          <button className="btn" onClick={() => void exportAs('json')}>
            {t('assistant.exportJson')}
          </button>
          <span style={{ flex: 1 }} />
          <button className="btn primary" onClick={onClose}>
            {t('assistant.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
