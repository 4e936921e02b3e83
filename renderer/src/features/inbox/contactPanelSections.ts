// Extra sections in the contact panel (orders, reminders, consent…). Each domain adds one entry.
import type { ComponentType } from 'react';
import { ContactDataSection } from '../contacts/ContactDataSection';
import { ContactRemindersSection } from '../reminders/ContactRemindersSection';
import { ContactOrdersSection } from '../orders/ContactOrdersSection';
import { ContactLanguageSection } from '../language/ContactLanguageSection';

export interface ContactPanelSection {
  id: string;
  component: ComponentType<{ contactId: number }>;
}

export const CONTACT_PANEL_SECTIONS: ContactPanelSection[] = [
  { id: 'language', component: ContactLanguageSection },
  { id: 'orders', component: ContactOrdersSection },
  { id: 'reminders', component: ContactRemindersSection },
  { id: 'contact-data', component: ContactDataSection },
];
