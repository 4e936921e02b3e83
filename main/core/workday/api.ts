// conversations.* (state, pin, unread), labels.* and the take-back/edit of queued replies.
import { z } from 'zod';
import type { Services } from '../services';
import { method, noInput } from '../api/define';
import { MAX_BODY_CHARS } from '../inbox/service';
import { SNOOZE_PRESETS } from './snooze-presets';
import { firstRunChecklist } from './checklist';
import { greetingSettingsSchema } from './greetings';

const id = z.number().int().positive();
const labelFields = { name: z.string().max(200), color: z.string().max(20) };

export function workdayMethods(s: Services) {
  return {
    'conversations.setState': method(
      z.object({ conversationId: id, state: z.enum(['open', 'waiting', 'resolved']) }),
      (i) => s.workday.setState(i.conversationId, i.state),
      'Open, waiting for the customer, or resolved. A new customer message reopens it.',
    ),
    'conversations.snooze': method(
      z.union([
        z.object({ conversationId: id, until: z.number().int().positive() }),
        z.object({ conversationId: id, preset: z.enum(SNOOZE_PRESETS) }),
      ]),
      (i) => ({
        until: 'preset' in i ? s.workday.snoozePreset(i.conversationId, i.preset) : (s.workday.snooze(i.conversationId, i.until), i.until),
      }),
      "Hides a conversation until a time (epoch ms, or a preset in the shop's zone); it reopens then, or sooner when the customer writes.",
    ),
    'conversations.pin': method(
      z.object({ conversationId: id, pinned: z.boolean() }),
      (i) => s.workday.setPinned(i.conversationId, i.pinned),
      'Keeps a conversation at the top.',
    ),
    'conversations.markUnread': method(
      z.object({ conversationId: id }),
      (i) => s.workday.markUnread(i.conversationId),
      'Marks as unread for later.',
    ),
    'conversations.counts': method(noInput, () => s.workday.counts(), 'How many conversations per state, unread and pinned (inbox tabs).'),
    'conversations.setLabel': method(
      z.object({ conversationId: id, labelId: id, on: z.boolean() }),
      (i) => s.workday.setLabel(i.conversationId, i.labelId, i.on),
      'Puts a label on a conversation or takes it off.',
    ),
    'labels.list': method(noInput, () => s.workday.labels(), "The owner's labels with how many conversations carry each."),
    'labels.create': method(z.object(labelFields), (i) => s.workday.createLabel(i.name, i.color), 'A new label (name + #rrggbb colour).'),
    'labels.update': method(
      z.object({ id, ...labelFields }),
      (i) => s.workday.updateLabel(i.id, i.name, i.color),
      'Renames or recolours a label.',
    ),
    'labels.remove': method(z.object({ id }), (i) => s.workday.removeLabel(i.id), 'Deletes a label (conversations keep everything else).'),
    'workday.checklist': method(
      noInput,
      () => firstRunChecklist(s),
      'First-run steps, each ticked from the real state (channels, products, knowledge, Ollama).',
    ),
    'greetings.get': method(noInput, () => s.greetings.get(), 'Greeting / away message settings.'),
    'greetings.save': method(
      greetingSettingsSchema,
      (i) => s.greetings.save(i),
      'Turns greeting / away messages on or off, the window, the wording per language.',
    ),
    'greetings.preview': method(
      z.object({ kind: z.enum(['greeting', 'away']), lang: z.string().regex(/^[a-z]{2}$/), lavkaText: z.boolean().optional() }),
      async (i) => ({ text: await s.greetings.text(i.kind, i.lang, i.lavkaText ? { ...s.greetings.get(), texts: {} } : undefined) }),
      "What a customer in that language would get (lavkaText: Lavka's own wording, ignoring the owner's).",
    ),
    'messages.cancelQueued': method(
      z.object({ messageId: id }),
      (i) => s.workday.cancelQueued(i.messageId),
      'Takes back a reply still waiting in the queue; conflict once a channel has it.',
    ),
    'messages.editQueued': method(
      z.object({ messageId: id, text: z.string().min(1).max(MAX_BODY_CHARS) }),
      (i) => s.workday.editQueued(i.messageId, i.text),
      'Rewrites a reply still waiting in the queue; conflict once a channel has it.',
    ),
  };
}
