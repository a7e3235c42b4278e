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
 * The candidate closest to `name` (ignoring case, spaces, dots, dashes and underscores first: the
 * first candidate equal so), or undefined when nothing is reasonably close: at most
 * `maxEdits(name, squashed)` edits away, `squashed` being the name without what is ignored
 * (by default two edits, or one per three characters of the name); of equally close
 * candidates, the first.
 *
 * @example
 * import { nearestName } from "./nearest-name";
 * nearestName("dealid", ["deal_id", "stage"]); // => "deal_id"
 * nearestName("stgae", ["deal_id", "stage"], () => 0); // => undefined
 */
export function nearestName(name: string, candidates: readonly string[], maxEdits = (name: string, _squashed: string) => Math.max(2, Math.floor(name.length / 3))): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, "");
  const squashed = squash(name);
  const exact = candidates.find((c) => squash(c) === squashed);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(squashed, squash(c));
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= maxEdits(name, squashed) ? best : undefined;
}
