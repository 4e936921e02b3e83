// What an inbound stage is: one domain's reaction to a committed customer message, behind a narrow interface.
// The pipeline (pipeline.ts) runs the stages in their declared order; a stage that answers stops the ones after it.
import type { Message } from '../inbox/types';

/** A customer's message, committed (contact, conversation and message rows exist). */
export interface InboundEvent {
  message: Message;
  contactId: number;
  conversationId: number;
  isNewContact: boolean;
}

/** handled: this stage answered (or deliberately holds) the message; no later stage reacts. pass: go on. */
export type StageResult = 'handled' | 'pass';

export const STAGE_IDS = ['language', 'optout', 'greeting', 'owner-phone', 'orders', 'escalation', 'assistant'] as const;
export type StageId = (typeof STAGE_IDS)[number];

/** The assistant's Auto turn for the newest customer message, after its short wait for a second message. */
export interface AutoTurn {
  conversationId: number;
  contactId: number;
  message: Message;
  mode: 'auto';
}

/** What a stage may ask of the pipeline while a message arrives. */
export interface ArrivalContext {
  /** The Auto turn's gates (the autoTurn hooks of every stage, in order): true when one of them handled the turn. */
  beforeAutoReply(turn: AutoTurn): Promise<boolean>;
}

export interface InboundStage {
  readonly id: StageId;
  /** observe: reads the message and never stops it (language). answer: may answer it and stop the later stages. */
  readonly kind: 'observe' | 'answer';
  /** On arrival, right after the commit. Long work (a model call) is started here, not awaited. */
  arrive?(e: InboundEvent, ctx: ArrivalContext): StageResult | Promise<StageResult>;
  /** In the Auto turn, before the assistant replies: 'handled' keeps Auto quiet for this message. */
  autoTurn?(t: AutoTurn): StageResult | Promise<StageResult>;
}
