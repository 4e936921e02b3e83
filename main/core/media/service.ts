// Photos, voice notes and files of messages: downloads what customers send (through the channel that received it),
// keeps owner uploads until they are sent, hands stored files to the outbox, and reports the storage used.
// A download that fails leaves the message and a 'failed' media row with the reason; Retry downloads it again.
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { AppError, notFound } from '../errors';
import type { EventBus } from '../events';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { SettingsService } from '../settings/service';
import type { ChannelHub } from '../channels/hub';
import type { MediaRepo, MediaRow } from './media-repo';
import type { MediaStore } from './store';
import { kindOfMime, type FetchedMedia, type InboundMedia, type OutgoingMedia } from './types';

export const mediaSettingsSchema = z.object({
  /** Largest file Lavka keeps or sends, in MB (WhatsApp allows 100 MB for documents, bots download at most 20 MB). */
  maxFileMB: z.number().int().min(1).max(100),
});
export type MediaSettings = z.infer<typeof mediaSettingsSchema>;
export const DEFAULT_MEDIA: MediaSettings = { maxFileMB: 25 };

/** Uploaded attachments the owner never sent are dropped after a day. */
const DRAFT_KEEP_MS = 24 * 60 * 60_000;
const MB = 1024 * 1024;

/** Error codes on a failed row; the UI words them. */
export type MediaError = 'too_large' | 'unavailable' | 'download_failed';

export interface MediaDeps {
  db: Db;
  repo: MediaRepo;
  store: MediaStore;
  messages: MessagesRepo;
  hub: ChannelHub;
  events: EventBus;
  clock: Clock;
  settings: SettingsService;
}

export class MediaService {
  private readonly inFlight = new Map<number, Promise<void>>();
  private stopped = false;

  constructor(private readonly d: MediaDeps) {
    // A download waits for its channel: after a restart WhatsApp takes a while to connect, and nothing should fail then.
    d.hub.onStatus((s) => {
      if (s.state !== 'connected' || this.stopped) return;
      for (const id of d.repo.pendingOf(s.channel, 500)) void this.download(id);
    });
  }

  settings(): MediaSettings {
    return this.d.settings.section('media', mediaSettingsSchema, DEFAULT_MEDIA);
  }

  setSettings(v: MediaSettings): MediaSettings {
    return this.d.settings.setSection('media', mediaSettingsSchema, v);
  }

  private get maxBytes(): number {
    return this.settings().maxFileMB * MB;
  }

  /**
   * Called by the inbox inside the transaction that stores an inbound message: the row is there before any download.
   * Returns the work to start once the transaction committed.
   */
  recordInbound(messageId: number, media: InboundMedia): () => void {
    const now = this.d.clock.now();
    const id = this.d.repo.insert(
      {
        messageId,
        state: 'pending',
        mime: media.mime ?? 'application/octet-stream',
        fileName: media.fileName ?? '',
        size: media.size ?? null,
        source: media.source,
      },
      now,
    );
    const data = media.data;
    return () => void this.download(id, data);
  }

