// Shapes of the owner's knowledge: Q&A and policy entries, and the shop policies that extend the business profile.
import { z } from 'zod';

export const KNOWLEDGE_KINDS = ['qa', 'policy'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

export interface KnowledgeEntry {
  id: number;
  kind: KnowledgeKind;
  /** The question (qa) or the policy's name. */
  title: string;
  /** The answer or the policy text: what the assistant may tell customers. */
  body: string;
  keywords: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export const knowledgeInputSchema = z.object({
  kind: z.enum(KNOWLEDGE_KINDS),
  title: z.string().trim().min(1, 'Write the question or the policy name').max(300),
  body: z.string().trim().min(1, 'Write the answer').max(4000),
  keywords: z.string().trim().max(500).default(''),
  enabled: z.boolean().default(true),
});
export type KnowledgeInput = z.input<typeof knowledgeInputSchema>;

/** What the business profile in Settings does not cover: the policies customers ask about most. */
export const shopPoliciesSchema = z.object({
  delivery: z.string().trim().max(2000).default(''),
  payment: z.string().trim().max(2000).default(''),
  returns: z.string().trim().max(2000).default(''),
});
export type ShopPolicies = z.output<typeof shopPoliciesSchema>;
export const SHOP_POLICIES_KEY = 'shopPolicies';
export const DEFAULT_SHOP_POLICIES: ShopPolicies = { delivery: '', payment: '', returns: '' };
