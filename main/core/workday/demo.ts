// The demo bakery's starter labels, a few already on conversations so the label filter has something to show. They
// are demo data in the owner's UI language: created in it, and renamed when the owner switches the UI language,
// as long as the owner has not renamed them (then they are the owner's words and stay as they are).
import type { Services } from '../services';
import { COLORS, DEMO_LABEL_NAMES, DEMO_LABELS_KEY, type DemoLabelKey, type DemoLabelRecord } from './demo-labels';

export function seedWorkdayDemo(s: Services): void {
  const lang = s.settings.get().preferences.uiLanguage;
  const keys = Object.keys(DEMO_LABEL_NAMES) as DemoLabelKey[];
  s.workday.seedDemoLabels(keys.map((k) => ({ name: DEMO_LABEL_NAMES[k][lang] ?? DEMO_LABEL_NAMES[k].en, color: COLORS[k] })));
  const ids = new Map(s.workday.labels().map((l) => [l.name, l.id]));
  const idOf = (k: DemoLabelKey) => ids.get(DEMO_LABEL_NAMES[k][lang] ?? DEMO_LABEL_NAMES[k].en);
  const record: DemoLabelRecord = keys.flatMap((key) => (idOf(key) === undefined ? [] : [{ id: idOf(key)!, key }]));
  s.repos.settings.set(DEMO_LABELS_KEY, record);
  const newest = s.repos.conversations.list({}, 3);
  const put = (conversation: { id: number } | undefined, key: DemoLabelKey) => {
    const labelId = idOf(key);
    if (conversation && labelId !== undefined) s.workday.setLabel(conversation.id, labelId, true);
  };
  put(newest[0], 'paid');
  put(newest[0], 'toDeliver');
  put(newest[2], 'newCustomer');
}
