// Two date inputs for a custom period ("from – to"), each limited by the other so the range cannot be reversed.
// Used by the Orders filter and the Reports period picker.

export function DateRange(props: {
  from: string;
  to: string;
  onChange: (patch: { from?: string; to?: string }) => void;
  fromLabel: string;
  toLabel: string;
  /** data-testid prefix: `${testId}-from`, `${testId}-to`. */
  testId: string;
}) {
  const { from, to, onChange } = props;
  return (
    <span className="date-range">
      <input
        type="date"
        value={from}
        max={to || undefined}
        onChange={(e) => onChange({ from: e.target.value })}
        aria-label={props.fromLabel}
        data-testid={`${props.testId}-from`}
      />
      –
      <input
        type="date"
        value={to}
        min={from || undefined}
        onChange={(e) => onChange({ to: e.target.value })}
        aria-label={props.toLabel}
        data-testid={`${props.testId}-to`}
      />
    </span>
  );
}
