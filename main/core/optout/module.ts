// The opt-out domain assembled: its service, its inbound stage and its reactions to other domains.
import type { DomainBus } from '../domain-events';
import type { ConversationsRepo } from '../db/repos/conversations-repo';
import type { InboundStage } from '../inbound/stage';
import { OptOutService, type OptOutDeps } from './service';

export interface OptOutModuleDeps extends Omit<OptOutDeps, 'domain'> {
  domain: DomainBus;
  conversations: Pick<ConversationsRepo, 'contactId'>;
}

export interface OptOutModule {
  service: OptOutService;
  stage: InboundStage;
  start(): void;
  stop(): void;
}

export function createOptOutModule(d: OptOutModuleDeps): OptOutModule {
  const service = new OptOutService(d);
  // An unclear opt-out waits in Needs you; once the owner has handled it without opting the customer out, reminders go on.
  const off = d.domain.on('needsYou.resolved', ({ item }) => {
    const contactId = item.reason === 'optout_unclear' ? d.conversations.contactId(item.conversationId) : undefined;
    if (contactId !== undefined && service.unclear(contactId)) service.decide(contactId, false);
  });
  const stage: InboundStage = {
    id: 'optout',
    kind: 'answer',
    // A stop word (clear or unclear, acted on or not) is answered by the opt-out confirmation or Needs you alone.
    arrive(e) {
      if (!service.isOptOutMessage(e.message.body)) return 'pass';
      service.handleInbound(e.message, e.contactId);
      return 'handled';
    },
    autoTurn: (t) => (service.isOptOutMessage(t.message.body) ? 'handled' : 'pass'),
  };
  return {
    service,
    stage,
    start: () => service.start(),
    stop() {
      off();
      service.stop();
    },
  };
}
