// The owner's texts in React: useTranslation() with t() typed by the English locale files (see keys.ts). Components
// import this, not react-i18next, so a misspelt key fails the typecheck. Our own small hook rather than
// react-i18next's: that one copies the whole i18next instance for every component that mounts, which was a third of
// the scripting while scrolling the inbox (rows mount all the time). Same behaviour: a new `t` (and a re-render) when
// the language changes; TextsGate holds the window until a language's texts are there.
import { useSyncExternalStore } from 'react';
import i18next, { type i18n as I18n } from 'i18next';
import type { UiT } from './keys';

export type { UiKey, UiT, SubKey } from './keys';

interface Translation {
  t: UiT;
  i18n: I18n;
}

const fixed = (): Translation => ({ t: i18next.getFixedT(null, 'translation') as unknown as UiT, i18n: i18next });
let current: Translation | null = null;
const listeners = new Set<() => void>();

function subscribe(changed: () => void): () => void {
  listeners.add(changed);
  return () => listeners.delete(changed);
}

i18next.on('languageChanged', () => {
  current = fixed();
  for (const l of listeners) l();
});

function snapshot(): Translation {
  // Created on first use: i18next is initialised by i18n/index.ts before any component renders.
  return (current ??= fixed());
}

export function useTranslation(): Translation {
  return useSyncExternalStore(subscribe, snapshot);
}
