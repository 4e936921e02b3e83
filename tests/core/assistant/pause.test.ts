// "Pause auto-replies" (tray menu and Settings → Assistant): while paused nothing goes out by itself — not even an
// auto-reply already waiting for its moment — and conversations in Auto get drafts instead; resuming restores Auto.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAssistantApp, type AssistantTestApp } from '../../helpers/fake-ollama-app';
import { cooperativeModel } from '../../helpers/fake-ollama-models';
import { COVERED } from '../../helpers/covered-questions';

let t: AssistantTestApp;
const s = () => t.app.services;
let delivered: string[] = [];

beforeEach(async () => {
  t = await makeAssistantApp();
  t.setDefaultMode('auto');
  t.ollama.takesReply = () => false;
  t.ollama.script = cooperativeModel(COVERED);
  delivered = [];
  s().sandbox.onDelivery((d) => delivered.push(d.text));
});
afterEach(() => t.close());

describe('pausing every auto-reply', () => {
  it('sends nothing while paused; Auto conversations act as Suggest; resuming answers the next question again', async () => {
    await t.call('assistant.saveSettings', { autoPaused: true });
    const id = await t.say(COVERED[0].q);
    await t.settle();
    expect(delivered).toEqual([]);
    expect(await t.call('assistant.mode', { conversationId: id })).toMatchObject({ effective: 'suggest', paused: true });

    await t.call('assistant.saveSettings', { autoPaused: false });
    expect(await t.call('assistant.mode', { conversationId: id })).toMatchObject({ effective: 'auto', paused: false });
    await t.say(COVERED[0].q);
    await t.settle();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatch(COVERED[0].expect);
  });

  it('an escalation while paused reaches the owner but sends the customer no holding message', async () => {
    await t.call('assistant.saveSettings', { autoPaused: true });
    await t.say('I want to speak to a real person, please');
    await t.settle();
    expect(s().assistant.queue()).toEqual([expect.objectContaining({ kind: 'escalation' })]);
    expect(delivered).toEqual([]);
  });
});
