// Property tests (fast-check) for the opt-in free-text mode's detection: any price is caught whatever digits or
// spelling it uses unless the same amount is a price in the shop's facts; any domain-like token is a link however
// its dots are disguised; phone numbers and emails are caught in other digit scripts and in words.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkReply, type Grounding } from '../../../main/core/assistant/guardrails';
import { domainsIn, emailsInWords, phonesInWords, spelledAmounts } from '../../../main/core/assistant/free-text-checks';

const g = (over: Partial<Grounding> = {}): Grounding => ({
  trusted:
    'SHOP\nName: Lavka\nAddress: Hauptstraße 12\nOpening hours: Mon–Fri 09:00–18:00\nPOLICIES\nDelivery costs €4.90 and takes 48 hours. Cakes start at €32.',
  policies: 'Delivery costs €4.90 and takes 48 hours. Cakes start at €32.',
  customer: 'How much?',
  language: 'en',
  ...over,
});
const reasons = (text: string, grounding = g()) => checkReply(text, grounding).map((f) => f.reason);

/** The same digits in another script. */
const SCRIPTS = [0x30, 0xff10, 0x660, 0x966, 0x6f0];
const inScript = (digits: string, zero: number) => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

const WORDS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

describe('free-text Auto: typed detection (properties)', () => {
  it('a price not in the shop’s prices is held, in any digit script, even when the number appears elsewhere (house number, "48 hours")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...SCRIPTS), fc.constantFrom('€', 'EUR ', '$'), (n, zero, cur) => {
        fc.pre(n !== 32 && n !== 4);
        const text = `A pizza is ${cur}${inScript(String(n), zero)}.`;
        expect(reasons(text)).toContain('unverified_price');
      }),
      { numRuns: 150 },
    );
  });

  it('the shop’s own prices pass', () => {
    expect(reasons('Cakes start at €32.')).toEqual([]);
    expect(reasons('Delivery costs €4.90.')).toEqual([]);
  });

  it('amounts in words next to a currency are prices', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['three euros', 3],
          ['двести рублей', 200],
          ['cien euros', 100],
          ['drei Euro', 3],
          ['cinq euros', 5],
          ['сто гривень', 100],
        ),
        ([text, value]) => {
          expect(spelledAmounts(`It is ${text} today`).map((a) => a.value)).toEqual([value]);
          expect(reasons(`Only ${text}!`, g({ language: null }))).toContain('unverified_price');
        },
      ),
    );
  });

  it('any domain-like token is a link, whatever the TLD and however the dot is disguised', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{1,12}[a-z0-9]$/);
    const tld = fc.stringMatching(/^[a-z]{2,8}$/);
    const dot = fc.constantFrom('.', '[.]', '(.)', '。', ' dot ', ' [.] ');
    fc.assert(
      fc.property(label, dot, tld, fc.boolean(), (l, d, t, path) => {
        const text = `Pay at ${l}${d}${t}${path ? '/abc' : ''} today`;
        expect(domainsIn(text)).toContain(`${l}.${t}`);
        expect(reasons(text, g({ language: null }))).toContain('unverified_link');
      }),
      { numRuns: 200 },
    );
  });

  it('phone numbers in words or in another digit script are caught', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 12 }),
        fc.constantFrom(...SCRIPTS),
        (digits, zero) => {
          const words = `Call plus ${digits.map((d) => WORDS_EN[d]).join(' ')} now`;
          expect(phonesInWords(words)).toEqual([digits.join('')]);
          const written = `Call +${inScript(digits.join(''), zero)} now`;
          expect(reasons(written, g({ language: null }))).toContain('unverified_phone');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('emails in words are caught, the shop’s own wording of a link is not an email', () => {
    const part = fc.stringMatching(/^[a-z][a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(
        part,
        part,
        fc.constantFrom(' at ', ' [at] ', ' (at) '),
        fc.constantFrom(' dot ', '[.]', ' [dot] '.replace('dot', '.')),
        (user, host, at, dot) => {
          fc.pre(!['at', 'dot'].includes(user) && !['at', 'dot'].includes(host));
          const text = `Write to ${user}${at}${host}${dot}com please`;
          expect(emailsInWords(text)).toEqual([`${user}@${host}.com`]);
        },
      ),
      { numRuns: 150 },
    );
    expect(emailsInWords('Order at lavkabakery.com')).toEqual([]);
  });
});
