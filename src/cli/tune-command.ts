import { existsSync } from "node:fs";
import { join } from "node:path";
import { readBeliefs } from "../beliefs/parse-beliefs";
import { formatAmount } from "../format/amount";
import { formatAucValue } from "../format/auc";
import { formatPercent } from "../format/percent";
import { formatRateInterval } from "../format/rate-interval";
import type { ScoringRules } from "../formats/scoring-rules-schema";
import { readPersonaNames } from "../personas/persona-names-file";
import { quarterlyRun, RUN_FILES } from "../run/quarterly-run";
import { formatRulesDiff } from "../scoring/diff-rules";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import type { Scorecard } from "../scoring/scorecard";
import { DEFAULT_MAX_ATTRIBUTES, type TuneOptions } from "../scoring/tune-options";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";
import { assertOutputFolder, writeFilesTogether } from "./write-files-together";

const USAGE =
  `leadlab tune <dataset.yaml> --out <dir> [--previous <dir>] [--beliefs <beliefs.yaml>] [--capacity 0.2 | --target-win-rate 0.6] [--max-attributes ${DEFAULT_MAX_ATTRIBUTES}] [--tiers A,B,C,D] [--scale pdo|0-100]`;

/**
 * `leadlab tune`: the quarterly command. Loads the dataset, tunes and validates the scorecard
 * on the holdout, tests the qualification frameworks mapped in the spec on the same holdout,
 * analyses deal value (when the deals have an amount) and the team's `--beliefs`,
 * derives buyer personas, and writes `scoring.yaml`, `personas.yaml`, `summary.json` and
 * `report.html` to `--out`
 * (with a diff against `--previous`'s scoring.yaml when given). Progress on stderr; the verdict
 * on stdout.
 *
 * @example
 * import { tuneCommand } from "./tune-command";
 * await tuneCommand(["data/sample/dataset.yaml", "--out", "/tmp/leadlab-rules"], (s) => process.stdout.write(s));
 */
