// The one-line preview shown in the inbox list. Pure text: the UI renders it as text, never as HTML.
import type { MessageKind } from './types';
import { previewMarker } from '../../shared/message-preview';

const PREVIEW_CHARS = 140;
// Zero-width and bidi controls can make a preview look empty or reversed; keep them out of the one-liner only.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function previewOf(kind: MessageKind, body: string): string {
  const text = body.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const label = previewMarker(kind);
  const chars = Array.from(label + text);
  return chars.length > PREVIEW_CHARS ? chars.slice(0, PREVIEW_CHARS - 1).join('') + '…' : chars.join('');
}
