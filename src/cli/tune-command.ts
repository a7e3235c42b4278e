import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadDataset } from "../data/load-dataset";
import type { DatasetSpec } from "../data/dataset-spec";
import { evaluateFrameworks } from "../frameworks/evaluate-frameworks";
import { frameworksSection } from "../report/frameworks-section";
import { personasSection } from "../report/personas-section";
import { personas } from "../personas/personas";
import { readPersonaNames } from "../personas/persona-names-file";
import { reportHtml, type ReportSection } from "../report/report-html";
import { diffRules, formatRulesDiff } from "../scoring/diff-rules";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import type { ScoringRules } from "../scoring/scoring-rules-schema";
import { createScorer } from "../scoring/score";
import { leadRecord, tuneScorecard } from "../scoring/tune-scorecard";
import type { TuneOptions } from "../scoring/tune-options";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";

const USAGE =
  "leadlab tune <dataset.yaml> --out <dir> [--previous <dir>] [--capacity 0.2 | --target-win-rate 0.6] [--max-attributes 12] [--tiers A,B,C,D] [--scale pdo|0-100]";

/**
 * The column names of the raw tables a consumer needs to apply the rules, from the dataset spec.
 *
 * @example
 * import { rulesInputs } from "leadlab";
 * rulesInputs({ name: "x", deals: { file: "d.csv", id: "deal_id", outcome: { column: "s", won: ["w"], lost: ["l"] } } }); // => { id: "deal_id" }
 */
export function rulesInputs(spec: DatasetSpec): ScoringRules["inputs"] {
  return {
    id: spec.deals.id,
    ...(spec.deals.created_at ? { scoringPoint: spec.deals.created_at } : {}),
    ...(spec.events
      ? { events: { key: spec.events.key, leadKey: spec.events.key, time: spec.events.time, type: spec.events.type, ...(spec.events.value ? { value: spec.events.value } : {}) } }
      : {}),
  };
}

/**
 * `leadlab tune`: the quarterly command. Loads the dataset, tunes and validates the scorecard
 * on the holdout, tests the qualification frameworks mapped in the spec on the same holdout,
 * derives buyer personas, and writes `scoring.yaml`, `personas.yaml`, `summary.json` and
 * `report.html` to `--out`
 * (with a diff against `--previous`'s scoring.yaml when given). Progress on stderr; the verdict
 * on stdout.
 *
 * @example
 * import { tuneCommand } from "leadlab";
 * await tuneCommand(["data/sample/dataset.yaml", "--out", "/tmp/leadlab-rules"], (s) => process.stdout.write(s));
 */
export async function tuneCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "tune",
    USAGE,
    argv,
    {
      out: { type: "string" },
      previous: { type: "string" },
      capacity: { type: "string" },
      "target-win-rate": { type: "string" },
      "max-attributes": { type: "string" },
      tiers: { type: "string" },
      scale: { type: "string" },
    },
    1,
  );
  if (!values.out) throw new CliError(`tune: --out <dir> is required. Usage: ${USAGE}`);
  const number = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new CliError(`tune: --${flag} must be a number; got "${v}". Usage: ${USAGE}`);
    return x;
  };
  if (values.scale !== undefined && values.scale !== "pdo" && values.scale !== "0-100") throw new CliError(`tune: --scale must be pdo or 0-100; got "${values.scale}"`);
  const options: TuneOptions = {
    capacity: number("capacity", values.capacity),
    targetWinRate: number("target-win-rate", values["target-win-rate"]),
    maxAttributes: number("max-attributes", values["max-attributes"]),
    tierNames: values.tiers?.split(",").map((t) => t.trim()),
    ...(values.scale === "0-100" ? { scale: { kind: "0-100" as const } } : {}),
  };
  let previous: ScoringRules | undefined;
  if (values.previous) {
    const path = join(values.previous, "scoring.yaml");
    if (!existsSync(path)) throw new CliError(`tune: --previous ${values.previous} has no scoring.yaml`);
    previous = readScoringRules(path);
  }
  const { table, report, spec } = await loadDataset(positionals[0], { onProgress: progress });
  progress("tuning the scorecard (drivers on the training part, forward selection, holdout validation)");
  const keep = Object.entries(spec.attributes ?? {}).filter(([, a]) => a.keep).map(([name]) => name);
  let card;
  try {
    const informativeMissing = Object.entries(spec.attributes ?? {}).filter(([, a]) => a.missing === "informative").map(([name]) => name);
    card = tuneScorecard(table, { ...options, keep, informativeMissing }, previous, rulesInputs(spec));
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const diff = previous ? diffRules(previous, card.rules) : undefined;
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "scoring.yaml"), card.toYAML());
  const summary = { ...card.toSummary(), load: { deals: report.deals, joins: report.joins.map((j) => ({ table: j.table, matched: j.matched, unmatched: j.unmatched })) }, diff, warnings: [...report.warnings, ...card.warnings] };
  writeFileSync(join(values.out, "summary.json"), JSON.stringify(summary, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
  const sections: ReportSection[] = [];
  if (table.attributes.some((a) => a.framework !== undefined)) {
    progress("testing the qualification frameworks on the same holdout");
    const scorer = createScorer(card.rules, { reasons: 0 });
    const scores = Float64Array.from({ length: table.n }, (_, r) => scorer(leadRecord(table, r)).points);
    const setAside = Object.fromEntries(card.drivers.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => [a.attribute, a.leakage!]));
    sections.push(frameworksSection(evaluateFrameworks(table, { scorecard: { name: "tuned scorecard", scores }, setAside })));
  }
  progress("deriving buyer personas from the best customers");
  const namesFile = join(values.out, "personas.names.yaml");
  const names = existsSync(namesFile) ? readPersonaNames(namesFile) : undefined;
  const found = personas(table, { ...(names ? { names } : {}), drivers: card.drivers });
  writeFileSync(join(values.out, "personas.yaml"), found.toYAML());
  sections.unshift(await personasSection(found));
  writeFileSync(join(values.out, "report.html"), await reportHtml(card, { ...(diff ? { diff } : {}), sections }));
  progress(`wrote scoring.yaml, personas.yaml, summary.json and report.html to ${values.out}`);
  out(`${card.verdict}\n`);
  for (const t of card.tiers)
    out(`  tier ${t.name.padEnd(6)} ${t.minPoints === null ? "below" : `≥ ${t.minPoints}`}`.padEnd(20) + `win rate ${(100 * t.expectedWinRate.value).toFixed(0)}% [${(100 * t.expectedWinRate.lo).toFixed(0)}–${(100 * t.expectedWinRate.hi).toFixed(0)}%], ${(100 * t.shareOfLeads).toFixed(0)}% of leads, ${(100 * t.shareOfWins).toFixed(0)}% of wins\n`);
  if (diff) out(`\nchanges since ${values.previous}:\n${formatRulesDiff(diff)}`);
}
