// Reminder shapes as the UI sees them. Plain data, safe to serialise over IPC and HTTP.
import type { MessageStatus } from '../inbox/types';
import type { Repeat } from '../../shared/zoned-time';
import type { ReminderKind } from './templates';

export type ReminderStatus = 'scheduled' | 'sent' | 'missed' | 'cancelled';
export type ReminderSource = 'manual' | 'rule';
/** Tabs of the Reminders page. */
export type ReminderTab = 'upcoming' | 'sent' | 'missed' | 'cancelled';

/**
 * Why a reminder did not go out, as a stable code the UI translates:
 * late (Lavka was closed too long), opted_out, order_paid, order_closed, customer_replied, reordered,
 * no_address (no channel to reach the customer), owner (cancelled by the owner).
 */
export type StatusNote = 'late' | 'opted_out' | 'order_paid' | 'order_closed' | 'customer_replied' | 'reordered' | 'no_address' | 'owner';

export interface Reminder {
  id: number;
  contactId: number;
  contactName: string;
  seriesId: number | null;
  kind: ReminderKind;
  source: ReminderSource;
  ruleKey: string | null;
  orderId: number | null;
  orderNumber: number | null;
  /** The owner's text with {placeholders}. */
  template: string;
  /** Exactly what was sent (set when it is sent). */
  renderedText: string | null;
  /** For upcoming reminders: the text as it would go out now (placeholders filled). */
  preview: string | null;
  channel: string | null;
  /** When the owner wants it sent. */
  dueAt: number;
  /** When it will actually go: dueAt moved out of quiet hours. */
  fireAt: number;
  eventAt: number | null;
  timeZone: string;
  /** Wall clock of dueAt in the business time zone, 'YYYY-MM-DDTHH:MM'. */
  localDue: string;
  repeat: Repeat;
  repeatEvery: number;
  repeatDay: number | null;
  status: ReminderStatus;
  statusNote: StatusNote | null;
  messageId: number | null;
  /** Delivery state of the sent message (queued → sent → delivered → read, or failed). */
  messageStatus: MessageStatus | null;
  personalise: boolean;
  createdAt: number;
  updatedAt: number;
  doneAt: number | null;
}
