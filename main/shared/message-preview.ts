// How the one-line inbox preview marks a photo, voice note or file: the core stores "[voice] caption"; the UI reads
// the marker back and words it in the owner's language ("[Голосовое] …"), so no English word reaches the list.

export const MEDIA_KINDS = ['image', 'voice', 'audio', 'video', 'document', 'sticker', 'location', 'contact', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The marker the stored preview starts with for a kind other than text. */
export function previewMarker(kind: string): string {
  return kind === 'text' ? '' : `[${kind}] `;
}

/** A stored preview split into its media kind (when it starts with a marker) and the text after it. */
export function readPreview(preview: string): { kind: MediaKind | null; text: string } {
  const m = /^\[([a-z]+)\] ?/.exec(preview);
  if (m && (MEDIA_KINDS as readonly string[]).includes(m[1])) return { kind: m[1] as MediaKind, text: preview.slice(m[0].length) };
  return { kind: null, text: preview };
}
