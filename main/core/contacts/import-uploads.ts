// A CSV file on its way in: uploaded in ordered chunks (or at once) into the import folder, kept until it is imported
// or discarded. The folder starts empty at every start of Lavka.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, notFound } from '../errors';
import { MAX_IMPORT_BYTES, type Upload } from './import-types';

export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  begin(fileName: string, size: number): { uploadId: string } {
    if (size > MAX_IMPORT_BYTES) {
      throw new AppError(
        'invalid_input',
        `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
        undefined,
        {
          reason: 'file_too_large',
          params: { size: `${MAX_IMPORT_BYTES / 1024 / 1024} MB` },
        },
      );
    }
    const id = randomBytes(9).toString('base64url');
    const path = join(this.dir, `${id}.csv`);
    writeFileSync(path, new Uint8Array(0));
    this.uploads.set(id, { id, fileName, path, size, nextChunk: 0 });
    return { uploadId: id };
  }

  /** Chunks arrive in order (the UI sends them one after another); a repeated chunk is ignored, a gap is an error. */
  chunk(uploadId: string, index: number, base64: string): { received: number } {
    const u = this.get(uploadId);
    if (index < u.nextChunk) return { received: statSync(u.path).size };
    if (index > u.nextChunk) throw new AppError('invalid_input', `Upload chunk ${index} arrived before chunk ${u.nextChunk}`);
    const bytes = Buffer.from(base64, 'base64');
    const received = statSync(u.path).size + bytes.length;
    if (received > MAX_IMPORT_BYTES) throw new AppError('invalid_input', 'The file is larger than the import limit');
    appendFileSync(u.path, bytes);
    u.nextChunk++;
    return { received };
  }

  /** Stores a whole file at once (tests, small files). */
  put(fileName: string, bytes: Uint8Array): { uploadId: string } {
    const { uploadId } = this.begin(fileName, bytes.length);
    const u = this.get(uploadId);
    writeFileSync(u.path, bytes);
    u.nextChunk = 1;
    return { uploadId };
  }

  discard(uploadId: string): void {
    const u = this.uploads.get(uploadId);
    if (!u) return;
    rmSync(u.path, { force: true });
    this.uploads.delete(uploadId);
  }

  get(id: string): Upload {
    const u = this.uploads.get(id);
    if (!u) throw notFound('Upload', id);
    return u;
  }
}
