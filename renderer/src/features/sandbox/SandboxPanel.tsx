// "Try as a customer": the owner writes as a pretend customer through the real sandbox channel,
// and sees the shop's replies arrive as the customer would.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useSandboxStore } from '../../stores/sandbox';
import { useAppStore } from '../../stores/app';
import { formatTime } from '../../components/format';
import { MediaView } from '../media/MediaView';
import { PickButton, useFilePicker } from '../media/FilePicker';

export function SandboxPanel() {
  const { t } = useTranslation();
  const { customers, activeKey, name, thread, error } = useSandboxStore();
  const { toggle, pick, setName, say, sendMedia } = useSandboxStore.getState();
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const [text, setText] = useState('');
  // The voice button asks for audio sent as a voice note; photo and file send what was picked as it is.
  const picker = useFilePicker(
    (f, voice: boolean) => void sendMedia(f, voice, text.trim()).then((ok) => ok && setText('')),
    false,
    'sandbox-file-input',
  );
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
          <PickButton label={t('media.sandboxPhoto')} testId="sandbox-photo" onClick={() => picker.open(false, 'image/*')}>
            📷
          </PickButton>
          <PickButton label={t('media.sandboxVoice')} testId="sandbox-voice" onClick={() => picker.open(true, 'audio/*')}>
            🎤
          </PickButton>
          <PickButton label={t('media.sandboxFile')} testId="sandbox-file" onClick={() => picker.open(false)}>
            📎
          </PickButton>
          {picker.input}
        </div>
        <button className="btn primary" onClick={() => void submit()} disabled={!text.trim()} data-testid="sandbox-send">
          {t('sandbox.send')}
        </button>
      </div>
    </aside>
  );
}
