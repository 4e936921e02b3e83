// conversations.* (state, pin, unread), labels.* and the take-back/edit of queued replies.
import { z } from 'zod';
import type { WorkdayService } from './service';
import type { GreetingService } from './greetings';
import { method, noInput, nothing } from '../api/define';
import {
  ChecklistSchema,
  ConversationsCountsOutput,
  ConversationsSnoozeOutput,
  GreetingsGetOutput,
  GreetingsPreviewOutput,
  LabelSchema,
  LabelsListOutput,
} from './outputs';
import { MAX_BODY_CHARS } from '../inbox/service';
import { SNOOZE_PRESETS } from './snooze-presets';
import type { Checklist } from './checklist';
import { greetingSettingsSchema } from './greetings';

const id = z.number().int().positive();
const labelFields = { name: z.string().max(200), color: z.string().max(20) };

/** The services these methods call, and nothing else. */
export interface WorkdayApiDeps {
  workday: WorkdayService;
  greetings: GreetingService;
  /** The first-run checklist, read from the real state of several domains. */
  checklist: () => Promise<Checklist>;
}

export function workdayApi(s: WorkdayApiDeps) {
  return {
    'conversations.setState': method(
      z.object({ conversationId: id, state: z.enum(['open', 'waiting', 'resolved']) }),
      nothing,
      (i) => s.workday.setState(i.conversationId, i.state),
      'Open, waiting for the customer, or resolved. A new customer message reopens it.',
    ),
    'conversations.snooze': method(
      z.union([
        z.object({ conversationId: id, until: z.number().int().positive() }),
        z.object({ conversationId: id, preset: z.enum(SNOOZE_PRESETS) }),
      ]),
      ConversationsSnoozeOutput,
      (i) => ({
        until: 'preset' in i ? s.workday.snoozePreset(i.conversationId, i.preset) : (s.workday.snooze(i.conversationId, i.until), i.until),
      }),
      "Hides a conversation until a time (epoch ms, or a preset in the shop's zone); it reopens then, or sooner when the customer writes.",
    ),
    'conversations.pin': method(
      z.object({ conversationId: id, pinned: z.boolean() }),
      nothing,
      (i) => s.workday.setPinned(i.conversationId, i.pinned),
      'Keeps a conversation at the top.',
    ),
    'conversations.markUnread': method(
      z.object({ conversationId: id }),
      nothing,
      (i) => s.workday.markUnread(i.conversationId),
      'Marks as unread for later.',
    ),
    'conversations.counts': method(
      noInput,
      ConversationsCountsOutput,
      () => s.workday.counts(),
      'How many conversations per state, unread and pinned (inbox tabs).',
    ),
    'conversations.setLabel': method(
      z.object({ conversationId: id, labelId: id, on: z.boolean() }),
      nothing,
      (i) => s.workday.setLabel(i.conversationId, i.labelId, i.on),
      'Puts a label on a conversation or takes it off.',
    ),
    'labels.list': method(
      noInput,
      LabelsListOutput,
      () => s.workday.labels(),
      "The owner's labels with how many conversations carry each.",
    ),
    'labels.create': method(
      z.object(labelFields),
      LabelSchema,
      (i) => s.workday.createLabel(i.name, i.color),
      'A new label (name + #rrggbb colour).',
    ),
    'labels.update': method(
      z.object({ id, ...labelFields }),
      nothing,
      (i) => s.workday.updateLabel(i.id, i.name, i.color),
      'Renames or recolours a label.',
    ),
    'labels.remove': method(
      z.object({ id }),
      nothing,
      (i) => s.workday.removeLabel(i.id),
      'Deletes a label (conversations keep everything else).',
    ),
    'workday.checklist': method(
      noInput,
      ChecklistSchema,
      () => s.checklist(),
      'First-run steps, each ticked from the real state (channels, products, knowledge, Ollama).',
    ),
    'greetings.get': method(noInput, GreetingsGetOutput, () => s.greetings.get(), 'Greeting / away message settings.'),
    'greetings.save': method(
      greetingSettingsSchema,
      GreetingsGetOutput,
      (i) => s.greetings.save(i),
      'Turns greeting / away messages on or off, the window, the wording per language.',
    ),
    'greetings.preview': method(
      z.object({ kind: z.enum(['greeting', 'away']), lang: z.string().regex(/^[a-z]{2}$/), lavkaText: z.boolean().optional() }),
      GreetingsPreviewOutput,
      async (i) => ({ text: await s.greetings.text(i.kind, i.lang, i.lavkaText ? { ...s.greetings.get(), texts: {} } : undefined) }),
      "What a customer in that language would get (lavkaText: Lavka's own wording, ignoring the owner's).",
    ),
    'messages.cancelQueued': method(
      z.object({ messageId: id }),
      nothing,
      (i) => s.workday.cancelQueued(i.messageId),
      'Takes back a reply still waiting in the queue; conflict once a channel has it.',
    ),
    'messages.editQueued': method(
      z.object({ messageId: id, text: z.string().min(1).max(MAX_BODY_CHARS) }),
      nothing,
      (i) => s.workday.editQueued(i.messageId, i.text),
      'Rewrites a reply still waiting in the queue; conflict once a channel has it.',
    ),
  };
}
