/**
 * How the framework verdicts and the text report write numbers (internal to this folder): rates
 * as whole percents, ratios with two decimals, AUCs with three, every estimate followed by its
 * interval in brackets.
 */

/**
 * A rate as a whole percent (`–` for NaN).
 *
 * @example
 * import { percent } from "./wording";
 * percent(0.5812); // => "58 %"
 */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${Math.round(100 * x)} %` : "–";
}

/**
 * A rate and its interval, in percent: `58 % [54, 62]`.
 *
 * @example
 * import { percentInterval } from "./wording";
 * percentInterval({ rate: 0.5812, lo: 0.541, hi: 0.62 }); // => "58 % [54, 62]"
 */
export function percentInterval(r: { rate: number; lo: number; hi: number }): string {
  if (!Number.isFinite(r.rate)) return "–";
  return `${Math.round(100 * r.rate)} % [${Math.round(100 * r.lo)}, ${Math.round(100 * r.hi)}]`;
}

/**
 * A number with two decimals, `∞` for infinity and `–` for NaN.
 *
 * @example
 * import { fixed2 } from "./wording";
 * [fixed2(1.234), fixed2(Infinity), fixed2(NaN)]; // => ["1.23", "∞", "–"]
 */
export function fixed2(x: number): string {
  return Number.isNaN(x) ? "–" : x === Infinity ? "∞" : x === -Infinity ? "−∞" : x.toFixed(2);
}

/**
 * A ratio of win rates and its interval: `×1.35 [1.21, 1.50]`.
 *
 * @example
 * import { ratioText } from "./wording";
 * ratioText({ ratio: 1.349, lo: 1.21, hi: 1.5 }); // => "×1.35 [1.21, 1.50]"
 */
export function ratioText(r: { ratio: number; lo: number; hi: number }): string {
  if (!Number.isFinite(r.ratio)) return "–";
  return `×${fixed2(r.ratio)} [${fixed2(r.lo)}, ${fixed2(r.hi)}]`;
}

/**
 * An estimate (an AUC, a difference of AUCs) with its interval, three decimals: `0.681 [0.652, 0.710]`.
 *
 * @example
 * import { estimateText } from "./wording";
 * estimateText(0.68123, 0.652, 0.71); // => "0.681 [0.652, 0.710]"
 * estimateText(-0.0021, -0.01, 0.006); // => "−0.002 [−0.010, 0.006]"
 */
export function estimateText(x: number, lo: number, hi: number): string {
  const f = (v: number) => {
    const s = v.toFixed(3);
    return s.startsWith("-") ? (/^-0\.000$/.test(s) ? "0.000" : `−${s.slice(1)}`) : s;
  };
  return `${f(x)} [${f(lo)}, ${f(hi)}]`;
}

/**
 * Names joined as in a sentence: `A`, `A and B`, `A, B and C`.
 *
 * @example
 * import { listWords } from "./wording";
 * listWords(["Need", "Authority", "Timeline"]); // => "Need, Authority and Timeline"
 */
export function listWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
