import { describe, expect, it } from 'vitest';
import { previewMarker, readPreview } from '../../main/shared/message-preview';
import { previewOf } from '../../main/core/inbox/preview';

describe('media marker in the inbox preview', () => {
  it('reads back the kind the core stored, so the UI can word it in the owner language', () => {
    expect(readPreview(previewOf('voice', ''))).toEqual({ kind: 'voice', text: '' });
    expect(readPreview(previewOf('image', 'Fresh croissants'))).toEqual({ kind: 'image', text: 'Fresh croissants' });
    expect(previewMarker('text')).toBe('');
  });

  it('leaves text that only looks like a marker alone', () => {
    expect(readPreview('[urgent] call me')).toEqual({ kind: null, text: '[urgent] call me' });
    expect(readPreview('Hello')).toEqual({ kind: null, text: 'Hello' });
  });
});
