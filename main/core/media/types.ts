// Media shapes shared by the inbox, the channels and the UI. Plain data; no node:* here (the renderer imports types).
import type { MessageKind } from '../inbox/message-kind';

export type MediaState = 'pending' | 'stored' | 'failed';

/** What the UI gets with a message that carries a photo, voice note or file. */
export interface MediaInfo {
  id: number;
  state: MediaState;
  mime: string;
  /** The sender's file name: untrusted text. */
  fileName: string;
  size: number | null;
  error: string | null;
}

/** Media a channel received: how to fetch it (now or on Retry) and what the sender told about it. */
export interface InboundMedia {
  /** The channel's handle to download it again: Telegram file_id, WhatsApp message id. */
  source: string;
  mime?: string;
  fileName?: string;
  /** Size the channel announced, if any: lets Lavka refuse an oversized file without downloading it. */
  size?: number;
  /** The bytes, when the channel has them at hand (the sandbox). */
  data?: Uint8Array;
}

/** What a channel fetches for an InboundMedia. */
export interface FetchedMedia {
  data: Uint8Array;
  mime?: string;
  fileName?: string;
}

/** A stored file handed to a channel to send. */
export interface OutgoingMedia {
  kind: MessageKind;
  path: string;
  mime: string;
  fileName: string;
  size: number;
}

/** The message kind a file is sent and shown as. Voice: an Ogg/Opus recording (what WhatsApp and Telegram use). */
export function kindOfMime(mime: string, voice = false): MessageKind {
  const m = mime.toLowerCase();
  if (m.startsWith('image/webp') && voice) return 'sticker';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('audio/')) return voice || m.startsWith('audio/ogg') ? 'voice' : 'audio';
  if (m.startsWith('video/')) return 'video';
  return 'document';
}

/** Types the UI may show inline. Anything else (SVG, HTML, PDF, archives…) is only ever offered as a download. */
const INLINE = /^(image\/(jpeg|png|gif|webp)|audio\/(ogg|mpeg|mp4|aac|webm|wav|x-wav|opus)|video\/(mp4|webm))$/;

export function isInlineMime(mime: string): boolean {
  return INLINE.test(mime.toLowerCase().split(';')[0].trim());
}
