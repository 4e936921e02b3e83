// app.* , setup.* and settings.* API methods.
import { z } from 'zod';
import type { Clock } from '../clock';
import type { SettingsService } from './service';
import { method, noInput, patchOf } from '../api/define';
import { AppInfoOutput, AppSettingsSchema } from './outputs';
import { businessSchema, preferencesSchema, setupSchema } from './schema';

export const APP_VERSION = '0.1.0';

/** The services these methods call, and nothing else. */
export interface SettingsApiDeps {
  settings: SettingsService;
  clock: Clock;
  /** Where this Lavka keeps its data (shown in Settings). */
  dataDir: string;
}

export function settingsApi(s: SettingsApiDeps) {
  return {
    'app.info': method(
      noInput,
      AppInfoOutput,
      () => ({ version: APP_VERSION, setupDone: s.settings.get().setupDone, dataDir: s.dataDir, now: s.clock.now() }),
      'Version, whether setup is done, and where data lives.',
    ),
    'settings.get': method(noInput, AppSettingsSchema, () => s.settings.get(), 'Business profile and preferences.'),
    'settings.update': method(
      z.object({ business: patchOf(businessSchema).optional(), preferences: patchOf(preferencesSchema).optional() }),
      AppSettingsSchema,
      (i) => s.settings.update(i),
      'Changes part of the business profile or preferences.',
    ),
    'setup.complete': method(setupSchema, AppSettingsSchema, (i) => s.settings.completeSetup(i), 'Saves the first-run setup.'),
  };
}
