// Turns a Telegram message (Bot API JSON) into Lavka's InboundMessage. Updates are untrusted and grow new fields
// every Bot API version: every field is checked before use, and anything unknown becomes a typed placeholder.
import type { Message } from 'grammy/types';
import type { InboundMessage } from '../channel';
import type { MessageKind } from '../../inbox/types';
import type { InboundMedia } from '../../media/types';
import { telegramDisplay } from '../../contacts/identity';

export const TELEGRAM = 'telegram';

/** The stable id of a Telegram message: message ids are only unique within a chat. */
export function telegramMessageId(chatId: number | string, messageId: number | string): string {
  return `${chatId}:${messageId}`;
}

/**
 * A customer message from a private chat, or null for what Lavka does not file (groups, channels, bots, service
 * messages such as "pinned a message" or a user joining).
 */
export function telegramInbound(raw: Message | undefined, now: number): InboundMessage | null {
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Message & Record<string, unknown>;
  const chat = m.chat as { id?: unknown; type?: unknown } | undefined;
  const from = m.from as { id?: unknown; is_bot?: unknown } | undefined;
  if (!chat || chat.type !== 'private' || typeof chat.id !== 'number') return null;
  if (!from || typeof from.id !== 'number' || from.is_bot === true) return null;
  if (typeof m.message_id !== 'number') return null;
  const content = contentOf(m);
  if (!content) return null;
  const media = mediaOf(m);
  return {
    channel: TELEGRAM,
    externalId: telegramMessageId(chat.id, m.message_id),
    from: { externalId: String(from.id), display: telegramDisplay(m.from!) },
    kind: content.kind,
    body: content.body,
    at: typeof m.date === 'number' && m.date > 0 ? m.date * 1000 : now,
    ...(media ? { media } : {}),
  };
}

interface TgFile {
  file_id?: unknown;
  file_size?: unknown;
  file_name?: unknown;
  mime_type?: unknown;
}

/** The file of a photo, voice note, audio, video or document: its file_id is what getFile downloads (now or on Retry). */
export function mediaOf(m: Record<string, unknown>): InboundMedia | null {
  const pick = (f: unknown, mime: string): InboundMedia | null => {
    const x = f as TgFile | undefined;
    if (!x || typeof x.file_id !== 'string' || !x.file_id) return null;
    return {
      source: x.file_id,
      mime: typeof x.mime_type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(x.mime_type) ? x.mime_type : mime,
      ...(typeof x.file_name === 'string' ? { fileName: x.file_name.slice(0, 200) } : {}),
      ...(typeof x.file_size === 'number' ? { size: x.file_size } : {}),
    };
  };
  // Telegram sends a photo in several sizes, smallest first: keep the largest.
  if (Array.isArray(m.photo) && m.photo.length) return pick(m.photo[m.photo.length - 1], 'image/jpeg');
  if (m.voice) return pick(m.voice, 'audio/ogg');
  if (m.audio) return pick(m.audio, 'audio/mpeg');
  if (m.video) return pick(m.video, 'video/mp4');
  if (m.video_note) return pick(m.video_note, 'video/mp4');
  if (m.animation) return pick(m.animation, 'video/mp4');
  if (m.document) return pick(m.document, 'application/octet-stream');
  if (m.sticker) {
    const st = m.sticker as { is_animated?: unknown; is_video?: unknown };
    return pick(m.sticker, st.is_video ? 'video/webm' : st.is_animated ? 'application/x-tgsticker' : 'image/webp');
  }
  return null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Fields that make a message something a customer sent, most specific first. */
function contentOf(m: Message & Record<string, unknown>): { kind: MessageKind; body: string } | null {
  const caption = str(m.caption);
  if (typeof m.text === 'string') return { kind: 'text', body: m.text };
  if (Array.isArray(m.photo)) return { kind: 'image', body: caption };
  if (m.voice) return { kind: 'voice', body: caption };
  if (m.audio) {
    const a = m.audio as { title?: unknown; performer?: unknown };
    return { kind: 'audio', body: caption || [str(a.performer), str(a.title)].filter(Boolean).join(' — ') };
  }
  if (m.video || m.video_note || m.animation) return { kind: 'video', body: caption };
  if (m.document) return { kind: 'document', body: caption || str((m.document as { file_name?: unknown }).file_name) };
  if (m.sticker) return { kind: 'sticker', body: str((m.sticker as { emoji?: unknown }).emoji) };
  if (m.venue) {
    const v = m.venue as { title?: unknown; address?: unknown };
    return { kind: 'location', body: [str(v.title), str(v.address)].filter(Boolean).join(', ') };
  }
  if (m.location) {
    const l = m.location as { latitude?: unknown; longitude?: unknown };
    return typeof l.latitude === 'number' && typeof l.longitude === 'number'
      ? { kind: 'location', body: `${l.latitude}, ${l.longitude}` }
      : { kind: 'location', body: '' };
  }
  if (m.contact) {
    const c = m.contact as { first_name?: unknown; last_name?: unknown; phone_number?: unknown };
    return {
      kind: 'contact',
      body: [[str(c.first_name), str(c.last_name)].filter(Boolean).join(' '), str(c.phone_number)].filter(Boolean).join(', '),
    };
  }
  if (m.poll) return { kind: 'other', body: str((m.poll as { question?: unknown }).question) };
  if (m.dice) return { kind: 'other', body: str((m.dice as { emoji?: unknown }).emoji) };
  if (SERVICE_FIELDS.some((f) => f in m)) return null;
  // A content type newer than this code (a story, a giveaway, a paid media…): keep it visible as a placeholder.
  return { kind: 'other', body: caption };
}

/** Service messages are events in the chat, not something the customer wrote. */
const SERVICE_FIELDS = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'pinned_message',
  'message_auto_delete_timer_changed',
  'successful_payment',
  'users_shared',
  'chat_shared',
  'write_access_allowed',
  'forum_topic_created',
  'video_chat_started',
  'video_chat_ended',
  'chat_background_set',
];
