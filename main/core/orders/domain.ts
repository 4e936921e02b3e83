// Builds the catalog and orders services and plugs them into the rest of Lavka: the inbox (new customer messages),
// the assistant (Auto turns, context for ordinary replies, its model and modes). app.ts calls this once.
import type { CustomerLanguageService } from '../language/service';
import type { ChatModel, ChatTurn } from '../assistant/chat-model';
import type { ContextProvider, StableBlockProvider } from '../assistant/context';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { MessagesRepo } from '../db/repos/messages-repo';
import type { EventBus } from '../events';
import type { DomainBus } from '../domain-events';
import type { InboundStage } from '../inbound/stage';
import type { InboxService } from '../inbox/service';
import type { SettingsService } from '../settings/service';
import { CatalogRepo } from '../catalog/catalog-repo';
import { CatalogService } from '../catalog/service';
import { OrderCapture } from './capture';
import { catalogContext, catalogSummary, draftOrderContext, ordersContext } from './context';
import { catalogFacts } from './facts';
import type { CatalogFacts } from '../assistant/compose';
import { OrdersRepo } from './orders-repo';
import { OrdersService } from './service';
import type { ChatOrderMode } from './settings';

/** The parts of the assistant orders use; structural, so tests can pass a small stand-in. */
export interface AssistantHooks {
  readonly model: ChatModel;
  /** false when no model is picked: order reading is skipped without building a prompt. */
  hasModel(): boolean;
  modeInfo(conversationId: number): { effective: ChatOrderMode };
  readonly contextProviders: { register(p: ContextProvider): () => void; registerStable(p: StableBlockProvider): () => void };
  /** [stable prefix, conversation state + task]: order reading shares Ollama's cache with replies. */
  conversationPrompt(conversationId: number, task: string): ChatTurn[];
  /** Prices and availability for Auto's composed replies. */
  setCatalogFacts?(facts: CatalogFacts | null): void;
}

export interface OrdersDomainDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  domain?: DomainBus;
  settings: SettingsService;
  inbox: InboxService;
  repos: { contacts: ContactsRepo; conversations: ConversationsRepo; messages: MessagesRepo };
  assistant?: AssistantHooks;
  languages: CustomerLanguageService;
}

export interface OrdersDomain {
  catalog: CatalogService;
  orders: OrdersService;
  orderCapture: OrderCapture;
  /** The inbound pipeline's 'orders' stage: Suggest drafts an order card on arrival; Auto's turn answers an order. */
  stage: InboundStage;
  stop(): Promise<void>;
}

export function createOrdersDomain(d: OrdersDomainDeps): OrdersDomain {
  const currency = () => d.settings.get().business.currency;
  const catalog = new CatalogService(d.db, new CatalogRepo(d.db), d.events, d.clock, currency);
  const orders = new OrdersService(
    d.db,
    new OrdersRepo(d.db),
    catalog,
    d.inbox,
    d.repos.contacts,
    d.repos.conversations,
    d.settings,
    d.events,
    d.clock,
    d.languages,
    d.domain,
  );
  const a = d.assistant;
  const capture = new OrderCapture({
    orders,
    catalog,
    messages: d.repos.messages,
    contacts: d.repos.contacts,
    clock: d.clock,
    model: () => (a && a.hasModel() ? a.model : null),
    assistantMode: a ? (id) => a.modeInfo(id).effective : undefined,
    prompt: a ? (conversationId, task) => a.conversationPrompt(conversationId, task) : undefined,
  });

  // Suggest: a draft-order card for the owner as soon as the message arrives. Auto: the assistant's turn (after
  // its short wait for a second message) asks orders first, so the customer never gets two answers.
  const stage: InboundStage = {
    id: 'orders',
    kind: 'answer',
    arrive(e) {
      if (e.message.direction !== 'in') return 'pass';
      const mode = capture.modeFor(e.conversationId);
      if (mode === 'suggest' || (mode === 'auto' && !a)) void capture.handleInbound(e);
      return 'pass';
    },
    autoTurn: async (turn) => {
      const { message, contactId, conversationId } = turn;
      return (await capture.handleInbound({ message, contactId, conversationId, isNewContact: false })).handled ? 'handled' : 'pass';
    },
  };
  const undo: (() => void)[] = [];
  if (a) {
    undo.push(a.contextProviders.registerStable(catalogSummary(catalog, currency)));
    undo.push(a.contextProviders.register(catalogContext(catalog, currency)));
    undo.push(a.contextProviders.register(ordersContext(orders)));
    a.setCatalogFacts?.(catalogFacts(catalog, currency));
    undo.push(() => a.setCatalogFacts?.(null));
    undo.push(a.contextProviders.register(draftOrderContext(orders)));
  }

  return {
    catalog,
    orders,
    orderCapture: capture,
    stage,
    async stop() {
      for (const u of undo) u();
      await capture.idle();
    },
  };
}
