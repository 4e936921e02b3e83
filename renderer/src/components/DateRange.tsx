// A "from – to" pair of date inputs that cannot be reversed (Orders and Reports custom periods).

export function DateRange({
  from,
  to,
  onChange,
  labels,
  testId,
}: {
  from: string;
  to: string;
  onChange: (patch: { from?: string; to?: string }) => void;
  labels: { from: string; to: string };
  /** Prefix for the inputs' test ids: `${testId}-from`, `${testId}-to`. */
  testId: string;
}) {
  return (
    <span className="date-range">
      <input
        type="date"
        value={from}
        max={to || undefined}
        onChange={(e) => onChange({ from: e.target.value })}
        aria-label={labels.from}
        data-testid={`${testId}-from`}
      />
      –
      <input
        type="date"
        value={to}
        min={from || undefined}
        onChange={(e) => onChange({ to: e.target.value })}
        aria-label={labels.to}
        data-testid={`${testId}-to`}
      />
    </span>
  );
}
