// "Did you mean …?" suggestions: the closest known name by edit distance, when it is close enough.

export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const needle = input.toLowerCase();
  // Allow roughly one typo per three characters, at least one edit.
  const limit = Math.max(1, Math.floor(input.length / 3));
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot match (and a huge input's matrix).
    if (Math.abs(candidate.length - input.length) > limit) continue;
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Suffix for messages: ` (did you mean 'x'?)` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>, quote = "'"): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` (did you mean ${quote}${match}${quote}?)`;
}

/** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}
