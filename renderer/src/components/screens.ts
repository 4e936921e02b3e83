// The screens in the left navigation. A new domain adds one entry here (and its strings bundle).
import type { ComponentType } from 'react';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

export interface ScreenDef {
  id: string;
  /** i18n key of the nav label. */
  label: string;
  icon: string;
  component: ComponentType;
  /** Pinned to the bottom of the navigation. */
  bottom?: boolean;
}

export const SCREENS: ScreenDef[] = [
  { id: 'inbox', label: 'common.nav.inbox', icon: '💬', component: InboxScreen },
  { id: 'settings', label: 'common.nav.settings', icon: '⚙️', component: SettingsScreen, bottom: true },
];
