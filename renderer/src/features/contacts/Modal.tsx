// A dialog over the page: Escape and the backdrop close it (unless busy), focus starts inside.
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal({
  title,
  onClose,
  busy = false,
  wide = false,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  busy?: boolean;
  wide?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        className={`modal contacts-modal ${wide ? 'wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        ref={ref}
        data-testid={testId}
      >
        <div className="modal-head">
          <h2>{title}</h2>
          <button className="link modal-x" onClick={onClose} disabled={busy} aria-label="×">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** A progress bar with an optional Cancel; `total` 0 shows an indeterminate bar. */
export function Progress({
  done,
  total,
  label,
  onCancel,
  cancelLabel,
}: {
  done: number;
  total: number;
  label: string;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="job-progress" data-testid="job-progress">
      <div
        className={`progress ${total > 0 ? '' : 'indeterminate'}`}
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: total > 0 ? `${pct}%` : '30%' }} />
      </div>
      <div className="job-line">
        <span className="muted small">{label}</span>
        {onCancel && (
          <button className="btn small" onClick={onCancel} data-testid="job-cancel">
            {cancelLabel}
          </button>
        )}
      </div>
    </div>
  );
}
