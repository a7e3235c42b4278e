import type { ExpectedValueBlock } from "../../formats/summary-schema";
import type { ValueModel } from "./tune-value";

/**
 * The `expectedValue` block of `summary.json`: the cards in brief (which attributes, how well
 * they fit on the training part), value tiers beside win tiers on the holdout, and the capture
 * comparison with its intervals; `available: false` with the reason when there is no value model.
 *
 * @example
 * import { expectedValueSummary } from "./value-summary";
 * expectedValueSummary({ reason: "the dataset has no amount" }); // => { available: false, reason: "the dataset has no amount" }
 */
export function expectedValueSummary(v: ValueModel | { reason: string }): ExpectedValueBlock {
  if ("reason" in v) return { available: false, reason: v.reason };
  const r = v.retention;
  return {
    available: true,
    verdict: v.verdict,
    ...(v.block.currency ? { currency: v.block.currency } : {}),
    winChance: v.block.winChance,
    amount: {
      base: v.block.amount.base,
      deals: v.amount.n,
      cvR2: Number(v.amount.cvR2.toFixed(4)),
      attributes: v.block.amount.attributes.map((a) => a.name),
      steps: v.amount.steps.map((s) => ({ name: s.name, cvR2: Number(s.cvR2.toFixed(4)) })),
      ...(v.amount.rejected ? { rejected: { name: v.amount.rejected.name, gain: Number(v.amount.rejected.gain.toFixed(4)) } } : {}),
    },
    retention: r
      ? {
          horizonDays: r.horizonDays,
          customers: r.n,
          retained: r.retained,
          baseLogOdds: v.block.retention!.baseLogOdds,
          attributes: v.block.retention!.attributes.map((a) => a.name),
          steps: r.steps.map((s) => ({ name: s.name, auc: Number(s.auc.toFixed(4)) })),
          leftOut: r.leftOut,
        }
      : null,
    tiers: v.tiers,
    capture: v.capture,
    holdout: v.holdout,
    warnings: v.warnings,
  };
}
