// The kinds of message Lavka stores, on its own so that media/types.ts can name it without importing inbox/types.ts.
export type MessageKind = 'text' | 'image' | 'voice' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'contact' | 'other';
