// The demo bakery's starter labels, a few already on conversations so the label filter has something to show.
import type { Services } from '../services';

export const DEMO_LABELS = [
  { name: 'New customer', color: '#1565c0' },
  { name: 'Paid', color: '#2e7d32' },
  { name: 'To deliver', color: '#ef6c00' },
];

export function seedWorkdayDemo(s: Services): void {
  s.workday.seedDemoLabels(DEMO_LABELS);
  const ids = new Map(s.workday.labels().map((l) => [l.name, l.id]));
  const newest = s.repos.conversations.list({}, 3);
  const put = (conversation: { id: number } | undefined, label: string) => {
    const labelId = ids.get(label);
    if (conversation && labelId !== undefined) s.workday.setLabel(conversation.id, labelId, true);
  };
  put(newest[0], 'Paid');
  put(newest[0], 'To deliver');
  put(newest[2], 'New customer');
}
