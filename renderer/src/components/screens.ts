// The screens in the left navigation. A new domain adds one entry here (and its strings bundle).
import type { UiKey } from '../i18n/keys';
import type { ComponentType } from 'react';
import { NeedsYouBadge, NeedsYouScreen } from '../features/assistant/NeedsYouScreen';
import { KnowledgeScreen } from '../features/knowledge/KnowledgeScreen';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ContactsScreen } from '../features/contacts/ContactsScreen';
import { RemindersScreen } from '../features/reminders/RemindersScreen';
import { RemindersBadge } from '../features/reminders/RemindersBadge';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { CatalogScreen } from '../features/catalog/CatalogScreen';
import { ReportsEntry } from '../features/reports/ReportsEntry';

export interface ScreenDef {
  id: string;
  /** i18n key of the nav label. */
  label: UiKey;
  icon: string;
  component: ComponentType;
  /** Pinned to the bottom of the navigation. */
  bottom?: boolean;
  /** A count shown on the navigation item (renders nothing when there is nothing to count). */
  badge?: ComponentType;
}

export const SCREENS: ScreenDef[] = [
  { id: 'inbox', label: 'common.nav.inbox', icon: '💬', component: InboxScreen },
  { id: 'contacts', label: 'contacts.title', icon: '👥', component: ContactsScreen },
  { id: 'orders', label: 'orders.title', icon: '🧾', component: OrdersScreen },
  { id: 'catalog', label: 'catalog.title', icon: '🥐', component: CatalogScreen },
  { id: 'reminders', label: 'reminders.title', icon: '⏰', component: RemindersScreen, badge: RemindersBadge },
  { id: 'needs-you', label: 'assistant.needsYou.title', icon: '🙋', component: NeedsYouScreen, badge: NeedsYouBadge },
  { id: 'knowledge', label: 'knowledge.title', icon: '📚', component: KnowledgeScreen },
  { id: 'reports', label: 'reports.title', icon: '📊', component: ReportsEntry },
  { id: 'settings', label: 'common.nav.settings', icon: '⚙️', component: SettingsScreen, bottom: true },
];
