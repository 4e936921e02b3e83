// Settings is a list of sections; each domain adds its own (Channels, Assistant, Reminders, Data…) with one line.
import type { UiKey } from '../../i18n/keys';
import type { ComponentType } from 'react';
import { BusinessSection } from './BusinessSection';
import { PreferencesSection } from './PreferencesSection';
import { DataSection } from './DataSection';
import { AssistantSection } from '../assistant/AssistantSection';
import { QuickRepliesSection } from '../quickreplies/QuickRepliesSection';
import { ChannelsSection } from '../channels/ChannelsSection';
import { RemindersSettingsSection } from '../reminders/RemindersSettings';
import { OrdersSettingsSection } from '../orders/OrdersSettingsSection';
import { DesktopSection } from '../desktop/DesktopSection';
import { AboutSection } from '../desktop/AboutSection';
import { isDesktop } from '../desktop/bridge';
import { CustomerTextsSection } from '../language/CustomerTextsSection';
import { GreetingsSection } from '../workday/GreetingsSection';

export interface SettingsSectionDef {
  id: string;
  label: UiKey;
  component: ComponentType;
}

export const SETTINGS_SECTIONS: SettingsSectionDef[] = [
  { id: 'business', label: 'settings.sections.business', component: BusinessSection },
  { id: 'preferences', label: 'settings.sections.preferences', component: PreferencesSection },
  { id: 'channels', label: 'channels.title', component: ChannelsSection },
  { id: 'quickReplies', label: 'quickReplies.title', component: QuickRepliesSection },
  { id: 'greetings', label: 'workday.greetings.title', component: GreetingsSection },
  { id: 'orders', label: 'orders.settings.section', component: OrdersSettingsSection },
  { id: 'reminders', label: 'reminders.settings.section', component: RemindersSettingsSection },
  { id: 'customerTexts', label: 'customerLanguage.settings.section', component: CustomerTextsSection },
  { id: 'assistant', label: 'assistant.section', component: AssistantSection },
  { id: 'data', label: 'settings.sections.data', component: DataSection },
  // Tray, notifications, start at login and the WhatsApp browser picker exist only in the desktop app.
  ...(isDesktop() ? [{ id: 'desktop', label: 'desktop.settings.title', component: DesktopSection } satisfies SettingsSectionDef] : []),
  { id: 'about', label: 'desktop.about.title', component: AboutSection },
];
