// sandbox.* API methods: a pretend customer on the sandbox channel, to try Lavka without a phone or a bot.
import { z } from 'zod';
import { method, noInput } from '../../api/define';
import { MAX_BODY_CHARS } from '../../inbox/service';
import { SandboxCustomersOutput, SandboxDeliverySchema, SandboxFailNextSendsOutput, SandboxThreadOutput } from './outputs';
import type { SandboxDesk } from './sandbox-desk';
import { base64File, fileName, mime } from '../../media/file-input';

const customerKey = z
  .string()
  .regex(/^sb-[\w-]{1,40}$/)
  .optional();
/** The services these methods call, and nothing else. */
export interface SandboxApiDeps {
  sandbox: SandboxDesk;
}

export function sandboxApi(s: SandboxApiDeps) {
  return {
    'sandbox.say': method(
      z.object({ customerKey, name: z.string().trim().min(1).max(200), text: z.string().min(1).max(MAX_BODY_CHARS) }),
      SandboxDeliverySchema,
      (i) => s.sandbox.say(i.customerKey, i.name, i.text),
      'A pretend customer writes through the sandbox channel.',
    ),
    'sandbox.sendMedia': method(
      z.object({
        customerKey,
        name: z.string().trim().min(1).max(200),
        fileName,
        mime,
        dataBase64: base64File,
        caption: z.string().max(4000).default(''),
        voice: z.boolean().default(false),
      }),
      SandboxDeliverySchema,
      (i) => s.sandbox.sendMedia(i.customerKey, i),
      'The pretend customer sends a photo, voice note or file through the sandbox channel.',
    ),
    'sandbox.customers': method(noInput, SandboxCustomersOutput, () => s.sandbox.customers(), 'Pretend customers made in the sandbox.'),
    'sandbox.thread': method(
      z.object({ customerKey: z.string().max(60) }),
      SandboxThreadOutput,
      (i) => s.sandbox.thread(i.customerKey),
      "The pretend customer's side of the chat.",
    ),
    'sandbox.failNextSends': method(
      z.object({ count: z.number().int().min(0).max(100) }),
      SandboxFailNextSendsOutput,
      (i) => s.sandbox.failNextSends(i.count),
      'Makes the next N sandbox sends fail, to see how a failed message looks.',
    ),
  };
}
