// Reads and writes the owner's settings. Other domains keep their own sections through section().
import type { z } from 'zod';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { DomainBus } from '../domain-events';
import type { SettingsRepo } from '../db/repos/settings-repo';
import { DEFAULT_SETTINGS, businessSchema, preferencesSchema, setupSchema, type AppSettings, type SetupInput } from './schema';

export class SettingsService {
  /**
   * Parsed sections keyed by their stored JSON text. Validation (time zones go through Intl) is the costly part and
   * runs on every inbound message via other domains, so it runs once per stored value. Keying on the text itself
   * (not on our own writes) keeps this right whatever changed the row: another service, a restore, a migration.
   */
  private readonly parsed = new Map<string, { raw: string; schema: z.ZodType; value: unknown }>();

  constructor(
    private readonly repo: SettingsRepo,
    private readonly events: EventBus,
    /** Other domains' reactions to a change ('settings.changed'). */
    private readonly domain?: DomainBus,
  ) {}

  get(): AppSettings {
    return {
      setupDone: this.repo.get('setupDone') === true,
      business: this.section('business', businessSchema, DEFAULT_SETTINGS.business),
      preferences: this.section('preferences', preferencesSchema, DEFAULT_SETTINGS.preferences),
    };
  }

  completeSetup(input: SetupInput): AppSettings {
    const parsed = setupSchema.parse(input);
    this.repo.set('business', parsed.business);
    this.repo.set('preferences', parsed.preferences);
    this.repo.set('setupDone', true);
    this.changed();
    return this.get();
  }

  update(patch: { business?: Partial<AppSettings['business']>; preferences?: Partial<AppSettings['preferences']> }): AppSettings {
    const cur = this.get();
    if (patch.business) this.repo.set('business', businessSchema.parse({ ...cur.business, ...patch.business }));
    if (patch.preferences) this.repo.set('preferences', preferencesSchema.parse({ ...cur.preferences, ...patch.preferences }));
    this.changed();
    return this.get();
  }

  requireSetup(): void {
    if (!this.get().setupDone) throw new AppError('setup_required', 'Finish the first-run setup first');
  }

  /** A typed settings section with defaults; a stored value that no longer parses falls back to defaults. */
  section<S extends z.ZodType>(key: string, schema: S, defaults: z.output<S>): z.output<S> {
    const raw = this.repo.getRaw(key);
    if (raw === undefined) return defaults;
    const hit = this.parsed.get(key);
    if (hit && hit.raw === raw && hit.schema === schema) return structuredClone(hit.value) as z.output<S>;
    const result = schema.safeParse(JSON.parse(raw));
    if (!result.success) return defaults;
    this.parsed.set(key, { raw, schema, value: result.data });
    // Callers get their own copy: a caller that mutates what it got must not change what the next caller sees.
    return structuredClone<z.output<S>>(result.data);
  }

  setSection<S extends z.ZodType>(key: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.parse(value);
    this.repo.set(key, parsed);
    this.changed();
    return parsed;
  }

  private changed(): void {
    this.events.emit('settings.updated', {});
    this.domain?.emit({ type: 'settings.changed' });
  }
}
