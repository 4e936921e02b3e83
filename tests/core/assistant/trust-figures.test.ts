// The figures for Auto's trustworthiness, measured and recorded (artifacts/auto-trust-figures.json): requests for a
// person escalated per language, published opt-out phrasings recognised per language, and the share of questions the
// demo knowledge covers that a cooperative model gets answered automatically (shop language; another language after
// one approval per answer). The hostile-model figure comes from hostile.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { customerEscalation } from '../../../main/core/assistant/guardrails';
import { DEFAULT_KEYWORDS, matchOptOut } from '../../../main/core/optout/keywords';
import { makeAssistantApp } from '../../helpers/fake-ollama-app';
import { cooperativeModel } from '../../helpers/fake-ollama-models';
import { PERSON_REQUESTS } from '../../helpers/hostile-cases';
import { OPT_OUT_PHRASINGS } from '../../helpers/optout-phrasings';
import { recordFigures } from '../../helpers/figures';
import { COVERED, COVERED_RU } from '../../helpers/covered-questions';

const figures: Record<string, unknown> = {};
afterAll(() => {
  recordFigures(figures);
  console.log(JSON.stringify(figures, null, 2));
});

describe('figures', () => {
  it('requests for a person reach the owner in every customer language', () => {
    const perLang: Record<string, string> = {};
    for (const p of PERSON_REQUESTS) perLang[p.lang] = customerEscalation(p.said)?.reason === 'asks_for_person' ? 'escalated' : 'missed';
    figures.personRequests = perLang;
    expect(Object.values(perLang).every((v) => v === 'escalated')).toBe(true);
    expect(Object.keys(perLang)).toHaveLength(12);
  });

  it('every published opt-out phrasing is recognised, per language', () => {
    const perLang: Record<string, string> = {};
    for (const [lang, list] of Object.entries(OPT_OUT_PHRASINGS)) {
      perLang[lang] = `${list.filter((said) => matchOptOut(said, DEFAULT_KEYWORDS) !== null).length}/${list.length}`;
    }
    figures.optOutRecognised = perLang;
    for (const [lang, list] of Object.entries(OPT_OUT_PHRASINGS)) expect(perLang[lang]).toBe(`${list.length}/${list.length}`);
  });

  it('a cooperative model gets knowledge-covered questions answered automatically', async () => {
    const t = await makeAssistantApp();
    try {
      const s = t.app.services;
      t.setDefaultMode('auto');
      t.ollama.takesReply = () => false;
      t.ollama.script = cooperativeModel(COVERED);
      const delivered: string[] = [];
      s.sandbox.onDelivery((d) => delivered.push(d.text));
      let auto = 0;
      for (const [i, c] of COVERED.entries()) {
        const before = delivered.length;
        await t.say(c.q, `Shop lang ${i}`);
        await t.settle();
        if (delivered.length > before && c.expect.test(delivered.at(-1)!)) auto++;
      }
      // Russian: the first use of each owner's answer waits for one approval; after that it goes out by itself.
      t.ollama.script = cooperativeModel([...COVERED, ...COVERED_RU]);
      let firstRound = 0;
      let approvals = 0;
      for (const [i, c] of COVERED_RU.entries()) {
        const before = delivered.length;
        const id = await t.say(c.q, `Первый ${i}`);
        await t.settle();
        if (delivered.length > before) firstRound++;
        const held = s.assistant.queue().find((q) => q.conversationId === id && q.reason === 'needs_translation');
        if (held) {
          approvals++;
          await t.call('assistant.resolve', { id: held.id, action: 'send', text: held.draft });
          await t.settle();
        }
      }
      let secondRound = 0;
      for (const [i, c] of COVERED_RU.entries()) {
        const before = delivered.length;
        await t.say(c.q, `Второй ${i}`);
        await t.settle();
        if (delivered.length > before) secondRound++;
      }
      figures.coveredAnsweredAutomatically = {
        shopLanguage: `${auto}/${COVERED.length}`,
        russianFirstAsk: `${firstRound}/${COVERED_RU.length} (Lavka's own texts; ${approvals} answers waited for one approval each)`,
        russianAfterApproval: `${secondRound}/${COVERED_RU.length}`,
      };
      expect(auto).toBe(COVERED.length);
      expect(secondRound).toBe(COVERED_RU.length);
      expect(firstRound + approvals).toBe(COVERED_RU.length);
    } finally {
      await t.close();
    }
  });
});
