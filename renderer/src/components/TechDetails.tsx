// The technical words behind a failure (a library's message, in English), folded away under "Details" so the owner
// reads the explanation in their language first and can still copy the original for support.
import { useTranslation } from '../i18n/react';

export function TechDetails({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="tech-details" data-testid="tech-details">
      <summary>{t('errors.details')}</summary>
      <code dir="ltr">{text}</code>
    </details>
  );
}
