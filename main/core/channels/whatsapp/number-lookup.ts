// Is a phone number on WhatsApp? Asked before Lavka writes first to a phone-book contact, so a message is never
// queued to a number that can never receive it. Kept apart from the channel class: one question, one function.
import { whatsappIdToPhone } from '../../contacts/identity';
import type { WaClient } from './client';

/**
 * The E.164 number WhatsApp knows for `e164` (the same number, or the form WhatsApp registered, e.g. a Brazilian
 * mobile without its extra 9), or null when the number is not on WhatsApp.
 */
export async function findWhatsAppNumber(client: Pick<WaClient, 'getNumberId'>, e164: string): Promise<string | null> {
  const digits = e164.replace(/\D/g, '');
  const id = await client.getNumberId(digits);
  if (!id) return null;
  return whatsappIdToPhone(id._serialized) ?? (/^\d+$/.test(id.user) ? `+${id.user}` : e164);
}
