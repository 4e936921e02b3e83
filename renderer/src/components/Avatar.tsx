// Initials in a coloured circle; the colour is stable per contact.
const COLORS = ['#e07a5f', '#3d85c6', '#6aa84f', '#b4a7d6', '#f1c232', '#76a5af', '#c27ba0', '#8e7cc3'];

export function Avatar({ name, id, size = 36 }: { name: string; id: number; size?: number }) {
  const letters = Array.from(name.trim())
    .filter((ch) => /\p{L}|\p{N}/u.test(ch))
    .slice(0, 1)
    .join('')
    .toUpperCase();
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, background: COLORS[id % COLORS.length], fontSize: size * 0.42 }}
      aria-hidden
    >
      {letters || '?'}
    </span>
  );
}
