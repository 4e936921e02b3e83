import { it } from 'vitest';
import { makeAssistantApp, autoJson } from '../../helpers/fake-ollama-app';
it('dbg', async () => {
  const t = await makeAssistantApp(); t.setDefaultMode('auto');
  t.ollama.replies.push({ content: autoJson('Our cakes cost €19.90.') });
  await t.say('How much is a cake?');
  await t.settle();
  console.log(JSON.stringify(t.app.services.assistant.queue(), null, 1));
  console.log(JSON.stringify(t.ollama.chats().map(c=>c.messages[0].content.slice(0,80))));
  await t.close();
});
