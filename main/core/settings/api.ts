// app.* , setup.* and settings.* API methods.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput, patchOf } from '../api/define';
import { businessSchema, preferencesSchema, setupSchema } from './schema';

export const APP_VERSION = '0.1.0';

export function settingsMethods(s: Services) {
  return {
    'app.info': method(
      noInput,
      () => ({ version: APP_VERSION, setupDone: s.settings.get().setupDone, dataDir: s.config.dataDir, now: s.clock.now() }),
      'Version, whether setup is done, and where data lives.',
    ),
    'settings.get': method(noInput, () => s.settings.get(), 'Business profile and preferences.'),
    'settings.update': method(
      z.object({ business: patchOf(businessSchema).optional(), preferences: patchOf(preferencesSchema).optional() }),
      (i) => s.settings.update(i),
      'Changes part of the business profile or preferences.',
    ),
    'setup.complete': method(setupSchema, (i) => s.settings.completeSetup(i), 'Saves the first-run setup.'),
  };
}
