// What the settings API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';
import { businessSchema, preferencesSchema } from './schema';

export const AppSettingsSchema = z.strictObject({ setupDone: z.boolean(), business: businessSchema, preferences: preferencesSchema });

export const AppInfoOutput = z.strictObject({ version: z.string(), setupDone: z.boolean(), dataDir: z.string(), now: z.number() });