export async function tuneCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs(
    "tune",
    USAGE,
    argv,
    {
      out: { type: "string", value: "dir", required: true, help: "folder to write scoring.yaml, personas.yaml, summary.json and report.html into, created if missing" },
      previous: { type: "string", value: "dir", help: "folder of last quarter's run: each attribute keeps its bins unless the data moved, the new scoring.yaml is compared with its own, with the PSI of the scores under it" },
      beliefs: { type: "string", value: "file", help: "the team's claims (kind Beliefs) to test on the same holdout: a report section and a beliefs block in summary.json" },
      capacity: { type: "string", value: "share", number: { kind: "share" }, default: "0.2", help: "share of leads in the top tier; the tiers below split the rest equally" },
      "target-win-rate": { type: "string", value: "share", number: { kind: "share" }, help: "instead of --capacity: the top tier is the highest-scoring leads whose training win rate reaches this" },
      "max-attributes": { type: "string", value: "N", number: { kind: "integer", min: 1 }, default: String(DEFAULT_MAX_ATTRIBUTES), help: "at most this many attributes on the card" },
      tiers: { type: "string", value: "names", default: "A,B,C,D", help: "tier names, best first, comma-separated (at least two), e.g. SQL,MQL,Nurture,Disqualify" },
      scale: { type: "string", value: "scale", choices: ["pdo", "0-100"], default: "pdo", help: "points scale: pdo is 600 points at odds 1:1 and 20 points to double the odds; 0-100 rescales" },
    },
    1,
    { summary: "The quarterly job: tunes and validates the scorecard on the holdout, tests the qualification frameworks, derives buyer personas and writes the rules and the report.", args: [["<dataset.yaml>", "the dataset spec (see data/dataset.schema.json)"]] },
  );
  if (!values.out) throw new CliError(`tune: --out <dir> is required. Usage: ${USAGE}`);
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const options: TuneOptions = {
    capacity: number(values.capacity),
    targetWinRate: number(values["target-win-rate"]),
    maxAttributes: number(values["max-attributes"]),
    tierNames: values.tiers?.split(",").map((t) => t.trim()),
    ...(values.scale === "0-100" ? { scale: { kind: "0-100" as const } } : {}),
  };
  assertOutputFolder(values.out);
  let previous: ScoringRules | undefined;
  if (values.previous) {
    const path = join(values.previous, "scoring.yaml");
    if (!existsSync(path)) throw new CliError(`tune: --previous ${values.previous} has no scoring.yaml`);
    previous = readScoringRules(path);
  }
  // read and checked before the dataset is loaded, as `leadlab beliefs` does
  const beliefs = values.beliefs ? { document: readBeliefs(values.beliefs), file: values.beliefs } : undefined;
  const namesFile = join(values.out, "personas.names.yaml");
  const personaNames = existsSync(namesFile) ? readPersonaNames(namesFile) : undefined;
  let run;
  try {
    run = await quarterlyRun(positionals[0], {
      ...options,
      ...(previous ? { previous } : {}),
      ...(personaNames ? { personaNames } : {}),
      ...(beliefs ? { beliefs } : {}),
      onProgress: progress,
    });
  } catch (e) {
    // the tuner's refusals (e.g. no lost deals) are the user's data, not a bug
    if (e instanceof Error && e.message.startsWith("tune:")) throw new CliError(e.message);
    throw e;
  }
  const files = await run.files();
  // A personas.yaml of an earlier run is removed when this one's data gave none.
  const none = RUN_FILES.filter((name) => !(name in files));
  const stale = none.filter((name) => existsSync(join(values.out!, name)));
  writeFilesTogether(values.out, files, none);
  progress(`wrote ${Object.keys(files).join(", ")} to ${values.out}`);
  if ("unavailable" in run.personas) progress(`no personas.yaml: ${run.personas.unavailable}${stale.length ? `; the earlier run's ${stale.join(", ")} removed` : ""}`);
  const { scorecard: card, diff } = run;
  out(`${card.verdict}\n`);
  out(leakageLines(card));
  for (const t of card.tiers)
    out(`  tier ${t.name.padEnd(6)} ${t.minPoints === null ? "below" : `≥ ${t.minPoints}`}`.padEnd(20) + `win rate ${t.expectedWinRate ? formatRateInterval(t.expectedWinRate.value, t.expectedWinRate.lo, t.expectedWinRate.hi) : "not measured (no holdout lead)"}, ${formatPercent(t.shareOfLeads)} of leads, ${formatPercent(t.shareOfWins)} of wins\n`);
  const v = card.value;
  if ("reason" in v) out(`expected value: none (${v.reason})\n`);
  else {
    out(`expected value (win chance × amount${v.retention ? ` × retained ${v.retention.horizonDays} days` : ""}): ${v.verdict}\n`);
    for (const t of v.tiers.value)
      out(`  value tier ${t.name.padEnd(6)} ${t.min === null ? "below" : `≥ ${formatAmount(t.min, v.block.currency)}`}`.padEnd(30) + `${formatPercent(t.shareOfLeads)} of leads, win rate ${formatPercent(t.winRate)}, ${formatPercent(t.shareOfWonRevenue)} of won revenue\n`);
  }
  const r = card.rules.metadata.rounding;
  if (r)
    out(
      `bin edges ${r.edges === "rounded" ? "rounded to readable values" : "left exact"}: ${r.cost === null ? "holdout AUC not measured (no wins or no losses in the holdout)" : `holdout AUC ${formatAucValue(r.aucExact, 4)} exact vs ${formatAucValue(r.aucRounded, 4)} rounded (cost ${r.cost.toFixed(4)})`}; ` +
        `decided on the training part (cross-validated AUC cost ${r.trainingCost.toFixed(4)}, limit ${r.maxCost})\n`,
    );
  out(`recency: ${card.decay.verdict}\n`);
  if (diff) out(`\nchanges since ${values.previous}:\n${formatRulesDiff(diff)}`);
}

/**
 * What the run's output says of leakage under the verdict: the attributes set aside (or kept on
 * request) as leakage, and those kept with a question, to check when they are filled in (the
 * evidence is in the report); nothing when there is neither.
 *
 * @example
 * // see tuneCommand, which writes them under the verdict: on the sample,
 * // "leakage: loss_reason_code set aside (the evidence is in the report)"
 */
export function leakageLines(card: Scorecard): string {
  const onCard = new Set(card.rules.attributes.map((a) => a.name));
  const leaked = card.drivers.attributes.filter((a) => a.leakage !== null);
  const asked = card.drivers.attributes.filter((a) => a.leakageQuestion !== null);
  return (
    (leaked.length ? `leakage: ${leaked.map((a) => `${a.name} ${a.leakageKept ? "kept on request" : "set aside"}`).join(", ")} (the evidence is in the report)\n` : "") +
    (asked.length
      ? `check when these are filled in, and drop any filled in only after the outcome (kept: the evidence of leakage is not conclusive): ${asked.map((a) => `${a.name}${onCard.has(a.name) ? " (on the card)" : ""}`).join(", ")}\n`
      : "")
  );
}
