// The reminders domain assembled: the service, firing, the automatic rules and the scheduler that keeps time, and
// the domain events they react to. Everything it needs comes in here; nothing is set on it afterwards.
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { ContactsRepo } from '../db/repos/contacts-repo';
import { ReminderOrdersRepo } from '../db/repos/reminder-orders-repo';
import { RemindersRepo } from '../db/repos/reminders-repo';
import type { DomainBus } from '../domain-events';
import type { EventBus } from '../events';
import type { InboxService } from '../inbox/service';
import type { CustomerLanguageService } from '../language/service';
import type { OptOutService } from '../optout/service';
import type { SettingsService } from '../settings/service';
import { ReminderBasis } from './basis';
import { ReminderFiring } from './firing';
import { ReminderPersonaliser, type PersonaliserDeps } from './personalise';
import { RuleEngine } from './rules';
import { ReminderScheduler } from './scheduler';
import { RemindersService } from './service';

export interface RemindersModuleDeps {
  db: Db;
  contacts: ContactsRepo;
  inbox: InboxService;
  optout: Pick<OptOutService, 'isOptedOut' | 'holdsReminders' | 'unclear' | 'status'>;
  settings: SettingsService;
  languages: Pick<CustomerLanguageService, 'languageFor' | 'voice'>;
  events: EventBus;
  domain: DomainBus;
  clock: Clock;
  /** The assistant's wording of reminders; without it, reminders go out exactly as written. */
  personaliser?: Omit<PersonaliserDeps, 'clock'>;
}

export interface RemindersModule {
  service: RemindersService;
  /** Keeps time: fires due reminders, runs the rules. */
  start(): void;
  stop(): void;
}

export function createRemindersModule(d: RemindersModuleDeps): RemindersModule {
  const repo = new RemindersRepo(d.db);
  const orders = new ReminderOrdersRepo(d.db);
  const basis = new ReminderBasis(d.settings, d.languages);
  // Rules, service and scheduler know each other; these closures are called only once all three exist.
  const wake = (): void => scheduler.arm();
  const firing: ReminderFiring = new ReminderFiring({
    db: d.db,
    repo,
    orders,
    contacts: d.contacts,
    inbox: d.inbox,
    optout: d.optout,
    basis,
    events: d.events,
    clock: d.clock,
    ruleCheck: { stillApplies: (r, now): ReturnType<RuleEngine['stillApplies']> => rules.stillApplies(r, now) },
    personaliser: d.personaliser ? new ReminderPersonaliser({ ...d.personaliser, clock: d.clock }) : null,
  });
  const service: RemindersService = new RemindersService({
    db: d.db,
    repo,
    orders,
    contacts: d.contacts,
    inbox: d.inbox,
    optout: d.optout,
    settings: d.settings,
    events: d.events,
    clock: d.clock,
    basis,
    firing,
    wake,
  });
  const rules: RuleEngine = new RuleEngine(d.db, service, repo, orders, d.events, d.domain, d.clock, wake);
  const scheduler = new ReminderScheduler(d.clock, service, rules);
  d.domain.on('settings.changed', () => basis.forget());
  // A contact opted out: everything scheduled for them is cancelled, so the owner sees why.
  d.domain.on('contact.optedOut', ({ contactId }) => service.cancelForOptOut(contactId));
  return { service, start: () => scheduler.start(), stop: () => scheduler.stop() };
}
