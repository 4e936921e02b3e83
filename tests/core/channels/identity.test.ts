// Addresses across channels: phones in E.164 with the shop's region, WhatsApp ids, Telegram names.
import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, telegramDisplay, whatsappChatId, whatsappIdToPhone } from '../../../main/core/contacts/identity';

describe('phone numbers', () => {
  it.each([
    ['0151 1234 5678', 'DE', '+4915112345678'],
    ['+49 (151) 1234-5678', 'DE', '+4915112345678'],
    ['0049 151 12345678', 'DE', '+4915112345678'],
    ['8 912 345-67-89', 'RU', '+79123456789'],
    ['+7 912 345 67 89', 'DE', '+79123456789'],
    ['0912 345 678', 'VN', '+84912345678'],
  ])('%s in %s is %s', (raw, region, e164) => {
    expect(normalizePhone(raw, region)).toBe(e164);
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['', 'abc', '123', '+', 'x'.repeat(50), '0151 1234 5678 9999 0000 1111'])
      expect(normalizePhone(bad, 'DE')).toBeNull();
  });

  it('formats a stored number for people', () => {
    expect(formatPhone('+4915112345678')).toBe('+49 1511 2345678');
    expect(formatPhone('not a number')).toBe('not a number');
  });
});

describe('WhatsApp ids', () => {
  it('turns a person id into E.164 whatever the shop region (the id carries the country code)', () => {
    expect(whatsappIdToPhone('4915112345678@c.us')).toBe('+4915112345678');
    expect(whatsappIdToPhone('79123456789@s.whatsapp.net')).toBe('+79123456789');
    expect(whatsappIdToPhone('4915112345678:12@c.us')).toBe('+4915112345678');
  });

  it('does not treat groups, linked ids, broadcasts or junk as phones', () => {
    for (const id of ['120363000000000000@g.us', '98765432101234@lid', 'status@broadcast', '123@newsletter', 'hello', ''])
      expect(whatsappIdToPhone(id)).toBeNull();
  });

  it('addresses a reply: phone → person id, WhatsApp ids kept, anything else refused', () => {
    expect(whatsappChatId('+4915112345678')).toBe('4915112345678@c.us');
    expect(whatsappChatId('120363000000000000@g.us')).toBe('120363000000000000@g.us');
    expect(whatsappChatId('98765432101234@lid')).toBe('98765432101234@lid');
    expect(whatsappChatId('0151 1234')).toBeNull();
    expect(whatsappChatId('status@broadcast')).toBeNull();
  });
});

describe('Telegram users', () => {
  it('shows the name with the username when there is one', () => {
    expect(telegramDisplay({ id: 1, first_name: 'Anna', last_name: 'Petrova', username: 'anna_p' })).toBe('Anna Petrova (@anna_p)');
    expect(telegramDisplay({ id: 1, first_name: 'Anna' })).toBe('Anna');
    expect(telegramDisplay({ id: 1, first_name: ' ', username: 'x' })).toBe('@x');
    expect(telegramDisplay({ id: 42 })).toBe('Telegram 42');
  });
});
