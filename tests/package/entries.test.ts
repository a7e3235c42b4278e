/**
 * The package's entries, as a program that installed leadlab loads them: `require("leadlab")`,
 * `require("leadlab/scorer")` and `require("leadlab/notebook")` in a fresh Node process, resolved
 * through package.json's `exports` to the compiled files (`npm test` builds them first).
 * Installing the packed tarball into an empty project is checked by .ci/check-package.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The packages the scorer loads. simple-statistics comes in through personas.yaml's schema,
 * which takes its allowed values from the clustering code (personas/anti-personas.ts); once they
 * are declared with the file formats, it drops out of this list.
 */
const SCORER_PACKAGES = ["@sinclair/typebox", "yaml"];

/** JavaScript for the child: `loaded()` lists the packages and leadlab's own files required so far. */
const LOADED = `const loaded = () => {
  const files = Object.keys(require.cache);
  const packageOf = (f) => { const p = f.split("/node_modules/").pop().split("/"); return p[0].startsWith("@") ? p[0] + "/" + p[1] : p[0]; };
  return {
    packages: [...new Set(files.filter((f) => f.includes("/node_modules/")).map(packageOf))].sort(),
    own: files.filter((f) => !f.includes("/node_modules/")).map((f) => require("path").relative(process.cwd(), f)).sort(),
  };
};`;

/** Runs `code` in a new Node process in the repository (so "leadlab" is this package) and parses the JSON it prints. */
function inNode<T>(code: string): T {
  return JSON.parse(execFileSync(process.execPath, ["-e", `${LOADED}\n${code}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })) as T;
}

before(() => {
  for (const entry of ["index", "scorer", "notebook"])
    assert.ok(existsSync(path.join(ROOT, "dist", `${entry}.js`)), `dist/${entry}.js is missing: run \`npm run build\` first (npm test does)`);
});

test("leadlab/scorer scores a lead with the committed rules, exports the runtime API only, and loads no analysis package", () => {
  const result = inNode<{ points: number; tier: string; names: string[]; packages: string[]; own: string[] }>(`
    const scorer = require("leadlab/scorer");
    const s = scorer.score(scorer.readScoringRules("rules/sample/scoring.yaml"), { industry: "Software", employees: 250 });
    console.log(JSON.stringify({ points: s.points, tier: s.tier, names: Object.keys(scorer).sort(), ...loaded() }));`);
  assert.ok(Number.isInteger(result.points), String(result.points));
  assert.match(result.tier, /^[A-Z]$/);
  assert.deepEqual(result.names, ["DatasetError", "ScoreError", "assignPersona", "createScorer", "decayedEventCount", "matchingRule", "parsePersonas", "parseScoringRules", "readPersonas", "readScoringRules", "score", "scoreAndTag"]);
  assert.deepEqual(result.packages, SCORER_PACKAGES, "no DuckDB, vega, danfojs or tslab");
  assert.ok(result.own.includes(path.join("dist", "scorer.js")) && !result.own.includes(path.join("dist", "index.js")), result.own.join(", "));
});

test("the three entries resolve through exports to the compiled files; files inside the package are not reachable", () => {
  const result = inNode<{ paths: Record<string, string>; deep: string }>(`
    const paths = Object.fromEntries(["leadlab", "leadlab/scorer", "leadlab/notebook"].map((e) => [e, require("path").relative(process.cwd(), require.resolve(e))]));
    let deep = "resolved";
    try { require.resolve("leadlab/dist/scoring/score"); } catch (e) { deep = e.code; }
    console.log(JSON.stringify({ paths, deep }));`);
  assert.deepEqual(result.paths, { leadlab: "dist/index.js", "leadlab/scorer": "dist/scorer.js", "leadlab/notebook": "dist/notebook.js" });
  assert.equal(result.deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
});

test("requiring leadlab or leadlab/notebook loads neither danfojs-node nor tslab (the optional peers)", () => {
  const { packages } = inNode<{ packages: string[] }>(`require("leadlab"); require("leadlab/notebook"); console.log(JSON.stringify(loaded()));`);
  assert.ok(packages.includes("@duckdb/node-api") && packages.includes("vega"), packages.join(", "));
  for (const p of ["danfojs-node", "@tensorflow/tfjs", "tslab"]) assert.ok(!packages.includes(p), `loads ${p}`);
});
