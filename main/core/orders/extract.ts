// Asks the model what the customer wants to order — item words, quantities, options, pickup/delivery, address,
// time — as JSON under a schema. The model never sees or returns prices; its answer is validated and treated as
// untrusted data (names are matched to the catalog by deterministic code).
import { z } from 'zod';
import type { ChatModel, ChatTurn } from '../assistant/chat-model';
import type { Message } from '../inbox/types';

export const EXTRACT_PURPOSE = 'order-extract';

export const EXTRACTION_FORMAT: Record<string, unknown> = {
  type: 'object',
  properties: {
    intent: { type: 'string', enum: ['order', 'repeat', 'cancel', 'none'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          quantity: { type: 'number' },
          options: { type: 'array', items: { type: 'string' } },
        },
        required: ['name', 'quantity'],
      },
    },
    fulfilment: { type: 'string', enum: ['pickup', 'delivery', 'unknown'] },
    address: { type: ['string', 'null'] },
    time: { type: ['string', 'null'] },
    language: { type: 'string' },
  },
  required: ['intent', 'items', 'fulfilment'],
};

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim().slice(0, max))
    .nullish()
    .transform((s) => s || null);

/** Lenient on shape (models add fields, send "2" for 2), strict on meaning: anything unusable is dropped. */
const extractionSchema = z.object({
  intent: z.enum(['order', 'repeat', 'cancel', 'none']).catch('none'),
  items: z
    .array(
      z.object({
        name: z.string().transform((s) => s.replace(/\s+/g, ' ').trim().slice(0, 120)),
        quantity: z.union([z.number(), z.string().transform((s) => Number(s.replace(',', '.')))]).catch(Number.NaN),
        options: z
          .array(z.string().transform((s) => s.trim().slice(0, 60)))
          .catch([])
          .default([]),
      }),
    )
    .catch([])
    .default([])
    .transform((items) => items.filter((i) => i.name).slice(0, 30)),
  fulfilment: z.enum(['pickup', 'delivery', 'unknown']).catch('unknown').default('unknown'),
  address: text(300),
  time: text(120),
  language: z
    .string()
    .toLowerCase()
    .regex(/^[a-z]{2}$/)
    .nullish()
    .catch(null),
});
export type Extraction = z.output<typeof extractionSchema>;

export interface ExtractContext {
  shopName: string;
  /** Catalog names, to help the model recognise items (matching is still done by Lavka). */
  catalogNames: string[];
  /** The draft being discussed, as "2 × Rye bread; pickup", so the model can return the complete updated list. */
  currentDraft: string | null;
  lastOrder: string | null;
  history: Message[];
  /**
   * Lavka's shared layout: [stable prefix, conversation state + task] (assistant/context.ts), so this call reuses the
   * cache of the reply calls. Without it (orders without an assistant) the prompt stands alone.
   */
  prompt?: (task: string) => ChatTurn[];
  /** Suggest mode: nobody waits for this reading, so the owner's draft for the same message goes first. */
  defer?: boolean;
}

const MAX_HISTORY = 14;
/** How many catalog entries the prompt lists (capture puts the ones the customer names first). */
export const MAX_CATALOG_NAMES = 120;

/** The TASK part of an order-reading call in the shared layout; the rules themselves are in the stable prefix. */
export function orderTask(ctx: Pick<ExtractContext, 'catalogNames' | 'currentDraft' | 'lastOrder'>): string {
  const lines = ['TASK (order): write down the order the customer wants, as JSON.'];
  if (ctx.catalogNames.length) lines.push(`Catalog names they may mean: ${ctx.catalogNames.slice(0, MAX_NAMED).join('; ')}`);
  if (ctx.currentDraft) lines.push(`Order being discussed: ${ctx.currentDraft}`);
  if (ctx.lastOrder) lines.push(`The customer's last order: ${ctx.lastOrder}`);
  return lines.join('\n');
}

/** In the shared layout only the products the customer's words name are listed (the prefix has the summary). */
export const MAX_NAMED = 6;

export function buildPrompt(ctx: ExtractContext): ChatTurn[] {
  if (ctx.prompt) return ctx.prompt(orderTask(ctx));
  const system = [
    `You read a chat between the shop "${ctx.shopName}" and a customer, and write down the order the customer wants. Answer with JSON only.`,
    '- intent: "order" when the customer wants to buy something or changes an order being discussed; "repeat" when they ask for the same as last time / the usual; "cancel" when they want to cancel the order being discussed; "none" for anything else (questions, greetings, thanks).',
    '- items: each item the customer wants: "name" in the customer\'s own words (or the catalog name if they clearly mean it), "quantity" as a number, "options" (size, flavour, milk…) as short words. If an order is being discussed, return the COMPLETE updated list, not only the change.',
    '- Never invent items the customer did not ask for. Never write prices or totals.',
    '- fulfilment: "delivery" if they want it delivered, "pickup" if they will collect it, otherwise "unknown".',
    '- address: the delivery address exactly as the customer wrote it, or null. time: when they want it, as they wrote it, or null.',
    '- language: two-letter code of the language the customer writes in.',
    `Catalog (for reference): ${ctx.catalogNames.slice(0, MAX_CATALOG_NAMES).join('; ') || '(empty)'}`,
  ];
  if (ctx.currentDraft) system.push(`Order being discussed: ${ctx.currentDraft}`);
  if (ctx.lastOrder) system.push(`The customer's last order: ${ctx.lastOrder}`);
  const turns: ChatTurn[] = [{ role: 'system', content: system.join('\n') }];
  for (const m of ctx.history.slice(-MAX_HISTORY)) {
    if (m.author === 'system' || m.kind !== 'text') continue;
    turns.push({ role: m.direction === 'in' ? 'user' : 'assistant', content: m.body.slice(0, 2000) });
  }
  return turns;
}

export type ExtractOutcome = { ok: true; value: Extraction } | { ok: false; reason: 'invalid_output'; detail: string };

export async function extractOrder(model: ChatModel, ctx: ExtractContext, conversationId: number): Promise<ExtractOutcome> {
  const res = await model.chat({
    purpose: EXTRACT_PURPOSE,
    messages: buildPrompt(ctx),
    format: EXTRACTION_FORMAT,
    conversationId,
    temperature: 0,
    maxTokens: 600,
    defer: ctx.defer,
  });
  return parseExtraction(res.content);
}

export function parseExtraction(content: string): ExtractOutcome {
  let json: unknown;
  try {
    // Some models wrap JSON in a code fence despite the schema.
    json = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { ok: false, reason: 'invalid_output', detail: `not JSON: ${content.slice(0, 120)}` };
  }
  const parsed = extractionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid_output', detail: parsed.error.issues[0]?.message ?? 'bad shape' };
  return { ok: true, value: parsed.data };
}
