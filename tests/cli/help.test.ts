import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { COMMANDS, main } from "../../src/cli/main";
import { tempDir } from "../helpers/temp-dir";

/** Runs `leadlab argv` in-process and returns its exit code, stdout and stderr. */
async function leadlab(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { stdout: { write: (text: string) => stdout.push(text) }, stderr: { write: (text: string) => stderr.push(text) } });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

const MISSING_SPEC = "no/such/dir/dataset.yaml";
const MISSING_RULES = "no/such/dir/scoring.yaml";

test("every command answers --help and -h on stdout with exit 0, explaining each option of its usage", async () => {
  for (const name of Object.keys(COMMANDS)) {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout, stderr } = await leadlab([name, flag]);
      assert.equal(code, 0, `${name} ${flag}`);
      assert.equal(stderr, "", `${name} ${flag}`);
      const [usageLine] = stdout.split("\n");
      assert.match(usageLine, new RegExp(`^usage: leadlab ${name}\\b`), name);
      const options = stdout.slice(stdout.indexOf("\noptions:\n"));
      // every option the usage line names has its own line in the options, with a description
      for (const option of new Set(usageLine.match(/--[a-z][a-z-]*/g) ?? [])) {
        const line = options.split("\n").find((l) => new RegExp(`^  (-\\w, )?${option}\\b`).test(l));
        assert.ok(line, `${name}: ${option} is not explained`);
        assert.match(line, new RegExp(`^  (-\\w, )?${option}( <[^>]+>)? +\\S.{9,}`), `${name}: ${option} has no description`);
      }
      // and every positional argument of the usage is explained
      for (const arg of usageLine.replace(/\[[^\]]*\]/g, "").match(/^usage: leadlab \w+ ((<[^>]+> ?)*)/)?.[1].trim().split(/ +/).filter(Boolean) ?? [])
        assert.match(stdout, new RegExp(`\\n  ${arg.replace(/[|.]/g, "\\$&")} +\\S`), `${name}: argument ${arg} is not explained`);
    }
  }
});

test("leadlab help <command> is <command> --help", async () => {
  assert.deepEqual(await leadlab(["help", "drivers"]), await leadlab(["drivers", "--help"]));
  assert.match((await leadlab(["help", "drivers"])).stdout, /^usage: leadlab drivers <dataset\.yaml>/);
});

test("tune --help gives each option's values and default", async () => {
  const { stdout } = await leadlab(["tune", "--help"]);
  assert.match(stdout, /\n  --capacity <share> +share of leads in the top tier; .*\(a share between 0 and 1; default 0\.2\)\n/);
  assert.match(stdout, /\n  --scale <scale> +.*\(one of pdo, 0-100; default pdo\)\n/);
  assert.match(stdout, /\n  --max-attributes <N> +.*\(a whole number ≥ 1; default 15\)\n/);
  assert.match(stdout, /\narguments:\n  <dataset\.yaml> +the dataset spec/);
});

test("leadlab --version and -V print package.json's version", async () => {
  const { version } = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { version: string };
  for (const flag of ["--version", "-V"]) assert.deepEqual(await leadlab([flag]), { code: 0, stdout: `leadlab ${version}\n`, stderr: "" });
});

test("a wrong number or choice is refused at parse time, before any file is read", async () => {
  const out = join(tempDir("leadlab-help-"), "never");
  const cases: [string[], string][] = [
    [["tune", MISSING_SPEC, "--out", out, "--capacity", "2"], "tune: --capacity must be a share between 0 and 1 (e.g. 0.2); got 2"],
    [["tune", MISSING_SPEC, "--out", out, "--target-win-rate", "abc"], "tune: --target-win-rate must be a share between 0 and 1 (e.g. 0.2); got abc"],
    [["tune", MISSING_SPEC, "--out", out, "--scale", "1-10"], "tune: --scale must be one of pdo, 0-100; got 1-10"],
    [["tune", MISSING_SPEC, "--out", out, "--max-attributes", "2.5"], "tune: --max-attributes must be a whole number ≥ 1; got 2.5"],
    [["drivers", MISSING_SPEC, "--target", "lost"], "drivers: --target must be one of won, retained, amount; got lost"],
    [["drivers", MISSING_SPEC, "--top", "0"], "drivers: --top must be a whole number ≥ 1; got 0"],
    [["personas", MISSING_SPEC, "--k", "1", "--out", join(out, "p.yaml")], "personas: --k must be a whole number ≥ 2; got 1"],
    [["personas", MISSING_SPEC, "--sample", ""], 'personas: --sample must be a whole number ≥ 10; got ""'],
    [["sql", MISSING_RULES, "--dialect", "oracle"], "sql: --dialect must be one of duckdb, postgres, bigquery, snowflake, spark; got oracle"],
    [["export", MISSING_RULES, "--to", "pipedrive", "--out", out], "export: --to must be one of sheet, hubspot, salesforce, marketo; got pipedrive"],
    [["score", MISSING_RULES, "no/such/leads.csv", "--reasons=-1"], "score: --reasons must be a whole number ≥ 0; got -1"],
    [["score", MISSING_RULES, "no/such/leads.csv", "--reasons", "-1"], "score: --reasons needs a value; to give one starting with a dash, write --reasons=-1 (see leadlab score --help)"],
    [["sample", "--out", out, "--deals", "ten"], "sample: --deals must be a whole number from 1 to 10000000; got ten"],
    [["sample", "--out", out, "--events-format", "xlsx"], "sample: --events-format must be one of parquet, csv; got xlsx"],
  ];
  for (const [argv, message] of cases) assert.deepEqual(await leadlab(argv), { code: 2, stdout: "", stderr: `leadlab: ${message}\n` }, argv.join(" "));
  assert.ok(!existsSync(out), "nothing was written");
});

test("an unknown option names the nearest one, or lists the options", async () => {
  assert.equal((await leadlab(["drivers", MISSING_SPEC, "--tagret", "won"])).stderr, "leadlab: drivers: unknown option --tagret; did you mean --target? (see leadlab drivers --help)\n");
  assert.equal((await leadlab(["tune", MISSING_SPEC, "--capcity=0.3"])).stderr, "leadlab: tune: unknown option --capcity; did you mean --capacity? (see leadlab tune --help)\n");
  assert.equal((await leadlab(["profile", MISSING_SPEC, "--verbose"])).stderr, "leadlab: profile: unknown option --verbose; options: --json (see leadlab profile --help)\n");
  assert.equal((await leadlab(["validate", MISSING_SPEC, "--json"])).stderr, "leadlab: validate: unknown option --json; it takes no options (see leadlab validate --help)\n");
});
