// The customer-language domain assembled: the service every text asks, and its inbound stage (observe only).
import type { InboundStage } from '../inbound/stage';
import type { SettingsService } from '../settings/service';
import { CustomerLanguageService, type LanguageDeps } from './service';
import { CustomerTextsService } from './texts-service';

export interface LanguageModule {
  service: CustomerLanguageService;
  stage: InboundStage;
}

export function createLanguageModule(
  d: Omit<LanguageDeps, 'texts' | 'settings'> & { settings: Pick<SettingsService, 'get' | 'section' | 'setSection'> },
): LanguageModule {
  const service = new CustomerLanguageService({ ...d, texts: new CustomerTextsService(d.settings) });
  return {
    service,
    // First of all stages: everyone after it reads the contact's up-to-date language.
    stage: {
      id: 'language',
      kind: 'observe',
      arrive(e) {
        service.observe(e);
        return 'pass';
      },
    },
  };
}
