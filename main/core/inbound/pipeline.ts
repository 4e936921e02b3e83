// The one path of a customer message, declared here and read top to bottom:
//
//   channel ──► ChannelHub ──► InboxService.receive (one transaction: contact, conversation, message)
//           ──► after the commit, the stages below, in this order; the first that answers stops the rest.
//
// Every stage may also guard the assistant's Auto turn (its autoTurn hook), in the same order, before Auto replies.
import type { ArrivalContext, AutoTurn, InboundEvent, InboundStage, StageId, StageResult } from './stage';

export const INBOUND_STAGES = [
  /** observe · decides the contact's language from their messages; every stage after reads it. */
  'language',
  /** a stop word: clear → confirmation and no more reminders; unclear → Needs you. Nothing else answers it. */
  'optout',
  /** greeting (first message ever) or away message (shop closed); an acknowledgement, so the message goes on. */
  'greeting',
  /** Auto turn only: the owner wrote in this chat from their phone lately, so Auto stays out. */
  'owner-phone',
  /** Suggest: a draft-order card for the owner. Auto turn: Lavka confirms the order instead of a generic reply. */
  'orders',
  /** the customer asks for a person (refund, complaint, dispute…): Needs you, and Auto stays quiet. */
  'escalation',
  /** Auto: the turn is scheduled (after a short wait for a second message); Suggest/Off: nothing goes out. */
  'assistant',
] as const satisfies readonly StageId[];

export type InboundStages = { readonly [K in (typeof INBOUND_STAGES)[number]]: InboundStage };

export class InboundPipeline {
  /** The stages in the order they run. */
  readonly stages: readonly InboundStage[];

  constructor(stages: InboundStages) {
    this.stages = INBOUND_STAGES.map((id) => {
      const s = stages[id];
      if (s.id !== id) throw new Error(`Inbound stage '${s.id}' declared in the place of '${id}'`);
      return s;
    });
  }

  /**
   * Runs a committed customer message through the stages. Returns the stage that answered it (null: none did).
   * Synchronous stages run back to back in one turn; a failing stage is logged and the message goes on.
   */
  async arrive(e: InboundEvent): Promise<StageId | null> {
    const ctx: ArrivalContext = { beforeAutoReply: (t) => this.autoTurn(t).then((id) => id !== null) };
    for (const s of this.stages) {
      if (!s.arrive) continue;
      const r = this.run(s, () => s.arrive!(e, ctx));
      const result = typeof r === 'string' ? r : await r;
      if (result === 'handled' && s.kind === 'answer') return s.id;
    }
    return null;
  }

  /** The Auto turn's gates: the stage that handled the turn (Auto then stays quiet), or null. */
  async autoTurn(t: AutoTurn): Promise<StageId | null> {
    for (const s of this.stages) {
      if (!s.autoTurn) continue;
      const r = this.run(s, () => s.autoTurn!(t));
      const result = typeof r === 'string' ? r : await r;
      if (result === 'handled') return s.id;
    }
    return null;
  }

  /** Awaits only what is really asynchronous, so synchronous stages never yield to other work in between. */
  private run(s: InboundStage, fn: () => StageResult | Promise<StageResult>): StageResult | Promise<StageResult> {
    const failed = (err: unknown): StageResult => {
      console.error(`[inbound] stage ${s.id} failed`, err);
      return 'pass';
    };
    try {
      const r = fn();
      return typeof r === 'string' ? r : r.catch(failed);
    } catch (err) {
      return failed(err);
    }
  }
}
