// What the reports API methods answer: the declared output of each method (JSON-safe by type, checked in tests).
// The renderer sees these through the contract's types; handlers must return values that fit them.
import { z } from 'zod';

export const BacklogSchema = z.strictObject({ done: z.number(), total: z.number() });

export const PeriodInfoSchema = z.strictObject({
  fromDate: z.string(),
  toDate: z.string(),
  from: z.number(),
  to: z.number(),
  days: z.number(),
});

export const StatSchema = z.strictObject({ n: z.number(), median: z.number().nullable(), p90: z.number().nullable() });

export const SpeedFiguresSchema = z.strictObject({
  spells: z.number(),
  answered: z.number(),
  within5m: z.number(),
  within1h: z.number(),
  all: StatSchema,
  owner: StatSchema,
  assistant: StatSchema,
  byHour: z.array(z.strictObject({ hour: z.number(), spells: z.number(), owner: StatSchema, assistant: StatSchema })),
  byChannel: z.array(
    z.strictObject({ channel: z.string(), spells: z.number(), all: StatSchema, owner: StatSchema, assistant: StatSchema }),
  ),
});

export const ResolutionFiguresSchema = z.strictObject({
  matters: z.number(),
  resolved: z.number(),
  firstContact: z.number(),
  reopened: z.number(),
  tooEarly: z.number(),
  unanswered: z.number(),
  time: StatSchema,
});

export const ConversationsFiguresSchema = z.strictObject({ speed: SpeedFiguresSchema, resolution: ResolutionFiguresSchema });

export const WaitingNowSchema = z.strictObject({
  conversations: z.number(),
  messages: z.number(),
  oldestSince: z.number().nullable(),
  over24h: z.number(),
  at: z.number(),
});

export const ContainmentRowSchema = z.strictObject({ withCustomer: z.number(), assistantAnswered: z.number(), contained: z.number() });

export const AssistantFiguresSchema = z.strictObject({
  autoReplies: z.number(),
  autoFromKnowledge: z.number(),
  autoGrounded: z.number(),
  holdingMessages: z.number(),
  holds: z.array(z.strictObject({ reason: z.string(), n: z.number() })),
  escalations: z.array(z.strictObject({ reason: z.string(), n: z.number() })),
  containment: ContainmentRowSchema,
  needsYou: z.array(z.strictObject({ kind: z.enum(['hold', 'escalation']), open: z.number(), sent: z.number(), dismissed: z.number() })),
  suggestions: z.strictObject({ asIs: z.number(), edited: z.number(), discarded: z.number() }),
});

export const SalesFiguresSchema = z.strictObject({
  currency: z.string(),
  orders: z.number(),
  cancelled: z.number(),
  revenueMinor: z.number(),
  averageMinor: z.number().nullable(),
  customers: z.number(),
  repeatCustomers: z.number(),
  ownerOrders: z.number(),
  byStatus: z.array(z.strictObject({ status: z.string(), n: z.number(), amountMinor: z.number() })),
  topProducts: z.array(z.strictObject({ name: z.string(), quantity: z.number(), revenueMinor: z.number(), orders: z.number() })),
  perDay: z.array(z.strictObject({ date: z.string(), n: z.number(), amountMinor: z.number() })),
});

export const ReminderRowSchema = z.strictObject({ kind: z.string(), sent: z.number(), replied48h: z.number(), ordered7d: z.number() });

export const RemindersFiguresSchema = z.strictObject({
  total: z.strictObject({ sent: z.number(), replied48h: z.number(), ordered7d: z.number() }),
  byKind: z.array(ReminderRowSchema),
  consentPerDay: z.array(z.strictObject({ date: z.string(), optOuts: z.number(), optIns: z.number() })),
  optOuts: z.number(),
});

export const CustomersFiguresSchema = z.strictObject({
  total: z.number(),
  new: z.number(),
  returning: z.number(),
  byChannel: z.array(z.strictObject({ channel: z.string(), new: z.number(), returning: z.number() })),
  byLanguage: z.array(z.strictObject({ language: z.string(), n: z.number() })),
});

export const ReportsConversationsOutput = z.strictObject({
  timeZone: z.string(),
  preparing: BacklogSchema.nullable(),
  period: PeriodInfoSchema,
  previous: PeriodInfoSchema,
  current: ConversationsFiguresSchema,
  prior: ConversationsFiguresSchema,
  waiting: WaitingNowSchema,
});

export const ReportsAssistantOutput = z.strictObject({
  timeZone: z.string(),
  preparing: BacklogSchema.nullable(),
  period: PeriodInfoSchema,
  previous: PeriodInfoSchema,
  current: AssistantFiguresSchema,
  prior: AssistantFiguresSchema,
});

export const ReportsSalesOutput = z.strictObject({
  timeZone: z.string(),
  preparing: BacklogSchema.nullable(),
  period: PeriodInfoSchema,
  previous: PeriodInfoSchema,
  current: SalesFiguresSchema,
  prior: SalesFiguresSchema,
});

export const ReportsRemindersOutput = z.strictObject({
  timeZone: z.string(),
  preparing: BacklogSchema.nullable(),
  period: PeriodInfoSchema,
  previous: PeriodInfoSchema,
  current: RemindersFiguresSchema,
  prior: RemindersFiguresSchema,
});

export const ReportsCustomersOutput = z.strictObject({
  timeZone: z.string(),
  preparing: BacklogSchema.nullable(),
  period: PeriodInfoSchema,
  previous: PeriodInfoSchema,
  current: CustomersFiguresSchema,
  prior: CustomersFiguresSchema,
});

export const ReportsExportCsvOutput = z.strictObject({ filename: z.string(), mime: z.string(), content: z.string() });
