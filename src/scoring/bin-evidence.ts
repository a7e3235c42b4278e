import type { BinSet } from "../stats/binning/bin";
import { credibleWoe } from "../stats/woe";

/** How a card treats the missing bin of an attribute: `neutral` (default) or `informative` (declared in dataset.yaml). */
export type MissingTreatment = "neutral" | "informative";

/**
 * The evidence each bin of an attribute carries on the card, on the log-odds scale the model is
 * fitted on and the points are scaled from:
 * - the bin's weight of evidence shrunk by its size ({@link credibleWoe}: a pure bin gets a finite
 *   value, a bin of a handful of deals nearly nothing);
 * - the missing bin never counts for a lead (its evidence is capped at 0, so it earns at most
 *   0 points) unless the attribute's missingness is declared `informative`: a blank field is
 *   usually a gap in the data, not a sign of a good lead.
 *
 * @example
 * import { binEvidence } from "./bin-evidence";
 * const set = { bins: [{ rule: { kind: "set", values: ["a"] }, n: 300, events: 200 }, { rule: { kind: "missing" }, n: 300, events: 250 }], events: 450, nonEvents: 150 };
 * binEvidence(set as never, "neutral")[1]; // => 0
 * binEvidence(set as never, "informative")[1] > 0; // => true
 */
export function binEvidence(set: Pick<BinSet, "bins" | "events" | "nonEvents">, missing: MissingTreatment): number[] {
  return set.bins.map((b) => {
    const w = credibleWoe(b.events, b.n, set.events, set.nonEvents);
    return b.rule.kind === "missing" && missing === "neutral" ? Math.min(0, w) : w;
  });
}

/**
 * Each row's evidence on the card: its bin's ({@link binEvidence}), 0 where no bin took its value
 * (code −1). `codes` holds every row's bin (`assignBins`); with `rows`, only those rows, in that
 * order. A plain loop: the tuner does this for every candidate attribute and every fold.
 *
 * @example
 * import { rowEvidence } from "./bin-evidence";
 * Array.from(rowEvidence(Int32Array.from([1, -1, 0]), [0.5, -2])); // => [-2, 0, 0.5]
 * Array.from(rowEvidence(Int32Array.from([1, -1, 0]), [0.5, -2], Int32Array.from([2, 0]))); // => [0.5, -2]
 */
export function rowEvidence(codes: Int32Array, evidence: readonly number[], rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : codes.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const code = codes[rows ? rows[i] : i];
    out[i] = code >= 0 ? evidence[code] : 0;
  }
  return out;
}

/**
 * The sentence a rule's rationale ends with, saying how its missing bin is treated.
 *
 * @example
 * import { missingRationale } from "./bin-evidence";
 * missingRationale("neutral"); // => "missing counts as neutral (at most 0 points)"
 */
export function missingRationale(missing: MissingTreatment): string {
  return missing === "neutral" ? "missing counts as neutral (at most 0 points)" : "missing is informative (declared in dataset.yaml) and earns its own points";
}
