// The desktop core process's state for the boot screen and banners; always "ready" in a browser.
import { useEffect, useState } from 'react';
import { currentCoreStatus, onCoreStatus, type CoreStatus } from '../../api';

export function useCoreStatus(): CoreStatus {
  const [status, setStatus] = useState<CoreStatus>(currentCoreStatus);
  useEffect(() => onCoreStatus(setStatus), []);
  return status;
}