  /** Downloads (or stores the given bytes of) one media row. Never throws: a failure is recorded on the row. */
  download(id: number, data?: Uint8Array): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const p = this.fetchAndStore(id, data).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, p);
    return p;
  }

  /** Retry from the UI: the message's failed (or stuck) download again. */
  async retry(messageId: number): Promise<void> {
    const row = this.d.repo.byMessage(messageId);
    if (!row) throw notFound('Media of message', messageId);
    if (row.state === 'stored') return;
    this.d.repo.setState(row.id, 'pending', null, this.d.clock.now());
    this.emit(row.id);
    await this.download(row.id);
  }

  /** Resumes downloads a stop cut off, and sweeps files whose rows are gone. */
  start(): void {
    this.sweep();
    for (const id of this.d.repo.pending(500)) void this.download(id);
  }

  /** Removes files of erased or deleted messages and unsent uploads older than a day. Returns files removed. */
  sweep(): number {
    this.d.repo.deleteDraftsBefore(this.d.clock.now() - DRAFT_KEEP_MS);
    return this.d.store.sweep(this.d.repo.allIds());
  }

  /** The owner attaches a file to a reply: stored now, sent with the message that uses it. */
  upload(fileName: string, mime: string, data: Uint8Array): { mediaId: number; size: number } {
    if (data.byteLength === 0) throw new AppError('invalid_input', 'The file is empty');
    if (data.byteLength > this.maxBytes) throw new AppError('invalid_input', `The file is larger than ${this.settings().maxFileMB} MB`);
    const now = this.d.clock.now();
    const safeMime = /^[\w.+-]+\/[\w.+-]+$/.test(mime) ? mime.toLowerCase() : 'application/octet-stream';
    const id = this.d.repo.insert(
      { messageId: null, state: 'pending', mime: safeMime, fileName: fileName.slice(0, 200), size: data.byteLength, source: null },
      now,
    );
    const file = this.d.store.write(id, data);
    this.d.repo.stored(id, file, data.byteLength, safeMime, now);
    return { mediaId: id, size: data.byteLength };
  }

  /** A product photo (stored in the catalog as a data URL) as an attachment. */
  uploadDataUrl(dataUrl: string, fileName: string): { mediaId: number; size: number } {
    const m = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
    if (!m) throw new AppError('invalid_input', 'This product has no usable photo');
    return this.upload(fileName, m[1], Buffer.from(m[2], 'base64'));
  }

  /**
   * Inside the send transaction: the draft becomes the message's attachment. Returns the message kind to record.
   * `voice` marks a recording the owner wants sent as a voice note.
   */
  attachInTransaction(mediaId: number, messageId: number): void {
    const row = this.d.repo.get(mediaId);
    if (!row || row.state !== 'stored') throw new AppError('invalid_input', 'The attachment is no longer there; attach it again');
    if (!this.d.repo.attach(mediaId, messageId, this.d.clock.now()))
      throw new AppError('conflict', 'This attachment was already sent; attach it again');
  }

  /** The kind a stored draft is sent as. */
  kindOf(mediaId: number): ReturnType<typeof kindOfMime> {
    const row = this.d.repo.get(mediaId);
    if (!row) throw new AppError('invalid_input', 'The attachment is no longer there; attach it again');
    return kindOfMime(row.mime, /^voice[-_]/i.test(row.file_name));
  }

  /** For the outbox: the file a queued message carries, if any. */
  outgoing(messageId: number): OutgoingMedia | undefined {
    const row = this.d.repo.byMessage(messageId);
    if (!row || row.state !== 'stored' || !row.file) return undefined;
    const msg = this.d.messages.get(messageId);
    return {
      kind: msg?.kind ?? kindOfMime(row.mime),
      path: this.d.store.path(row.file),
      mime: row.mime,
      fileName: row.file_name || 'file',
      size: row.size ?? 0,
    };
  }

  /** A stored file for the download route: path, type and the sender's name. */
  file(id: number): { path: string; mime: string; fileName: string; size: number } | undefined {
    const row = this.d.repo.get(id);
    if (!row || row.state !== 'stored' || !row.file) return undefined;
    return { path: this.d.store.path(row.file), mime: row.mime, fileName: row.file_name, size: row.size ?? 0 };
  }

  /** A conversation's stored files with their bytes (base64), for the customer's data export. */
  async exportOf(
    conversationId: number,
  ): Promise<{ at: string; direction: string; fileName: string; mime: string; size: number; dataBase64: string }[]> {
    const { readFile } = await import('node:fs/promises');
    const out = [];
    for (const r of this.d.repo.ofConversation(conversationId)) {
      if (!r.file) continue;
      const data = await readFile(this.d.store.path(r.file)).catch(() => null);
      if (!data) continue;
      out.push({
        at: new Date(r.created).toISOString(),
        direction: r.direction,
        fileName: r.file_name,
        mime: r.mime,
        size: data.byteLength,
        dataBase64: data.toString('base64'),
      });
    }
    return out;
  }

  usage(): { files: number; bytes: number; dir: string } {
    return { ...this.d.repo.usage(), dir: this.d.store.dir };
  }

  /** Closing: downloads still running record nothing (the database is about to close); they resume at next start. */
  stop(): void {
    this.stopped = true;
  }

  /** Waits for every download in progress (tests, orderly shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()]);
  }

  private async fetchAndStore(id: number, given?: Uint8Array): Promise<void> {
    const row = this.d.repo.get(id);
    if (!row || row.state === 'stored') return;
    const owner = this.d.repo.channelOf(id);
    const now = () => this.d.clock.now();
    if (row.size !== null && row.size > this.maxBytes) return this.fail(row, 'too_large');
    let got: FetchedMedia;
    try {
      if (given) got = { data: given };
      else {
        const channel = owner ? this.d.hub.get(owner.channel) : undefined;
        if (!channel?.fetchMedia || !row.source) return this.fail(row, 'unavailable');
        // Stays pending; the channel's next 'connected' resumes it.
        if (!this.d.hub.isConnected(owner!.channel)) return;
        got = await channel.fetchMedia(row.source);
      }
    } catch (err) {
      if (this.stopped) return;
      return this.fail(row, 'download_failed', err instanceof Error ? err.message : String(err));
    }
    if (this.stopped) return;
    if (got.data.byteLength > this.maxBytes) return this.fail(row, 'too_large');
    // The row may have gone meanwhile (the customer was erased): then the bytes are not kept.
    if (!this.d.repo.get(id)) return;
    const file = this.d.store.write(id, got.data);
    const mime = row.mime !== 'application/octet-stream' ? row.mime : (got.mime ?? row.mime);
    if (!this.d.repo.stored(id, file, got.data.byteLength, mime, now())) this.d.store.remove(file);
    if (!row.file_name && got.fileName) this.d.repo.setFileName(id, got.fileName.slice(0, 200));
    this.emit(id);
  }

  private fail(row: MediaRow, code: MediaError, detail?: string): void {
    this.d.repo.setState(row.id, 'failed', detail ? `${code}: ${detail.slice(0, 300)}` : code, this.d.clock.now());
    this.emit(row.id);
  }

  private emit(mediaId: number): void {
    const owner = this.d.repo.channelOf(mediaId);
    if (!owner) return;
    const m = this.d.messages.get(owner.messageId);
    if (m) this.d.events.emit('message.updated', { conversationId: owner.conversationId, message: m });
  }
}
