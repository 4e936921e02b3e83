// Backups and data safety: backup status and list, "Back up now", restore, backup settings, message retention, and
// the recovery state when Lavka found its database damaged at start-up.
import { create } from 'zustand';
import { call, type ApiInput, type ApiOutput } from '../api';
import { useContactsStore, type JobState } from './contacts';
import { errorText } from '../i18n/errors';

export type BackupStatus = ApiOutput<'backup.status'>;
export type BackupInfo = ApiOutput<'backup.list'>[number];
export type Privacy = ApiOutput<'privacy.get'>;

interface BackupState {
  status: BackupStatus | null;
  list: BackupInfo[];
  privacy: Privacy | null;
  error: string | null;
  load: () => Promise<void>;
  apply: (s: BackupStatus) => void;
  backupNow: () => Promise<JobState>;
  restore: (name: string) => Promise<JobState>;
  saveSettings: (s: ApiInput<'backup.setSettings'>) => Promise<void>;
  startFresh: () => Promise<void>;
  loadPrivacy: () => Promise<void>;
  retentionPreview: (months: number) => Promise<number>;
  setRetention: (months: number) => Promise<void>;
  applyRetention: () => Promise<number>;
}

let loading: Promise<void> | null = null;

export const useBackupStore = create<BackupState>((set, get) => ({
  status: null,
  list: [],
  privacy: null,
  error: null,
  load() {
    // The page asks at start and RecoveryGate asks when it mounts: one request answers both.
    loading ??= (async () => {
      try {
        const [status, list] = await Promise.all([call('backup.status'), call('backup.list')]);
        set({ status, list, error: null });
      } catch (err) {
        set({ error: errorText(err) });
      } finally {
        loading = null;
      }
    })();
    return loading;
  },
  apply(status) {
    set({ status });
    void call('backup.list')
      .then((list) => set({ list }))
      .catch(() => {});
  },
  async backupNow() {
    const job = await call('backup.now');
    useContactsStore.getState().applyJob(job);
    const done = await useContactsStore.getState().waitJob(job.id);
    await get().load();
    return done;
  },
  async restore(name) {
    const job = await call('backup.restore', { name });
    useContactsStore.getState().applyJob(job);
    return useContactsStore.getState().waitJob(job.id);
  },
  async saveSettings(s) {
    const status = await call('backup.setSettings', s);
    set({ status });
  },
  async startFresh() {
    set({ status: await call('backup.startFresh') });
  },
  async loadPrivacy() {
    try {
      set({ privacy: await call('privacy.get') });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  async retentionPreview(months) {
    return (await call('privacy.retentionPreview', { months })).messages;
  },
  async setRetention(months) {
    await call('privacy.set', { retentionMonths: months });
    await get().loadPrivacy();
  },
  async applyRetention() {
    const r = await call('privacy.applyRetention');
    await get().loadPrivacy();
    return r.deleted;
  },
}));
