// The few chart shapes the Reports page uses, on Recharts (see README → dependencies for why Recharts).
// Charts are pictures of the same rows the CSV button downloads; every value is also in a table or a figure.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const COLORS = { owner: '#c0562f', assistant: '#6f5fb3', new: '#c0562f', returning: '#9aa0a6', money: '#2f8f4e', warn: '#b7791f' };

export interface Series {
  key: string;
  name: string;
  color: string;
  stack?: string;
}

/** Bars over a category axis (hours, days, channels). Null values leave a gap (nothing to measure). */
export function Bars({
  data,
  x,
  series,
  height = 220,
  unit,
}: {
  data: Record<string, string | number | null>[];
  x: string;
  series: Series[];
  height?: number;
  unit?: string;
}) {
  return (
    <div className="report-chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e6e2d9" />
          <XAxis dataKey={x} tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 11 }} width={44} allowDecimals={false} unit={unit} />
          <Tooltip />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stack} isAnimationActive={false} maxBarSize={28} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
