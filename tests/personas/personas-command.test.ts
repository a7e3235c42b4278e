import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli/main";
import { personasCommand } from "../../src/cli/personas-command";
import { parsePersonas } from "../../src/personas/personas-yaml";
import { SAMPLE_SPEC } from "../helpers/sample-fixture";

/** Runs the command and returns what it wrote to stdout and its progress lines. */
async function run(argv: string[]) {
  let out = "";
  const progress: string[] = [];
  await personasCommand(argv, (t) => (out += t), (m) => progress.push(m));
  return { out, progress };
}

test("leadlab personas prints names, sizes, rates, traits and rules; --out writes personas.yaml and reads renames beside it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "leadlab-personas-"));
  try {
    writeFileSync(
      join(dir, "personas.names.yaml"),
      "apiVersion: leadlab/v1\nkind: PersonaNames\nnames:\n  - name: Agencies\n    medoid: { industry: Marketing & Advertising }\n",
    );
    const out = join(dir, "personas.yaml");
    const { out: text, progress } = await run([SAMPLE_SPEC, "--out", out]);
    assert.match(text, /^personas of leadlab-sample: 3 personas among 1,126 retained customers \(and 1 cluster that wins but churns, set aside as anti-persona\); clear structure/);
    assert.match(text, /k = 4: highest silhouette/);
    assert.match(text, /\n1\. Software\n   454 customers \(40%\) · deals win 65% \[63%, 67%\] of 2,433 deals · retained 90% \[88%, 93%\] of 502 customers · median won amount 18,800 · retained revenue 11,734,200 \(36%\)/);
    assert.match(text, /· industry = Software: 78% \[74%, 82%\] vs 32% of all \(lift 2\.4, q < 0\.001\)/);
    assert.match(text, /assignment rules \(fidelity 89%, 87% cross-validated, coverage 98%; "other" for 16% of closed deals\):\n  by segment: software 96% of 454, financial-services 95% of 194, healthcare 87% of 247, marketing-and-advertising-under-550-employees-wins-but-churns 73% of 231\n/);
    assert.match(text, /then other \(anti-persona marketing-and-advertising-under-550-employees-wins-but-churns\)\n/);
    // the rename file names the cluster set aside: the anti-persona carries the name
    assert.match(text, /wins but churns: Agencies \(a cluster of the customers, set aside from the personas\)/);
    assert.ok(progress.some((p) => /names from .*personas\.names\.yaml/.test(p)));
    assert.ok(progress.some((p) => /^personas: k = 4/.test(p)));
    const doc = parsePersonas(readFileSync(out, "utf8"));
    assert.ok(doc.antiPersonas.some((a) => a.name === "Agencies") && !doc.personas.some((p) => p.name === "Agencies"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("leadlab personas --json --k 3 prints the document; wrong arguments exit 2 with one line", async () => {
  const { out } = await run([SAMPLE_SPEC, "--json", "--k", "3", "--customers", "won"]);
  const doc = JSON.parse(out);
  assert.equal(doc.kind, "Personas");
  assert.equal(doc.clustering.k, 3);
  assert.equal(doc.metadata.customers, "won");
  await assert.rejects(run([SAMPLE_SPEC, "--k", "one"]), /^CliError: personas: --k must be a whole number ≥ 2; got one$/);
  await assert.rejects(run([SAMPLE_SPEC, "--customers", "best"]), /--customers must be one of won, retained; got best$/);
  await assert.rejects(run([SAMPLE_SPEC, "--names", "nowhere.yaml"]), /--names nowhere.yaml does not exist/);
  await assert.rejects(run([]), /personas: expected 1 argument, got 0. Usage: leadlab personas <dataset.yaml>/);
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await main(["personas", SAMPLE_SPEC, "--k", "0"]), 2);
  } finally {
    process.stderr.write = write;
  }
  assert.match(stderr.join(""), /leadlab: personas: --k must be a whole number ≥ 2; got 0/);
  assert.ok(!existsSync("personas.yaml"));
});
