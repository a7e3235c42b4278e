import type { BinMatch } from "../formats/scoring-rules-schema";
import type { BinRule } from "../stats/binning/bin";

/**
 * A fitted bin's rule as `scoring.yaml` writes it: unbounded range ends are left out, and
 * `other` lists the rare training values it pools (when it pools any).
 *
 * @example
 * import { binMatch } from "./bin-match";
 * binMatch({ kind: "range", lo: -Infinity, hi: 50, loInclusive: true, hiInclusive: false }); // => { kind: "range", hi: 50, loInclusive: true, hiInclusive: false }
 */
export function binMatch(rule: BinRule): BinMatch {
  switch (rule.kind) {
    case "range":
      return {
        kind: "range",
        ...(Number.isFinite(rule.lo) ? { lo: rule.lo } : {}),
        ...(Number.isFinite(rule.hi) ? { hi: rule.hi } : {}),
        loInclusive: rule.loInclusive,
        hiInclusive: rule.hiInclusive,
      };
    case "set":
      return { kind: "set", values: [...rule.values] };
    case "other":
      return rule.members.length ? { kind: "other", values: [...rule.members] } : { kind: "other" };
    case "missing":
      return { kind: "missing" };
  }
}

/**
 * The bin rule of a `scoring.yaml` bin, the inverse of {@link binMatch} (an absent range end is
 * unbounded; `other` without `values` has no members), so that rules read back can be applied to a table.
 *
 * @example
 * import { binRuleOf } from "./bin-match";
 * binRuleOf({ kind: "range", hi: 50, loInclusive: true, hiInclusive: false }); // => { kind: "range", lo: -Infinity, hi: 50, loInclusive: true, hiInclusive: false }
 */
export function binRuleOf(match: BinMatch): BinRule {
  switch (match.kind) {
    case "range":
      return { kind: "range", lo: match.lo ?? -Infinity, hi: match.hi ?? Infinity, loInclusive: match.loInclusive, hiInclusive: match.hiInclusive };
    case "set":
      return { kind: "set", values: [...match.values] };
    case "other":
      return { kind: "other", members: [...(match.values ?? [])] };
    case "missing":
      return { kind: "missing" };
  }
}
