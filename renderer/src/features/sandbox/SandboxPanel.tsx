// "Try as a customer": the owner writes as a pretend customer through the real sandbox channel,
// and sees the shop's replies arrive as the customer would.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useSandboxStore } from '../../stores/sandbox';
import { useAppStore } from '../../stores/app';
import { formatTime } from '../../components/format';
import { MediaView } from '../media/MediaView';

export function SandboxPanel() {
  const { t } = useTranslation();
  const { customers, activeKey, name, thread, error } = useSandboxStore();
  const { toggle, pick, setName, say, sendMedia } = useSandboxStore.getState();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pickVoice, setPickVoice] = useState(false);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const [text, setText] = useState('');
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [thread.length]);

  async function submit() {
    if (!text.trim()) return;
    if (await say(text)) setText('');
  }

  return (
    <aside className="sandbox-panel" data-testid="sandbox-panel">
      <header className="sandbox-head">
        <div>
          <h2>🧪 {t('sandbox.title')}</h2>
          <p className="muted small">{t('sandbox.hint')}</p>
        </div>
        <button className="btn small" onClick={() => toggle(false)} aria-label={t('common.close')}>
          ✕
        </button>
      </header>
      <div className="sandbox-who">
        <select
          value={activeKey ?? ''}
          onChange={(e) => {
            const c = customers.find((x) => x.key === e.target.value);
            void pick(c ? c.key : null, c?.name);
          }}
          data-testid="sandbox-customer"
        >
          <option value="">{t('sandbox.newCustomer')}</option>
          {customers.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
            </option>
          ))}
        </select>
        {!activeKey && (
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('sandbox.namePlaceholder')}
            maxLength={200}
            data-testid="sandbox-name"
            dir="auto"
          />
        )}
      </div>
      <div className="phone" data-testid="sandbox-thread">
        {thread.length === 0 && <p className="muted small phone-empty">{t('sandbox.empty')}</p>}
        {thread.map((m) => (
          <div
            key={m.id}
            className={`phone-msg ${m.direction === 'in' ? 'mine' : 'theirs'}`}
            data-testid={m.direction === 'in' ? 'sandbox-mine' : 'sandbox-reply'}
          >
            {m.media && <MediaView messageId={m.id} kind={m.kind} media={m.media} compact />}
            {m.body && <span dir="auto">{m.body}</span>}
            <span className="phone-time">{formatTime(m.createdAt, timeZone)}</span>
          </div>
        ))}
        <div ref={endRef} />
      </div>
      {error && <p className="error-box small">{error}</p>}
      <div className="sandbox-compose">
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
          placeholder={t('sandbox.placeholder')}
          rows={2}
          data-testid="sandbox-input"
          dir="auto"
        />
        <div className="sandbox-media-buttons">
          <button
            className="btn small"
            title={t('media.sandboxPhoto')}
            aria-label={t('media.sandboxPhoto')}
            data-testid="sandbox-photo"
            onClick={() => {
              setPickVoice(false);
              if (fileInput.current) {
                fileInput.current.accept = 'image/*';
                fileInput.current.click();
              }
            }}
          >
            📷
          </button>
          <button
            className="btn small"
            title={t('media.sandboxVoice')}
            aria-label={t('media.sandboxVoice')}
            data-testid="sandbox-voice"
            onClick={() => {
              setPickVoice(true);
              if (fileInput.current) {
                fileInput.current.accept = 'audio/*';
                fileInput.current.click();
              }
            }}
          >
            🎤
          </button>
          <button
            className="btn small"
            title={t('media.sandboxFile')}
            aria-label={t('media.sandboxFile')}
            data-testid="sandbox-file"
            onClick={() => {
              setPickVoice(false);
              if (fileInput.current) {
                fileInput.current.accept = '';
                fileInput.current.click();
              }
            }}
          >
            📎
          </button>
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="sandbox-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void sendMedia(f, pickVoice, text.trim()).then((ok) => ok && setText(''));
            }}
          />
        </div>
        <button className="btn primary" onClick={() => void submit()} disabled={!text.trim()} data-testid="sandbox-send">
          {t('sandbox.send')}
        </button>
      </div>
    </aside>
  );
}
