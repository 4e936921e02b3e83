// "Write on WhatsApp" for a phone-book contact (imported, never wrote): asks WhatsApp whether the number is on it
// (getNumberId), then gives the contact a WhatsApp identity and a conversation to write in. Nothing is queued here.
import type { Services } from '../services';
import { AppError, notFound } from '../errors';
import { formatPhone, isE164, normalizePhone } from '../contacts/identity';
import { isMessagingChannel } from '../../shared/addresses';
import type { ConversationSummary } from '../inbox/types';

const WHATSAPP = 'whatsapp';

export async function writeOnWhatsApp(s: Services, contactId: number, phone?: string): Promise<ConversationSummary> {
  if (!s.repos.contacts.exists(contactId)) throw notFound('Contact', contactId);
  const identities = s.repos.contacts.identities(contactId);
  const raw =
    phone ?? identities.find((i) => i.channel === 'phone')?.externalId ?? identities.find((i) => i.channel === WHATSAPP)?.externalId;
  if (!raw)
    throw new AppError('invalid_input', 'This contact has no phone number', undefined, { reason: 'invalid_phone', params: { value: '' } });
  const e164 = isE164(raw) ? raw : normalizePhone(raw, s.settings.get().business.region);
  if (!e164)
    throw new AppError('invalid_input', `"${raw}" is not a valid phone number`, undefined, {
      reason: 'invalid_phone',
      params: { value: raw },
    });

  let address = identities.find((i) => i.channel === WHATSAPP && i.externalId === e164)?.externalId;
  if (!address) {
    const found = await s.channels.findWhatsAppNumber(e164);
    if (!found) {
      throw new AppError(
        'not_found',
        `${formatPhone(e164)} is not on WhatsApp. Check the number, or reach the customer another way.`,
        undefined,
        {
          reason: 'whatsapp_number_not_found',
          params: { phone: formatPhone(e164) },
        },
      );
    }
    // Refuses (address_taken) when another contact already writes from that WhatsApp number: merge them instead.
    s.contacts.addIdentity(contactId, WHATSAPP, found);
    address = found;
  }
  const conversationId = s.inbox.ensureConversation(contactId);
  // A conversation started before (on the phone-book number) now points at WhatsApp, so the composer and the
  // channel health notice talk about the channel the message will really go on.
  const shown = s.inbox.get(conversationId).lastChannel;
  if (shown === 'none' || !isMessagingChannel(shown)) s.repos.conversations.setLastChannel(conversationId, WHATSAPP);
  return s.inbox.get(conversationId);
}
