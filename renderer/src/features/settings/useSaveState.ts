// Shared save/error/"Saved" feedback for settings forms.
import { useState } from 'react';
import { errorText } from '../../i18n/errors';

export function useSaveState() {
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });
  async function run(fn: () => Promise<unknown>) {
    setState({ busy: true, error: null, saved: false });
    try {
      await fn();
      setState({ busy: false, error: null, saved: true });
      setTimeout(() => setState((s) => ({ ...s, saved: false })), 2000);
    } catch (err) {
      setState({ busy: false, error: errorText(err), saved: false });
    }
  }
  return { ...state, run };
}
