// Which WhatsApp messages Lavka files, and how: text as text, media as a typed placeholder with its caption,
// chat events (deleted messages, encryption notices, calls, reactions) not at all. Pure; no client calls here.
import type { MessageKind } from '../../inbox/types';
import type { AckStatus } from '../channel';
import type { WaMessage } from './client';

export const WHATSAPP = 'whatsapp';

export interface WaFilter {
  ignoreGroups: boolean;
  ignoreStatus: boolean;
}

export type SkipReason = 'own' | 'status' | 'group' | 'broadcast' | 'event';

/** Message types that are chat events, not something the customer wrote. */
const EVENT_TYPES = new Set([
  'revoked',
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'broadcast_notification',
  'protocol',
  'call_log',
  'ciphertext',
  'debug',
  'reaction',
  'pinned_message',
  'keep_in_chat',
]);

export function skipReason(m: WaMessage, f: WaFilter): SkipReason | null {
  if (m.fromMe) return 'own';
  const from = String(m.from ?? '');
  if (m.isStatus || from === 'status@broadcast') return f.ignoreStatus ? 'status' : null;
  if (from.endsWith('@g.us')) return f.ignoreGroups ? 'group' : null;
  // Channels (newsletters) and broadcast lists are one-to-many announcements, never a customer conversation.
  if (from.endsWith('@newsletter') || from.endsWith('@broadcast')) return 'broadcast';
  if (EVENT_TYPES.has(String(m.type))) return 'event';
  return null;
}

/**
 * Whether a message the owner wrote from the phone (fromMe) is filed: only in one-to-one chats with someone else,
 * and only what they wrote (not chat events).
 */
export function ownMessageFiled(m: WaMessage, ownJid: string | undefined): boolean {
  if (!m.fromMe) return false;
  const to = String(m.to ?? '');
  if (!to || to === ownJid || m.isStatus || to === 'status@broadcast') return false;
  if (to.endsWith('@g.us') || to.endsWith('@newsletter') || to.endsWith('@broadcast')) return false;
  return !EVENT_TYPES.has(String(m.type));
}

/** Message types whose media Lavka downloads. */
const MEDIA_TYPES = new Set(['image', 'ptt', 'audio', 'video', 'document', 'sticker']);

export function hasDownloadableMedia(m: WaMessage): boolean {
  return m.hasMedia === true && MEDIA_TYPES.has(String(m.type));
}

export function contentOf(m: WaMessage): { kind: MessageKind; body: string } {
  const body = typeof m.body === 'string' ? m.body : '';
  switch (String(m.type)) {
    case 'chat':
      return { kind: 'text', body };
    case 'image':
    case 'album':
      return { kind: 'image', body };
    case 'ptt':
      return { kind: 'voice', body: '' };
    case 'audio':
      return { kind: 'audio', body: '' };
    case 'video':
      return { kind: 'video', body };
    case 'document':
      return { kind: 'document', body };
    case 'sticker':
      return { kind: 'sticker', body: '' };
    case 'location': {
      const l = m.location;
      const where = l ? [l.name, l.address, l.description].find((x) => typeof x === 'string' && x.trim()) : undefined;
      return { kind: 'location', body: where ?? (l ? `${l.latitude}, ${l.longitude}` : '') };
    }
    case 'vcard':
    case 'multi_vcard':
      return { kind: 'contact', body: (Array.isArray(m.vCards) ? m.vCards : []).map(vcardName).filter(Boolean).join(', ') };
    default:
      // Polls, orders, products, buttons, and types newer than this code: shown as a placeholder with any text.
      return { kind: 'other', body };
  }
}

/** The FN (or TEL) line of a vCard, for a one-line placeholder. */
function vcardName(card: string): string {
  if (typeof card !== 'string') return '';
  const fn = /^FN[^:]*:(.*)$/m.exec(card)?.[1]?.trim();
  const tel = /^TEL[^:]*:(.*)$/m.exec(card)?.[1]?.trim();
  return [fn, tel].filter(Boolean).join(' ');
}

/** whatsapp-web.js's MessageAck as Lavka's delivery status; null for "pending" (0), which Lavka already shows as sending. */
export function ackStatus(ack: number): AckStatus | null {
  if (ack === -1) return 'failed';
  if (ack === 1) return 'sent';
  if (ack === 2) return 'delivered';
  if (ack === 3 || ack === 4) return 'read';
  return null;
}
