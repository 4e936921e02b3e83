// The assistant's parts of the inbound pipeline: escalation (a person is asked for), the owner's phone (Auto keeps
// out while the owner is answering from it) and the Auto turn itself.
import type { AssistantService } from '../assistant/service';
import type { OwnerPause } from '../channels/owner-pause';
import type { InboundStage } from './stage';

export function escalationStage(assistant: Pick<AssistantService, 'escalateOnArrival'>): InboundStage {
  return { id: 'escalation', kind: 'answer', arrive: (e) => (assistant.escalateOnArrival(e) ? 'handled' : 'pass') };
}

export function ownerPhoneStage(pause: Pick<OwnerPause, 'pausedUntil'>): InboundStage {
  return { id: 'owner-phone', kind: 'answer', autoTurn: (t) => (pause.pausedUntil(t.conversationId) !== null ? 'handled' : 'pass') };
}

export function assistantStage(assistant: Pick<AssistantService, 'answerOnArrival'>): InboundStage {
  return {
    id: 'assistant',
    kind: 'answer',
    // The Auto turn runs later; right before it replies, every stage's autoTurn gate is asked, in the declared order.
    arrive: (e, ctx) => (assistant.answerOnArrival(e, (t) => ctx.beforeAutoReply(t)) ? 'handled' : 'pass'),
  };
}
