// Holds the window's content until the texts of the UI language are loaded, so no screen ever shows a raw key.
import { useEffect, useReducer, type ReactNode } from 'react';
import { useTranslation } from './react';
import { uiTextsLoaded } from './index';

export function TextsGate({ children }: { children: ReactNode }) {
  // Re-renders when the language changes (react-i18next) and when a language's texts arrive ('added').
  const { i18n } = useTranslation();
  const [, textsArrived] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    i18n.store.on('added', textsArrived);
    // Texts that arrived between the render and this subscription.
    if (uiTextsLoaded(i18n.language)) textsArrived();
    return () => i18n.store.off('added', textsArrived);
  }, [i18n]);
  if (!uiTextsLoaded(i18n.language)) return <div className="boot" aria-busy="true" />;
  return <>{children}</>;
}
