// The screens in the left navigation. A new domain adds one entry here (and its strings bundle).
import type { UiKey } from '../i18n/keys';
import type { ComponentType } from 'react';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { RemindersBadge } from '../features/reminders/RemindersBadge';
import { ReportsEntry } from '../features/reports/ReportsEntry';
import { lazyNamed as named } from '../reconnect';

// Only the inbox is in the first bundle: it is what the owner opens Lavka for. The other screens load when first
// opened (a few KB each over the local connection), so the first inbox screen does not wait for their code. A chunk
// that could not be fetched (Lavka restarting) is fetched again once the connection is back.
const NeedsYouScreen = named(() => import('../features/assistant/NeedsYouScreen'), 'NeedsYouScreen');
const NeedsYouBadge = named(() => import('../features/assistant/NeedsYouScreen'), 'NeedsYouBadge');
const KnowledgeScreen = named(() => import('../features/knowledge/KnowledgeScreen'), 'KnowledgeScreen');
const SettingsScreen = named(() => import('../features/settings/SettingsScreen'), 'SettingsScreen');
const ContactsScreen = named(() => import('../features/contacts/ContactsScreen'), 'ContactsScreen');
const RemindersScreen = named(() => import('../features/reminders/RemindersScreen'), 'RemindersScreen');
const OrdersScreen = named(() => import('../features/orders/OrdersScreen'), 'OrdersScreen');
const CatalogScreen = named(() => import('../features/catalog/CatalogScreen'), 'CatalogScreen');

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
