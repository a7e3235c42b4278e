import { compareText } from "./compare-text";
import { DatasetError } from "../formats/dataset-error";
import type { DatasetSpec } from "../formats/dataset-spec";
import { foldText } from "./fold-text";
import { editDistance } from "../formats/nearest-name";

/** An outcome value counted as open that nearly matches the won or lost values. */
export interface NearOutcome {
  value: string;
  rows: number;
  /** Which list it resembles. */
  resembles: "won" | "lost" | "won and lost";
}

/** A value that matched won or lost only after folding (spacing, case, Unicode form). */
export interface FoldedOutcome {
  value: string;
  rows: number;
  as: "won" | "lost";
}

/** The outcome of every deal row and the counts the load report shows. */
export interface OutcomeLabels {
  /** Per row: 1 won, 0 lost, 2 open (neither). */
  codes: Uint8Array;
  won: number;
  lost: number;
  /** Values counted as open, with their counts, most frequent first. */
  openValues: { value: string; rows: number }[];
  nearValues: NearOutcome[];
  foldedValues: FoldedOutcome[];
  warnings: string[];
}

/** Letters and digits only, folded: "Closed-Won" and "closedwon" have one skeleton. */
const skeleton = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]+/gu, "");
const words = (s: string) => foldText(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/**
 * Whether an open value resembles one of `targets` (the won or the lost values): the same
 * letters and digits ("Closed-Lost" for "Closed Lost"), a typo of at most two edits in a
 * skeleton of five letters or more ("Closed Wno"), or a word that only this list uses ("Won"
 * for "Closed Won" when lost is "Closed Lost"; "closedwon" ends with it).
 */
function resembles(value: string, targets: readonly string[], others: readonly string[]): boolean {
  const sk = skeleton(value);
  if (sk.length === 0) return false;
  const otherWords = new Set(others.flatMap(words));
  const decisive = [...new Set(targets.flatMap(words))].filter((w) => !otherWords.has(w) && w.length >= 3);
  return targets.some((t) => {
    const ts = skeleton(t);
    return ts === sk || (ts.length >= 5 && editDistance(ts, sk) <= 2);
  }) || decisive.some((w) => words(value).includes(w) || sk.startsWith(w) || sk.endsWith(w));
}

/**
 * Classifies the outcome column into won, lost and open. Values compare after
 * {@link foldText} (NFC, white space collapsed, case folded); values matched only after folding
 * are listed. Open values that nearly match won or lost ("Closed-Lost", "Won", "closedwon")
 * are named in a warning with their counts and the exact `outcome:` line to put in
 * dataset.yaml. Throws a {@link DatasetError} when no value is won or lost.
 *
 * @example
 * import { outcomeLabels } from "./outcome-labels";
 * const o = outcomeLabels(["Won", "Closed-Lost", "lost"], { column: "stage", won: ["Won"], lost: ["Lost"] }, "deals.csv");
 * [o.won, o.lost, o.nearValues[0].value]; // => [1, 1, "Closed-Lost"]
 */
export function outcomeLabels(values: readonly (string | null)[], outcome: DatasetSpec["deals"]["outcome"], label: string): OutcomeLabels {
  const wonSet = new Set(outcome.won.map(foldText));
  const lostSet = new Set(outcome.lost.map(foldText));
  const codes = new Uint8Array(values.length);
  const openCounts = new Map<string, number>();
  const folded = new Map<string, FoldedOutcome>();
  const plain = new Set([...outcome.won, ...outcome.lost].map((v) => v.trim().toLowerCase()));
  let won = 0, lost = 0;
  values.forEach((v, r) => {
    const s = v === null ? null : foldText(v);
    const code = s === null ? 2 : wonSet.has(s) ? 1 : lostSet.has(s) ? 0 : 2;
    codes[r] = code;
    if (code === 1) won++;
    else if (code === 0) lost++;
    else {
      const key = v === null ? "(missing)" : v.trim().normalize("NFC");
      openCounts.set(key, (openCounts.get(key) ?? 0) + 1);
    }
    if (code !== 2 && !plain.has(v!.trim().toLowerCase())) {
      const f = folded.get(v!) ?? { value: v!, rows: 0, as: code === 1 ? "won" : "lost" };
      f.rows++;
      folded.set(v!, f);
    }
  });
  const openValues = [...openCounts].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || compareText(a.value, b.value));
  if (won + lost === 0) {
    // A `sql:` table's read_csv reads a yes/no column as booleans, whose text is true/false.
    const booleans = openValues.every((o) => o.value === "true" || o.value === "false" || o.value === "(missing)");
    throw new DatasetError(
      `no value of the outcome column matches won ${JSON.stringify(outcome.won)} or lost ${JSON.stringify(outcome.lost)}; it has ${openValues.slice(0, 8).map((o) => `"${o.value}" (${o.rows})`).join(", ")}`,
      { file: label, field: outcome.column },
      booleans
        ? `the column holds booleans (DuckDB's read_csv reads yes/no, y/n and 1/0 as true/false): set deals.outcome.won: ["true"] and lost: ["false"] in dataset.yaml, or read the file with read_csv('…', all_varchar = true) to keep its text`
        : "set deals.outcome.won and deals.outcome.lost in dataset.yaml to the values the column uses",
    );
  }
  const nearValues: NearOutcome[] = [];
  for (const o of openValues) {
    if (o.value === "(missing)") continue;
    const w = resembles(o.value, outcome.won, outcome.lost);
    const l = outcome.lost.length > 0 && resembles(o.value, outcome.lost, outcome.won);
    if (w || l) nearValues.push({ ...o, resembles: w && l ? "won and lost" : w ? "won" : "lost" });
  }
  const warnings: string[] = [];
  if (nearValues.length) warnings.push(nearOutcomeWarning(nearValues, outcome));
  if (lostSet.size === 0) warnings.push("outcome: no lost values given; this is a customer list (all won), so win analysis is skipped and only retention can be analysed");
  else if (won === 0) warnings.push("outcome: no deal is won; win analysis is impossible");
  else if (lost === 0) warnings.push("outcome: no deal is lost; win analysis is impossible");
  const foldedValues = [...folded.values()].sort((a, b) => b.rows - a.rows || compareText(a.value, b.value));
  return { codes, won, lost, openValues, nearValues, foldedValues, warnings };
}

/** The warning for near values, with the `outcome:` line that counts them as closed. */
function nearOutcomeWarning(near: readonly NearOutcome[], outcome: DatasetSpec["deals"]["outcome"]): string {
  const rows = near.reduce((s, o) => s + o.rows, 0);
  const list = near.map((o) => `"${o.value}" (${o.rows}, resembles ${o.resembles})`).join(", ");
  const add = (side: "won" | "lost") => [...outcome[side], ...near.filter((o) => o.resembles === side).map((o) => o.value)];
  const line = `outcome: { column: ${JSON.stringify(outcome.column)}, won: ${JSON.stringify(add("won"))}, lost: ${JSON.stringify(add("lost"))} }`;
  const both = near.some((o) => o.resembles === "won and lost") ? "; values resembling both need your decision" : "";
  return `outcome: ${rows} deals are counted as open but their ${near.length === 1 ? "value nearly matches" : "values nearly match"} won or lost: ${list}. If they are closed deals, write this line under deals: in dataset.yaml: ${line}${both}`;
}
