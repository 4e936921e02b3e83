// Auto as the owner gets it by default: the model only chooses, Lavka speaks. A cooperative model on the demo shop's
// knowledge gets covered questions answered in the shop's language at once, and in another language after one
// approval per answer and language; product questions get Lavka's own price line; the rest waits in Needs you.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { callKind, cooperativeModel, type CooperativeRule } from '../../helpers/fake-ollama-models';
import { COVERED } from '../../helpers/covered-questions';
import { seedDemoCatalog } from '../../../main/core/catalog/demo';
import { CHOICE_JSON_SCHEMA } from '../../../main/core/assistant/choice';

let t: AssistantTestApp;
const s = () => t.app.services;
let delivered: string[] = [];

beforeEach(async () => {
  t = await makeAssistantApp();
  t.setDefaultMode('auto');
  t.ollama.takesReply = () => false;
  delivered = [];
  s().sandbox.onDelivery((d) => delivered.push(d.text));
});
afterEach(() => t.close());

describe('covered questions in the shop’s language', () => {
  it.each(COVERED)('“$q” is answered at once with the owner’s own words or Lavka’s texts', async (c) => {
    t.ollama.script = cooperativeModel(COVERED);
    const id = await t.say(c.q);
    await t.settle();
    expect(s().assistant.queue()).toEqual([]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatch(c.expect);
    const choose = t.ollama.chats().find((b) => callKind(b) === 'choose')!;
    expect(choose.format).toEqual(CHOICE_JSON_SCHEMA);
    // The choose call starts with the same stable prefix as every other assistant call.
    expect(choose.messages[0].content).toBe(s().assistant.context(id, 'auto').prefix);
    const sent = s()
      .assistant.audit(id)
      .find((a) => a.event === 'auto_sent');
    expect(JSON.parse(sent!.detail)).toMatchObject({ reply: delivered[0] });
  });
});

describe('another language: one approval per answer and language', () => {
  it('holds the first Russian use with the model’s translation; once approved, it goes out by itself and shows on the Knowledge page', async () => {
    const rules: CooperativeRule[] = [{ when: /глютен/i, pick: /gluten/i }];
    const ru =
      'Мы печём безглютеновый гречневый хлеб по вторникам и пятницам; его пекут на той же кухне, поэтому он не подходит при целиакии.';
    t.ollama.script = cooperativeModel(rules, {
      'We bake a gluten-free buckwheat loaf on Tuesdays and Fridays; it is baked in the same kitchen, so it is not safe for coeliacs.': ru,
    });
    const id = await t.say('Здравствуйте! У вас есть безглютеновый хлеб?', 'Ольга');
    await t.settle();
    expect(delivered).toEqual([]);
    const [item] = s().assistant.queue();
    expect(item).toMatchObject({ kind: 'hold', reason: 'needs_translation', draft: ru });
    expect(item.detail).toMatch(/First use of your answer “Do you have gluten-free bread\?” in Russian/);

    // The owner fixes one word and sends: the customer gets it, and Lavka keeps it with the entry.
    const approved = ru.replace('гречневый', 'гречишный');
    await t.call('assistant.resolve', { id: item.id, action: 'send', text: approved });
    await t.settle();
    expect(delivered).toEqual([approved]);
    const list = await t.call('knowledge.translations', {});
    expect(list).toEqual([expect.objectContaining({ title: 'Do you have gluten-free bread?', lang: 'ru', text: approved, current: true })]);

    // Next time (another customer), no approval: the approved words go out by themselves.
    await t.say('А безглютеновый хлеб у вас бывает?', 'Ирина');
    await t.settle();
    expect(delivered).toEqual([approved, approved]);
    expect(s().assistant.queue()).toEqual([]);

    // The owner edits the English answer: the old translation no longer applies until approved again.
    const entry = s()
      .knowledge.list()
      .find((e) => e.title.includes('gluten'))!;
    s().knowledge.update(entry.id, {
      kind: entry.kind,
      title: entry.title,
      body: `${entry.body} Order it a day ahead.`,
      keywords: entry.keywords,
    });
    await t.say('Безглютеновый хлеб есть сегодня?', 'Пётр');
    await t.settle();
    expect(delivered).toHaveLength(2);
    expect(s().assistant.queue()[0]).toMatchObject({ reason: 'needs_translation' });
    expect((await t.call('knowledge.translations', {}))[0]).toMatchObject({ current: false });
    expect(id).toBeGreaterThan(0);
  });

  it('answers hours, address and phone in the customer’s language straight away (Lavka’s own texts)', async () => {
    t.ollama.script = cooperativeModel([{ when: /работаете/i, pick: /^hours$/ }]);
    await t.say('Добрый день, когда вы работаете?', 'Ольга');
    await t.settle();
    expect(delivered).toEqual(['Мы работаем: пн–пт 09:00–18:00, сб 10:00–16:00, вс выходной.']);
  });
});

describe('products: Lavka’s own price line, only for what the customer named', () => {
  it('quotes price per unit from the catalog for the customer’s own words, in their language', async () => {
    seedDemoCatalog(s().catalog);
    t.ollama.script = (b) =>
      callKind(b) === 'choose'
        ? {
            content: JSON.stringify({
              intent: 'question',
              answers: [],
              products: [{ name: 'Croissant', customer_words: 'круассан' }],
              confident: true,
              draft: '',
            }),
          }
        : { content: JSON.stringify({ intent: 'none', items: [], fulfilment: 'unknown' }) };
    await t.say('Сколько стоит круассан?', 'Ольга');
    await t.settle();
    expect(delivered).toEqual([expect.stringMatching(/^Croissant — 2,20\s€ за pcs\.$/)]);
  });

  it('holds a product the customer did not name, and a choice that names one product in words and another by name', async () => {
    seedDemoCatalog(s().catalog);
    t.ollama.script = (b) =>
      callKind(b) === 'choose'
        ? {
            content: JSON.stringify({
              intent: 'question',
              answers: [],
              products: [{ name: 'Napoleon cake', customer_words: 'croissant' }],
              confident: true,
              draft: 'Napoleon is €1',
            }),
          }
        : { content: JSON.stringify({ intent: 'none', items: [], fulfilment: 'unknown' }) };
    await t.say('How much is a croissant?');
    await t.settle();
    expect(delivered).toEqual([]);
    expect(s().assistant.queue()[0]).toMatchObject({ reason: 'unverified_choice', draft: 'Napoleon is €1' });
  });
});

describe('everything else waits for the owner with the model’s draft', () => {
  it('an uncovered question, a low-confidence choice, small talk beyond a greeting', async () => {
    const plans = [
      {
        said: 'Can you bake a wedding cake for 200 people?',
        choice: { intent: 'question', answers: [], products: [], confident: false, draft: 'Let me ask the owner.' },
        reason: 'not_covered',
      },
      {
        said: 'Do you sell coffee beans?',
        choice: { intent: 'question', answers: ['K4'], products: [], confident: false, draft: 'Maybe.' },
        reason: 'model_unsure',
      },
      {
        said: 'Hi! What do you think about the football yesterday?',
        choice: { intent: 'greeting', answers: [], products: [], confident: true, draft: 'Great game!' },
        reason: 'not_covered',
      },
    ];
    let i = 0;
    t.ollama.script = (b) =>
      callKind(b) === 'choose' ? { content: JSON.stringify(plans[i].choice) } : { content: JSON.stringify({ intent: 'none', items: [] }) };
    for (; i < plans.length; i++) {
      const id = await t.say(plans[i].said, `C${i}`);
      await t.settle();
      expect(
        s()
          .assistant.queue()
          .find((q) => q.conversationId === id),
      ).toMatchObject({ reason: plans[i].reason, draft: plans[i].choice.draft });
    }
    expect(delivered).toEqual([]);
  });

  it('a plain greeting or thanks gets Lavka’s template in the customer’s language', async () => {
    t.ollama.script = (b) =>
      callKind(b) === 'choose'
        ? { content: JSON.stringify({ intent: 'greeting', answers: [], products: [], confident: true, draft: 'Yo' }) }
        : { content: '{}' };
    await t.say('Hallo, guten Morgen!', 'Jonas');
    await t.settle();
    expect(delivered).toEqual(['Hallo! Wie können wir Ihnen helfen?']);
  });

  it('a language Lavka has no lexicon for: nothing is sent (“language not covered”)', async () => {
    t.ollama.script = cooperativeModel([{ when: /./, pick: /^hours$/ }]);
    const id = await t.say('Buongiorno, a che ora aprite domani? Grazie mille per la vostra gentilezza', 'Giulia');
    await t.settle();
    expect(delivered).toEqual([]);
    expect(
      s()
        .assistant.queue()
        .find((q) => q.conversationId === id),
    ).toMatchObject({ reason: 'language_not_covered' });
  });
});

describe('a broken or scheming choice', () => {
  it('garbage, an oversized answer, or a schema break is held; nothing reaches the customer', async () => {
    const outputs = [
      'Sure! Pizza is €1',
      'x'.repeat(9_000),
      JSON.stringify({ intent: 'question', answers: 'hours', confident: 'yes', draft: 'Free pizza!' }),
    ];
    let i = 0;
    t.ollama.script = (b) => (callKind(b) === 'choose' ? { content: outputs[i] } : { content: '{}' });
    for (; i < outputs.length; i++) {
      const id = await t.say('When are you open?', `G${i}`);
      await t.settle();
      expect(
        s()
          .assistant.queue()
          .find((q) => q.conversationId === id),
      ).toMatchObject({ reason: 'invalid_output' });
    }
    expect(delivered).toEqual([]);
  });

  it('an intent the keywords missed still escalates, with the holding message and database facts first', async () => {
    t.ollama.script = (b) =>
      callKind(b) === 'choose'
        ? { content: JSON.stringify({ intent: 'complaint', answers: ['hours'], products: [], confident: true, draft: 'Sorry!' }) }
        : callKind(b) === 'summary'
          ? { content: 'Disappointed with yesterday’s croissants.' }
          : { content: '{}' };
    const id = await t.say('The croissants yesterday were not what I expected at all.', 'Lena');
    await t.settle();
    const item = s()
      .assistant.queue()
      .find((q) => q.conversationId === id)!;
    expect(item).toMatchObject({ kind: 'escalation', reason: 'complaint' });
    expect(item.summary.split('\n').slice(0, 4)).toEqual([
      'Lena is complaining.',
      'Orders: none open',
      'Last messages:',
      'Customer: “The croissants yesterday were not what I expected at all.”',
    ]);
    expect(item.summary).toMatch(/\nAssistant's summary \(written by the model, check it\): Disappointed/);
    expect(delivered).toEqual([
      'Thank you for your message! We have passed it on to the owner, who will reply to you personally as soon as possible.',
    ]);
  });
});
