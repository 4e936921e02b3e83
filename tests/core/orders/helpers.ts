// Shared setup for order tests: a real core with the demo catalog, a scripted model (each extraction answer is
// queued by the test), pretend customers on the sandbox channel, and what the sandbox actually delivered.
import type { ChatModel, ChatRequest, ChatResult } from '../../../main/core/assistant/chat-model';
import { AppError } from '../../../main/core/errors';
import { seedDemoCatalog } from '../../../main/core/catalog/demo';
import type { SandboxDelivery } from '../../../main/core/channels/sandbox/sandbox-channel';
import type { OrdersSettingsPatch } from '../../../main/core/orders/settings';
import { FakeClock } from '../../helpers/fake-clock';
import { flush, makeTestApp, type TestApp } from '../../helpers/test-app';

export interface ExtractionScript {
  intent?: 'order' | 'repeat' | 'cancel' | 'none';
  items?: { name: string; quantity: number | string; options?: string[]; [extra: string]: unknown }[];
  fulfilment?: 'pickup' | 'delivery' | 'unknown';
  address?: string | null;
  time?: string | null;
  language?: string;
  [extra: string]: unknown;
}

/** A ChatModel whose order-extraction answers the test queues in advance; other purposes get a plain refusal. */
export class ScriptedModel implements ChatModel {
  readonly calls: ChatRequest[] = [];
  /** Customer messages the model was asked about although the test scripted no answer. */
  readonly unscripted: string[] = [];
  private readonly queue: (ExtractionScript | string)[] = [];
  unavailable = false;

  extract(...answers: (ExtractionScript | string)[]): this {
    this.queue.push(...answers);
    return this;
  }

  extractions(): ChatRequest[] {
    return this.calls.filter((c) => c.purpose === 'order-extract');
  }

  async chat(req: ChatRequest): Promise<ChatResult> {
    this.calls.push(req);
    if (this.unavailable) throw new AppError('assistant_unavailable', 'Ollama is not running');
    if (req.purpose !== 'order-extract') {
      // The generic assistant: an answer its guardrails will hold, so only order messages reach the customer.
      return { content: '{"reply":"","intent":"other"}', model: 'scripted', promptTokens: 1, outputTokens: 1, durationMs: 1 };
    }
    const next = this.queue.shift();
    if (next === undefined) {
      // Recorded for the test to check; answered like a model that is not there.
      this.unscripted.push(req.messages.at(-1)?.content ?? '');
      throw new AppError('assistant_unavailable', 'The test did not script this order extraction');
    }
    const content =
      typeof next === 'string'
        ? next
        : JSON.stringify({ intent: 'order', items: [], fulfilment: 'unknown', address: null, time: null, language: 'en', ...next });
    return { content, model: 'scripted', promptTokens: 100, outputTokens: 40, durationMs: 5 };
  }
}

export interface OrdersWorld {
  t: TestApp;
  clock: FakeClock;
  model: ScriptedModel;
  deliveries: SandboxDelivery[];
  /** The pretend customer writes; resolves when Lavka has reacted (model call, summary queued and delivered). */
  say(text: string): Promise<void>;
  /** Another pretend customer writes. */
  sayAs(key: string, name: string, text: string): Promise<void>;
  /** Texts one customer received, oldest first. */
  receivedBy(key: string): string[];
  conversationId(): number;
  contactId(): number;
  /** Texts the customer received, oldest first. */
  received(): string[];
  lastReceived(): string;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function ordersWorld(
  opts: { mode?: 'auto' | 'suggest'; customer?: string; orders?: OrdersSettingsPatch; catalog?: boolean } = {},
): Promise<OrdersWorld> {
  const clock = new FakeClock('2026-03-02T09:00:00Z');
  const model = new ScriptedModel();
  const t = await makeTestApp({ clock, chatModel: model });
  const s = t.app.services;
  if (opts.catalog !== false) seedDemoCatalog(s.catalog);
  s.assistant.saveSettings({ defaultMode: opts.mode ?? 'auto', maxAutoInRow: 20 });
  s.orders.updateSettings({ paymentInstructions: 'Pay by card or cash when you pick up.', ...opts.orders });
  const deliveries: SandboxDelivery[] = [];
  s.sandbox.onDelivery((d) => deliveries.push(d));
  const key = 'sb-orders-1';
  const name = opts.customer ?? 'Olga';
  const settle = async () => {
    for (let i = 0; i < 6; i++) {
      await flush();
      await s.orderCapture.idle();
      await s.assistant.idle();
      await s.outbox.settle();
    }
  };
  const w: OrdersWorld = {
    t,
    clock,
    model,
    deliveries,
    async say(text) {
      await w.sayAs(key, name, text);
    },
    async sayAs(k, n, text) {
      s.sandbox.customerSays(k, n, text);
      await settle();
      // The assistant waits a moment for a second message before an Auto turn.
      clock.advance(3_000);
      await settle();
    },
    receivedBy: (k) => deliveries.filter((d) => d.customerKey === k).map((d) => d.text),
    conversationId: () => s.inbox.conversationOfContact(s.repos.contacts.findIdentity('sandbox', key)!.contactId)!,
    contactId: () => s.repos.contacts.findIdentity('sandbox', key)!.contactId,
    received: () => deliveries.filter((d) => d.customerKey === key).map((d) => d.text),
    lastReceived: () => w.received().at(-1) ?? '',
    settle,
    close: () => t.close(),
  };
  return w;
}

/** CSV of `n` extra products with names in four languages (English, Russian, Ukrainian, Vietnamese), as a big shop has. */
export function bigCatalogCsv(n: number): string {
  const words = [
    'rye',
    'bread',
    'cake',
    'honey',
    'roll',
    'tea',
    'хлеб',
    'торт',
    'пирожок',
    'чай',
    'хліб',
    'пиріг',
    'bánh',
    'trà',
    'sữa',
    'kem',
  ];
  const rows = ['sku,name,price,synonyms'];
  for (let i = 0; i < n; i++) {
    rows.push(
      `BIG-${i},${words[i % 16]} ${words[(i * 7 + 3) % 16]} ${(i % 5) * 100 + 100} g #${i},${(i % 9) + 1}.50,${words[(i * 5 + 1) % 16]} ${words[(i * 3 + 2) % 16]}`,
    );
  }
  return rows.join('\n');
}
