// The owner's knowledge: Q&A and policy entries (CRUD, validated) plus shop policies, and BM25 retrieval for the assistant.
import type { Clock } from '../clock';
import { notFound } from '../errors';
import type { EventBus } from '../events';
import type { KnowledgeRepo } from '../db/repos/knowledge-repo';
import type { SettingsService } from '../settings/service';
import { toKnowledgeQuery } from './retrieval';
import {
  DEFAULT_SHOP_POLICIES,
  SHOP_POLICIES_KEY,
  knowledgeInputSchema,
  shopPoliciesSchema,
  type KnowledgeEntry,
  type KnowledgeInput,
  type KnowledgeKind,
  type ShopPolicies,
} from './types';

export class KnowledgeService {
  constructor(
    private readonly repo: KnowledgeRepo,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  list(): KnowledgeEntry[] {
    return this.repo.list();
  }

  get(id: number): KnowledgeEntry {
    const e = this.repo.get(id);
    if (!e) throw notFound('Knowledge entry', id);
    return e;
  }

  create(input: KnowledgeInput): KnowledgeEntry {
    const parsed = knowledgeInputSchema.parse(input);
    const id = this.repo.create(parsed, this.clock.now());
    this.events.emit('knowledge.updated', {});
    return this.get(id);
  }

  update(id: number, input: KnowledgeInput): KnowledgeEntry {
    const parsed = knowledgeInputSchema.parse(input);
    if (!this.repo.update(id, parsed, this.clock.now())) throw notFound('Knowledge entry', id);
    this.events.emit('knowledge.updated', {});
    return this.get(id);
  }

  delete(id: number): void {
    if (!this.repo.delete(id)) throw notFound('Knowledge entry', id);
    this.events.emit('knowledge.updated', {});
  }

  /** Enabled policy entries, oldest first (stable order for the prompt prefix). */
  policies(): KnowledgeEntry[] {
    return this.repo.enabledPolicies();
  }

  /** The few enabled Q&A entries most relevant to the text, best first. */
  retrieve(text: string, limit = 3, kinds: readonly KnowledgeKind[] = ['qa']): KnowledgeEntry[] {
    const q = toKnowledgeQuery(text);
    if (!q) return [];
    return this.repo.search(q, kinds, limit).map(({ score: _score, ...e }) => e);
  }

  shopPolicies(): ShopPolicies {
    return this.settings.section(SHOP_POLICIES_KEY, shopPoliciesSchema, DEFAULT_SHOP_POLICIES);
  }

  setShopPolicies(value: Partial<ShopPolicies>): ShopPolicies {
    return this.settings.setSection(SHOP_POLICIES_KEY, shopPoliciesSchema, { ...this.shopPolicies(), ...value });
  }
}
