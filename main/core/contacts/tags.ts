// Contact tags as Lavka stores them: trimmed, lower case, at most 40 characters, unique and sorted.
export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const tag = t.trim().toLowerCase().slice(0, 40);
    if (tag) out.add(tag);
  }
  return [...out].sort();
}
