import { outcomeOf, type BinSet, type Outcome } from "./bin";
import { binBoolean } from "./boolean";
import { defaultMinBinSize, type BinningOptions } from "./options";

/**
 * Bins a multi-valued attribute (e.g. a tech stack "AWS;Salesforce"): one indicator per value
 * that appears in at least `minBinSize` rows (default max(5 % of non-missing rows, 30)), each
 * returned as its own boolean bin set named `<attribute>=<value>` with bins false / true /
 * missing, where true means the row's list contains the value and missing a null list.
 * `indicator` on each bin set records the attribute and value. A value repeated within a row
 * counts once. Ordered by frequency (then value). Rarer values get no indicator.
 *
 * @param values the attribute: a list of values per row (null = missing)
 * @param outcome 1/true = won (or retained), 0/false = lost; other values leave the row out
 * @example
 * const stack = Array.from({ length: 100 }, (_, i) => (i % 2 ? ["AWS", "Salesforce"] : ["GCP"]));
 * binMulti(stack, Array(100).fill(1), { name: "stack" }).map((b) => b.name); // => ["stack=AWS", "stack=GCP", "stack=Salesforce"]
 */
export function binMulti(values: ArrayLike<readonly string[] | null | undefined>, outcome: Outcome, options: BinningOptions = {}): BinSet[] {
  if (values.length !== outcome.length) throw new Error(`binMulti: values has ${values.length} rows but outcome has ${outcome.length}`);
  const name = options.name ?? "x";
  const freq = new Map<string, number>();
  let nonMissing = 0;
  for (let i = 0; i < values.length; i++) {
    const list = values[i];
    if (list === null || list === undefined || outcomeOf(outcome[i]) < 0) continue;
    if (!Array.isArray(list)) throw new Error(`binMulti: values must be arrays of strings or null; row ${i} is ${typeof list}`);
    nonMissing++;
    for (const v of new Set(list)) freq.set(v, (freq.get(v) ?? 0) + 1);
  }
  const minBinSize = options.minBinSize ?? defaultMinBinSize(nonMissing);
  const frequent = [...freq].filter(([, c]) => c >= minBinSize).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return frequent.map(([value]) => {
    const lists = values as ArrayLike<readonly string[] | null | undefined>;
    const indicator = new Array<boolean | null>(lists.length);
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i];
      indicator[i] = list === null || list === undefined ? null : list.includes(value);
    }
    const set = binBoolean(indicator, outcome, { ...options, minBinSize, name: `${name}=${value}` });
    return { ...set, indicator: { attribute: name, value } };
  });
}
