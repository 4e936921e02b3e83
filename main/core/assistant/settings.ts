// The assistant's settings section (Ollama host, model, default mode, Auto rules, holding messages) and fixed tuning.
import { customerText } from '../../shared/i18n/customer-texts';
import { CUSTOMER_LANGUAGE_CODES } from '../../shared/languages';
import { z } from 'zod';

export const MODES = ['off', 'suggest', 'auto'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Recommended model: Qwen3-4B-Instruct-2507 (Ollama tag qwen3:4b-instruct, ~2.5 GB at Q4_K_M). Apache-2.0, so a shop
 * may use it commercially (qwen2.5:3b is research-licence only); instruct-only, so no hidden "thinking" tokens slow a
 * CPU down; trained on 119 languages incl. Russian, Ukrainian, Vietnamese, German; follows JSON schemas well; fits in
 * 8 GB of RAM next to the app. The lighter fallback for old laptops is qwen2.5:1.5b (Apache-2.0, ~1 GB).
 */
export const RECOMMENDED_MODEL = { name: 'qwen3:4b-instruct', sizeBytes: 2_500_000_000, fallback: 'qwen2.5:1.5b' } as const;

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** One fixed context window: a constant num_ctx keeps Ollama from reloading the model between calls. */
export const NUM_CTX = 4096;
/**
 * How long Ollama keeps the model in memory after a call: a whole shop day, so a quiet afternoon never costs a reload
 * (tens of seconds on a laptop). Sent unchanged with every call (a change would itself reload the model).
 */
export const KEEP_ALIVE = '12h';
/** Inbound messages older than this never trigger the assistant (demo seeding, WhatsApp history backfill). */
export const FRESH_INBOUND_MS = 3 * 60_000;
/** Auto mode waits this long after the last customer message, so two quick messages get one answer. */
export const AUTO_DEBOUNCE_MS = 2_500;
/** Longest reply Auto will send; anything longer is held (a chat answer, not an essay). */
export const MAX_AUTO_REPLY_CHARS = 700;

const lang = z.string().regex(/^[a-z]{2}$/);

export const assistantSettingsSchema = z.object({
  /** Empty = OLLAMA_HOST from the environment, else http://127.0.0.1:11434. */
  host: z
    .string()
    .trim()
    .max(200)
    .refine((h) => h === '' || /^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(h), 'Use an address like http://127.0.0.1:11434')
    .default(''),
  model: z.string().trim().max(200).default(''),
  defaultMode: z.enum(MODES).default('suggest'),
  /** When Auto may send: always, only while the shop is open, or only while it is closed. Outside: held. */
  autoHours: z.enum(['always', 'open', 'closed']).default('always'),
  /** More auto-replies than this in a row (no owner message in between) are held. */
  maxAutoInRow: z.number().int().min(1).max(20).default(3),
  /**
   * Opt-in, off by default: Auto may send the model's own words when the typed guardrails find nothing. Without it,
   * Auto only sends replies Lavka composes from the owner's answers and its own texts.
   */
  autoFreeText: z.boolean().default(false),
  /** The owner paused every automatic reply (tray or Settings): Auto conversations behave as Suggest until resumed. */
  autoPaused: z.boolean().default(false),
  /** Sent to a customer who is escalated while the conversation is in Auto, in their language when available. */
  holdingMessages: z.record(lang, z.string().trim().min(1).max(500)).default({}),
  /** Days the assistant's log (prompts' metadata, held drafts) is kept; pruned daily. 0 keeps it forever. */
  auditKeepDays: z.number().int().min(0).max(3650).default(180),
});
export type AssistantSettings = z.output<typeof assistantSettingsSchema>;

/** Lavka's holding message in every customer language (`holding` in main/shared/locales/<lang>/auto.json); owners may override. */
export const DEFAULT_HOLDING_MESSAGES: Record<string, string> = Object.fromEntries(
  CUSTOMER_LANGUAGE_CODES.map((l) => [l, customerText(l, 'auto:holding')]),
);

export const DEFAULT_ASSISTANT_SETTINGS: AssistantSettings = {
  host: '',
  model: '',
  defaultMode: 'suggest',
  autoHours: 'always',
  maxAutoInRow: 3,
  autoFreeText: false,
  autoPaused: false,
  holdingMessages: DEFAULT_HOLDING_MESSAGES,
  auditKeepDays: 180,
};

export const ASSISTANT_SETTINGS_KEY = 'assistant';
