// "Có phải ý bạn là …?": the closest known name to a mistyped one (profile ids, extends, check ids,
// role ids). Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), so
// `ward-standrad` → `ward-standard` is one edit.

/** Edit distance with insertions, deletions, substitutions and swaps of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * The known name closest to `input`, when it is close enough to be a typo: at most 1 edit for
 * names up to 4 characters, else at most a third of the length (max 3). Case-insensitive. A name
 * that contains the input or is contained in it (`camera` for `room-camera`) also counts.
 */
export function closest(input: string, known: Iterable<string>): string | undefined {
  const x = input.toLowerCase();
  let best: { name: string; dist: number } | undefined;
  for (const name of known) {
    const y = name.toLowerCase();
    if (y === x) return name;
    let dist = editDistance(x, y);
    if (x.length >= 3 && (y.includes(x) || x.includes(y))) dist = Math.min(dist, 1);
    if (!best || dist < best.dist) best = { name, dist };
  }
  if (!best) return undefined;
  const limit = x.length <= 4 ? 1 : Math.min(3, Math.floor(x.length / 3));
  return best.dist <= limit ? best.name : undefined;
}
