// What keeps the assistant from answering, worded in the owner's language from the status the core reports.
import type { AssistantStatus } from '../../../../main/core/assistant/types';
import { reasonText } from '../../i18n/errors';

export function assistantProblem(
  s: Pick<AssistantStatus, 'state' | 'host' | 'model' | 'models' | 'recommended'> | null | undefined,
): string | null {
  if (!s || s.state === 'ready') return null;
  if (s.state === 'not_running') return reasonText('ollama_not_running', { host: s.host });
  if (s.models.length === 0) return reasonText('ollama_no_models', { model: s.recommended.name });
  return s.model ? reasonText('ollama_model_missing', { model: s.model }) : reasonText('ollama_pick_model');
}
