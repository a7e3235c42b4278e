/**
 * How the framework verdicts and the text report write what the report's formats
 * (`format/`: rates, AUCs, p-values) do not cover: ratios of win rates, signed
 * differences of AUCs, and lists of names. Internal to this folder.
 */

/**
 * A ratio of win rates and its interval: `×1.35 [1.21–1.50]`; "–" when it is not a number.
 *
 * @example
 * import { ratioText } from "./wording";
 * ratioText({ ratio: 1.349, lo: 1.21, hi: 1.5 }); // => "×1.35 [1.21–1.50]"
 * ratioText({ ratio: 0, lo: 0, hi: Infinity }); // => "×0.00 [0.00–∞]"
 */
export function ratioText(r: { ratio: number; lo: number; hi: number }): string {
  if (!Number.isFinite(r.ratio)) return "–";
  const f = (x: number) => (x === Infinity ? "∞" : x.toFixed(2));
  return `×${f(r.ratio)} [${f(r.lo)}–${f(r.hi)}]`;
}

/**
 * A difference (of AUCs) and its interval, three decimals with a true minus sign; the interval's
 * ends are separated by a comma, as either may be negative: `0.026 [0.010, 0.042]`.
 *
 * @example
 * import { differenceText } from "./wording";
 * differenceText(0.02619, 0.0101, 0.0423); // => "0.026 [0.010, 0.042]"
 * differenceText(-0.0021, -0.01, 0.006); // => "−0.002 [−0.010, 0.006]"
 */
export function differenceText(x: number, lo: number, hi: number): string {
  const f = (v: number) => {
    const s = v.toFixed(3);
    return /^-0\.000$/.test(s) ? "0.000" : s.replace(/^-/, "−");
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
