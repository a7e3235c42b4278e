import { formatQuantity } from "../format/quantity";
import type { BinMatch } from "../formats/scoring-rules-schema";
import type { BinRule } from "../stats/binning/bin";
import { binLabel } from "../stats/binning/labels";

/** A bin as the drivers (`rule`) or the scoring rules (`when`) hold it, with its stored label. */
export type LabelledBin = { label: string; rule: BinRule } | { label: string; when: BinMatch };

/**
 * The labels of an attribute's bins as a reader wants them: the edges of numeric ranges with
 * thousands separators and large numbers in millions or billions (`"≥ 723000000"` reads
 * `"≥ 723 M"`, `"50–1999"` reads `"50–1,999"`), written by {@link formatQuantity}; other bins,
 * date ranges and labels that were edited by hand stay as stored. When shortening to millions
 * would make two bins read alike, the attribute's edges are written in full instead.
 *
 * @param bins the attribute's bins, in order
 * @param name the attribute's name (as in its labels of several values)
 * @example
 * import { readableBinLabels } from "./readable-bin-labels";
 * readableBinLabels([
 *   { label: "< 51810000", rule: { kind: "range", lo: -Infinity, hi: 51810000, loInclusive: false, hiInclusive: false } },
 *   { label: "51810000–229799999", rule: { kind: "range", lo: 51810000, hi: 229800000, loInclusive: true, hiInclusive: false } },
 *   { label: "≥ 229800000", when: { kind: "range", lo: 229800000, loInclusive: true, hiInclusive: false } },
 *   { label: "missing", when: { kind: "missing" } },
 * ], "annual_revenue");
 * // => ["< 51.81 M", "51.81 M–229.8 M", "≥ 229.8 M", "missing"]
 */
export function readableBinLabels(bins: readonly LabelledBin[], name: string): string[] {
  const rules = bins.map((b) => ("rule" in b ? b.rule : ruleOf(b.when)));
  const relabel = (compact: boolean) =>
    bins.map((b, i) => {
      const rule = rules[i];
      if (rule === null) return b.label;
      const style = (["integer", "decimal"] as const).find((s) => binLabel(rule, name, s) === b.label);
      return style === undefined ? b.label : binLabel(rule, name, style, (x) => formatQuantity(x, compact));
    });
  const short = relabel(true);
  return new Set(short).size === new Set(bins.map((b) => b.label)).size ? short : relabel(false);
}

/**
 * A text about an attribute (e.g. its rationale) with the stored labels of its range bins
 * replaced by their {@link readableBinLabels}.
 *
 * @example
 * import { readableBinText } from "./readable-bin-labels";
 * const bins = [{ label: "≥ 4210", rule: { kind: "range", lo: 4210, hi: Infinity, loInclusive: true, hiInclusive: false } } as const];
 * readableBinText("Win rate 27% for ≥ 4210 (training)", bins, "employees"); // => "Win rate 27% for ≥ 4,210 (training)"
 */
export function readableBinText(text: string, bins: readonly LabelledBin[], name: string): string {
  const readable = readableBinLabels(bins, name);
  const changed = bins.map((b, i) => [b.label, readable[i]] as const).filter(([a, b]) => a !== b);
  changed.sort((x, y) => y[0].length - x[0].length);
  let out = text;
  for (const [label, shown] of changed) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<![\\d.,])${escaped}(?![\\d.,])`, "g"), shown);
  }
  return out;
}

/** The bin rule of a `when` of the scoring rules, for a range; null for other bins. */
function ruleOf(when: BinMatch): BinRule | null {
  if (when.kind !== "range") return null;
  return { kind: "range", lo: when.lo ?? -Infinity, hi: when.hi ?? Infinity, loInclusive: when.loInclusive, hiInclusive: when.hiInclusive };
}
