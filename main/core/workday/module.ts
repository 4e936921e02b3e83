// The owner's working day assembled: conversation states and snoozes, and the greeting/away messages with their
// inbound stage.
import type { InboundStage } from '../inbound/stage';
import { GreetingService, type GreetingDeps } from './greetings';
import { WorkdayService, type WorkdayDeps } from './service';

export interface WorkdayModule {
  service: WorkdayService;
  greetings: GreetingService;
  stage: InboundStage;
  start(): void;
  stop(): void;
}

export function createWorkdayModule(d: WorkdayDeps & Omit<GreetingDeps, 'db' | 'clock'>): WorkdayModule {
  const service = new WorkdayService(d);
  const greetings = new GreetingService(d);
  return {
    service,
    greetings,
    stage: {
      id: 'greeting',
      kind: 'answer',
      // Queued in the background; a greeting acknowledges, it does not answer, so the message goes on.
      arrive(e) {
        greetings.onInbound(e).catch((err) => console.error('[greetings] could not answer', err));
        return 'pass';
      },
    },
    start: () => service.start(),
    stop: () => service.stop(),
  };
}
