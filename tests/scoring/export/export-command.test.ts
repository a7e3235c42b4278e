import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { exportCommand } from "../../../src/cli/export-command";
import { exportRules } from "../../../src/scoring/export/export-rules";
import { readScoringRules } from "../../../src/scoring/parse-scoring-rules";
import { FIXTURE_RULES } from "../helpers";
import { tempDir } from "../../helpers/temp-dir";

test("export: each target writes exactly the library's files into --out, no temporary file left", () => {
  for (const to of ["sheet", "hubspot", "salesforce", "marketo"] as const) {
    const dir = tempDir(`leadlab-export-${to}-`);
    const messages: string[] = [];
    exportCommand([FIXTURE_RULES, "--to", to, "--out", dir], () => {}, (m) => messages.push(m));
    const files = exportRules(readScoringRules(FIXTURE_RULES), to);
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) assert.equal(readFileSync(join(dir, name), "utf8"), text);
    assert.match(messages[0], new RegExp(`wrote ${Object.keys(files).length} files for ${to}`));
  }
});

test("export: --field renames a CRM field in the export", () => {
  const files = exportRules(readScoringRules(FIXTURE_RULES), "salesforce", { fields: { industry: "Industry" }, picklists: ["Industry"] });
  assert.match(files["leadlab_points__c.formula"], /CASE\(LOWER\(TRIM\(TEXT\(Industry\)\)\), "saas", 20/);
});

test("export: a wrong call names the problem and the usage", () => {
  const run = (argv: string[]) => () => exportCommand(argv, () => {});
  assert.throws(run([FIXTURE_RULES, "--out", "/tmp/x"]), /^CliError: export: --to is required; use one of sheet, hubspot, salesforce, marketo\. Usage: leadlab export/);
  assert.throws(run([FIXTURE_RULES, "--to", "pipedrive", "--out", "/tmp/x"]), /export: --to must be one of sheet, hubspot, salesforce, marketo; got pipedrive/);
  assert.throws(run([FIXTURE_RULES, "--to", "sheet"]), /export: --out <dir> is required/);
  assert.throws(run([FIXTURE_RULES, "--to", "sheet", "--out", "/tmp/x", "--field", "industry"]), /export: --field "industry" must be name=CrmField, e.g. --field industry=Industry/);
});
