// What the sandbox API methods answer (see main/core/api/define.ts): JSON-safe by type, checked in dev and tests.
import { z } from 'zod';
import { MessageSchema } from '../../inbox/outputs';

export const SandboxDeliverySchema = z.strictObject({ customerKey: z.string(), conversationId: z.number().nullable() });

export const SandboxCustomersOutput = z.array(z.strictObject({ key: z.string(), name: z.string(), contactId: z.number() }));

export const SandboxThreadOutput = z.array(MessageSchema);

export const SandboxFailNextSendsOutput = z.strictObject({ count: z.number() });
