// Where the owner writes a reply. Enter sends, Shift+Enter makes a new line. Picks the channel when there are several.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/react';
import { useConversationStore } from '../../stores/conversation';
import type { ConversationSummary } from '../../stores/inbox';
import { useComposerStore } from '../../stores/composer';
import { QuickRepliesButton } from '../quickreplies/QuickRepliesButton';
import { SuggestionBar } from '../assistant/SuggestionBar';
import { runtimeKey } from '../../i18n/keys';
import { AttachButtons, AttachmentChip } from '../media/AttachControls';
import { useAttachmentsStore } from '../../stores/attachments';
import { ReplyWindowNote } from '../media/TelegramBusiness';
import { useAppStore } from '../../stores/app';
import { ChannelDownNotice } from '../workday/ChannelHealth';
import { useSlashQuickReplies } from '../workday/SlashQuickReplies';
import { PhoneBookNotice } from '../contacts/WriteOnWhatsApp';
import { isMessagingChannel } from '../../../../main/shared/addresses';

export function Composer({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const send = useConversationStore((s) => s.send);
  const sendError = useConversationStore((s) => s.sendError);
  const draft = useComposerStore((s) => s.drafts[conversation.id] ?? '');
  const setDraft = useComposerStore((s) => s.setDraft);
  const [channel, setChannel] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const timeZone = useAppStore((s) => s.settings?.business.timeZone);
  const attachment = useAttachmentsStore((s) => s.byConversation[conversation.id]);
  const { attachFile, clear: clearAttachment } = useAttachmentsStore.getState();
  const ref = useRef<HTMLTextAreaElement>(null);
  const slash = useSlashQuickReplies(draft, conversation.contactName, (text) => setDraft(conversation.id, text));
  const sendable = conversation.channels.filter(isMessagingChannel);

  useEffect(() => {
    ref.current?.focus();
  }, [conversation.id]);

  async function submit() {
    const text = draft.trim();
    if ((!text && !attachment) || busy) return;
    setBusy(true);
    const ok = await send(conversation.id, text, channel || undefined, attachment?.mediaId);
    setBusy(false);
    if (ok) {
      setDraft(conversation.id, '');
      clearAttachment(conversation.id);
    }
  }

  // Only a phone-book number: nothing can be sent until WhatsApp confirms the number.
  if (sendable.length === 0 && conversation.channels.includes('phone')) return <PhoneBookNotice contactId={conversation.contactId} />;

  return (
    <div
      className={`composer ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (!f) return;
        e.preventDefault();
        void attachFile(conversation.id, f);
      }}
    >
      <SuggestionBar conversationId={conversation.id} />
      <ChannelDownNotice conversation={conversation} channel={channel} onPick={setChannel} />
      {sendError && <div className="error-box small">{sendError}</div>}
      <ReplyWindowNote conversationId={conversation.id} channels={conversation.channels} timeZone={timeZone} />
      <AttachmentChip conversationId={conversation.id} />
      {slash.list}
      <div className="composer-row">
        <textarea
          ref={ref}
          value={draft}
          placeholder={attachment ? t('media.captionPlaceholder') : t('inbox.composerPlaceholder')}
          onChange={(e) => setDraft(conversation.id, e.target.value)}
          onPaste={(e) => {
            const f = e.clipboardData.files[0];
            if (!f) return;
            e.preventDefault();
            void attachFile(conversation.id, f);
          }}
          onKeyDown={(e) => {
            if (slash.onKeyDown(e)) return;
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          rows={Math.min(8, Math.max(2, draft.split('\n').length))}
          data-testid="composer"
          dir="auto"
        />
        <div className="composer-side">
          <AttachButtons conversationId={conversation.id} />
          <QuickRepliesButton
            contactName={conversation.contactName}
            onPick={(text) => {
              setDraft(conversation.id, draft ? `${draft.trimEnd()}\n${text}` : text);
              ref.current?.focus();
            }}
          />
          {sendable.length > 1 && (
            <select value={channel} onChange={(e) => setChannel(e.target.value)} title={t('inbox.sendVia')} data-testid="composer-channel">
              <option value="">{t('inbox.lastUsedChannel')}</option>
              {sendable.map((c) => (
                <option key={c} value={c}>
                  {t(runtimeKey('common.channel', c))}
                </option>
              ))}
            </select>
          )}
          <button
            className="btn primary"
            onClick={() => void submit()}
            disabled={(!draft.trim() && !attachment) || busy}
            data-testid="send"
          >
            {t('inbox.send')}
          </button>
        </div>
      </div>
    </div>
  );
}
