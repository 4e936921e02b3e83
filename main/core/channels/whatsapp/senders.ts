// Who wrote a WhatsApp message, as Lavka files it: the phone number (also behind a linked …@lid id, when WhatsApp tells
// us the number) and the name WhatsApp shows, cached per sender. Reads from the client; writes nothing.
import type { Clock } from '../../clock';
import type { InboundMessage } from '../channel';
import { formatPhone, whatsappIdToPhone } from '../../contacts/identity';
import type { WaClient, WaMessage } from './client';
import { messageOf } from './health';
import { WHATSAPP, contentOf, hasDownloadableMedia } from './inbound';

export class WaSenders {
  private readonly names = new Map<string, string>();
  private readonly phones = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  /** A customer's message, or (own) one the owner wrote from the phone, filed under the chat's other party. */
  async toInbound(client: WaClient, m: WaMessage, own = false): Promise<InboundMessage> {
    const { kind, body } = contentOf(m);
    const peer = String(own ? m.to : m.from);
    const address = await this.addressOf(client, peer);
    const ts = typeof m.timestamp === 'number' && m.timestamp > 0 ? m.timestamp * 1000 : this.clock.now();
    return {
      channel: WHATSAPP,
      externalId: m.id._serialized,
      // The owner's own message names the owner, not the customer: only a name already learnt is used.
      from: { externalId: address, display: own ? (this.names.get(peer) ?? '') : await this.displayOf(m, address) },
      kind,
      body,
      at: ts,
      ...(hasDownloadableMedia(m) ? { media: { source: m.id._serialized } } : {}),
      ...(own ? { fromOwner: true } : {}),
    };
  }

  /** E.164 for people (also behind a linked id when WhatsApp tells us the number); the chat id otherwise. */
  private async addressOf(client: WaClient, jid: string): Promise<string> {
    const direct = whatsappIdToPhone(jid);
    if (direct) return direct;
    if (!jid.endsWith('@lid')) return jid;
    const known = this.phones.get(jid);
    if (known) return known;
    try {
      const [hit] = await client.getContactLidAndPhone([jid]);
      const phone = hit?.pn ? whatsappIdToPhone(hit.pn) : null;
      if (phone) {
        this.phones.set(jid, phone);
        return phone;
      }
    } catch (err) {
      console.error('[whatsapp] could not resolve a linked id', messageOf(err));
    }
    return jid;
  }

  private async displayOf(m: WaMessage, address: string): Promise<string> {
    const key = String(m.from);
    const cached = this.names.get(key);
    if (cached) return cached;
    let name = '';
    try {
      const c = await m.getContact();
      name = (c?.pushname || c?.name || '').trim();
    } catch {
      // Name lookup is cosmetic; the number is a fine name.
    }
    const display = name || (address.startsWith('+') ? formatPhone(address) : address);
    if (this.names.size > 5000) this.names.clear();
    this.names.set(key, display);
    return display;
  }
}
