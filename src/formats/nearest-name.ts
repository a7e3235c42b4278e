/**
 * Levenshtein edit distance between two strings, case-insensitive. Written here because it
 * is ten lines and only used to suggest names in error messages.
 *
 * @example
 * import { editDistance } from "./nearest-name";
 * editDistance("stage", "Stage "); // => 1
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/**
 * The candidate closest to `name` (ignoring case, spaces, dashes and underscores first), or
 * undefined when nothing is reasonably close.
 *
 * @example
 * import { nearestName } from "./nearest-name";
 * nearestName("dealid", ["deal_id", "stage"]); // => "deal_id"
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, "");
  const exact = candidates.find((c) => squash(c) === squash(name));
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(squash(name), squash(c));
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
