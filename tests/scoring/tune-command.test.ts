import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readBeliefs } from "../../src/beliefs/parse-beliefs";
import { tuneCommand } from "../../src/cli/tune-command";
import { tempDir } from "../helpers/temp-dir";
import { specText, tempDataset } from "../helpers/temp-dataset";

// One run serves both options' checks: a run of the whole quarterly job costs seconds.
test("leadlab tune --previous --beliefs: writes every file, scores the previous rules as a reference, reports what moved, and checks the beliefs", async () => {
  const out = tempDir("leadlab-tune-");
  let text = "";
  await tuneCommand(["data/sample/dataset.yaml", "--out", out, "--previous", "rules/sample", "--capacity", "0.1", "--beliefs", "data/sample/beliefs.yaml"], (s) => (text += s));
  for (const f of ["scoring.yaml", "personas.yaml", "summary.json", "report.html"]) assert.ok(existsSync(join(out, f)), f);
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  const previous = summary.references.find((r: { name: string }) => r.name === "previous rules");
  // Same data and the same attributes: only the tier thresholds move, so the previous points rank exactly alike.
  assert.equal(previous.auc.auc, summary.metrics.auc.auc);
  assert.match(text, /\nleakage: loss_reason_code set aside \(the evidence is in the report\)\n/);
  assert.match(text, /changes since rules\/sample:\nholdout AUC (0\.\d{3}) → \1 \(same data\)\n~ tier A threshold: \d+ → \d+/);
  const html = readFileSync(join(out, "report.html"), "utf8");
  for (const section of ["Buyer personas", "Qualification frameworks", "previous rules", "beliefs, checked", "Deal value: what predicts the size of won deals"]) assert.ok(html.includes(section), section);
  assert.equal(readFileSync(join(out, "personas.yaml"), "utf8"), readFileSync("rules/sample/personas.yaml", "utf8"));
  const claims = readBeliefs("data/sample/beliefs.yaml").beliefs.map((b) => b.name);
  assert.deepEqual(
    summary.beliefs.beliefs.map((b: { name: string }) => b.name),
    claims,
  );
  // The sample has amounts: the deal-value analysis is in the run without being asked for.
  assert.ok(summary.value.attributes.length > 0);
});

test("leadlab tune without --out is one clear line", async () => {
  await assert.rejects(tuneCommand(["data/sample/dataset.yaml"], () => {}), /^CliError: tune: --out <dir> is required\. Usage: leadlab tune/);
});

test("leadlab tune --out naming a file is one clear line before anything loads", async () => {
  await assert.rejects(tuneCommand(["data/sample/dataset.yaml", "--out", "package.json"], () => {}), /^CliError: --out package\.json is a file; pass a folder \(created if missing\)$/);
});

test("leadlab tune --beliefs names a missing beliefs file before anything loads", async () => {
  await assert.rejects(
    tuneCommand(["data/sample/no-such-dataset.yaml", "--out", tempDir("leadlab-tune-beliefs-"), "--beliefs", "no-such-beliefs.yaml"], () => {}),
    /no-such-beliefs\.yaml: the beliefs file does not exist\. Fix: pass the path of the team's beliefs\.yaml/,
  );
});

test("leadlab tune on data too thin for personas writes the rules, says why there are no personas, and removes an earlier personas.yaml", async () => {
  // 300 deals, 8 of them won: enough to tune a card, too few customers (10) for personas.
  const deals = ["deal_id,stage,created,origin", ...Array.from({ length: 300 }, (_, i) => `D${i},${i % 40 === 0 ? "Won" : "Lost"},2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${"abc"[i % 3]}`)];
  const dir = tempDataset({ "deals.csv": deals.join("\n") + "\n", "dataset.yaml": specText() });
  const out = tempDir("leadlab-tune-thin-");
  writeFileSync(join(out, "personas.yaml"), "last quarter's personas\n");
  await tuneCommand([join(dir, "dataset.yaml"), "--out", out], () => {});
  assert.deepEqual(readdirSync(out).sort(), ["report.html", "scoring.yaml", "summary.json"]);
  const why = "only 8 won customers (every won deal); personas need at least 10";
  assert.ok(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).warnings.includes(`personas: none derived: ${why}`));
  assert.ok(readFileSync(join(out, "report.html"), "utf8").includes(`No personas: ${why}.`));
});
