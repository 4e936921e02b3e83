// Figures 5, 6 and 9 belong to domains built alongside the spine: the assistant's context builder, the contacts CSV
// export and the reminder scheduler. Each is measured through that domain's own code once it exists.
import type { App } from '../../../main/core/app';
import type { ShopInfo, Scale } from '../seed';
import { NOT_BUILT } from '../seed-domains';
import { notAvailable, type Figure } from '../report';

export async function domainFigures(_app: App, _shop: ShopInfo, _scale: Scale): Promise<Figure[]> {
  return [
    notAvailable('assistant: context build p99', 'ms', NOT_BUILT, '≤ 20'),
    notAvailable('contacts: CSV export of all contacts', 'ms', NOT_BUILT, '≤ 2000'),
    notAvailable('contacts: CSV export peak RSS growth', 'MB', NOT_BUILT, '≤ 100'),
    notAvailable('reminders: due scan', 'ms', NOT_BUILT, '≤ 5'),
  ];
}
