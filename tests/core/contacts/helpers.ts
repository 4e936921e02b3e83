// Shared set-up for contacts tests: a real core on a temp dir, and quick ways to add contacts with history.
import { readFileSync } from 'node:fs';
import type { Services } from '../../../main/core/app';
import type { JobState } from '../../../main/core/contacts/jobs';

export interface NewContact {
  name: string;
  notes?: string;
  tags?: string[];
  phones?: string[];
  emails?: string[];
  telegram?: { id: string; display?: string }[];
  language?: string | null;
}

export function addContact(s: Services, c: NewContact): number {
  const now = s.clock.now();
  return s.db.transaction(() => {
    const id = s.repos.contacts.create({ name: c.name, notes: c.notes ?? '', language: c.language ?? null }, now);
    for (const p of c.phones ?? []) s.repos.contacts.addIdentity(id, 'whatsapp', p, c.name, now);
    for (const e of c.emails ?? []) s.repos.contacts.addIdentity(id, 'email', e, '', now);
    for (const t of c.telegram ?? []) s.repos.contacts.addIdentity(id, 'telegram', t.id, t.display ?? '', now);
    if (c.tags) s.repos.contacts.setTags(id, c.tags);
    return id;
  })();
}

/** Runs a customer message through the real inbound path (as a channel would). */
export function customerWrites(s: Services, channel: string, from: string, text: string, externalId: string, at?: number) {
  return s.inbox.receive({
    channel,
    externalId,
    from: { externalId: from, display: '' },
    kind: 'text',
    body: text,
    at: at ?? s.clock.now(),
  });
}

export async function finished(s: Services, job: JobState): Promise<JobState> {
  const done = await s.jobs.wait(job.id);
  if (done.state === 'failed') throw new Error(`job failed: ${done.error?.message}`);
  return done;
}

export function downloaded(s: Services, job: JobState): Buffer {
  const r = job.result as { downloadId: string };
  const f = s.downloads.get(r.downloadId);
  if (!f) throw new Error('download missing');
  return readFileSync(f.path);
}
