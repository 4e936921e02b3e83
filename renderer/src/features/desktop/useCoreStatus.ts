// The desktop core process's state for the boot screen and banners; always "ready" in a browser.
import { useEffect, useState } from 'react';
import { onCoreStatus, type CoreStatus } from '../../api';

export function useCoreStatus(): CoreStatus {
  const [status, setStatus] = useState<CoreStatus>({ state: 'ready' });
  useEffect(() => onCoreStatus(setStatus), []);
  return status;
}
