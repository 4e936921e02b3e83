// The one-line preview shown in the inbox list. Pure text: the UI renders it as text, never as HTML.
import type { MessageKind } from './types';
import { previewMarker } from '../../shared/message-preview';

const PREVIEW_CHARS = 140;
// Zero-width and bidi controls can make a preview look empty or reversed; keep them out of the one-liner only.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
/** A preview needs only the start of a long message (up to 200,000 characters); the whole body is read only when its start is mostly blank. */
const WINDOW = 2_000;

export function previewOf(kind: MessageKind, body: string): string {
  const label = previewMarker(kind);
  let chars = Array.from(label + oneLine(body.length > WINDOW ? body.slice(0, WINDOW) : body));
  // The window cut a character in two or held too little text to fill the preview: read it all.
  if (body.length > WINDOW && chars.length <= PREVIEW_CHARS + 1) chars = Array.from(label + oneLine(body));
  return chars.length > PREVIEW_CHARS ? chars.slice(0, PREVIEW_CHARS - 1).join('') + '…' : chars.join('');
}

function oneLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
