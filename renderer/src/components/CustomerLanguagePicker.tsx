// The customer-language picker of the settings that edit customer texts per language (Customer messages, Greeting
// and away), starting at the shop's reply language.
import { useState } from 'react';
import { CUSTOMER_LANGUAGES, languageInfo, type CustomerLanguage } from '../../../main/shared/languages';
import { useAppStore } from '../stores/app';

/** The language being edited, starting at the shop's reply language (English when that is not a customer language). */
export function useEditedCustomerLanguage(): [CustomerLanguage, (lang: CustomerLanguage) => void] {
  const reply = useAppStore((s) => s.settings?.preferences.replyLanguage);
  return useState<CustomerLanguage>((languageInfo(reply ?? 'en')?.code as CustomerLanguage | undefined) ?? 'en');
}

export function CustomerLanguagePicker({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: CustomerLanguage;
  onChange: (lang: CustomerLanguage) => void;
  testId: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as CustomerLanguage)} data-testid={testId}>
        {CUSTOMER_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.nativeName}
          </option>
        ))}
      </select>
    </label>
  );
}
