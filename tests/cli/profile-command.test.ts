import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { profileCommand } from "../../src/cli/profile-command";
import { SAMPLE_SPEC } from "../helpers/sample-fixture";
import { specText, tempDataset } from "../helpers/temp-dataset";

const run = async (spec: string) => {
  let text = "";
  await profileCommand([spec], (t) => (text += t));
  return text;
};

test("leadlab profile gives the win rate by each attribute's top values", async () => {
  const text = await run(SAMPLE_SPEC);
  assert.match(text, /\nattributes \(win rate by top values; raw rates, see `leadlab drivers` for evidence\)\n/);
  assert.match(text, /\n {2}industry +categorical +firmographic .* distinct {2}\S.*: \d+(\.\d+)?% of \d+/);
});

test("leadlab profile of a customer list (every deal won) gives the deals by top value, not a win rate of 100 %", async () => {
  const rows = ["C1,Pro", "C2,Basic", "C3,Pro", "C4,Pro"];
  const dir = tempDataset({
    "dataset.yaml": specText("holdout: { by: random, fraction: 0.5, seed: 1 }\n", "deals:\n  file: customers.csv\n  id: customer_id\n  outcome: { column: plan, won: [Pro, Basic], lost: [] }\n"),
    "customers.csv": ["customer_id,plan,tier", ...rows.map((r, i) => `${r},${["Gold", "Gold", "Silver", "Gold"][i]}`)].join("\n") + "\n",
  });
  const text = await run(join(dir, "dataset.yaml"));
  assert.match(text, /\nattributes \(deals by top values: a customer list, every deal won, has no win rate\)\n/);
  assert.match(text, /\n {2}tier .* distinct {2}Gold: 3 \(75%\) · Silver: 1 \(25%\)\n/);
  assert.doesNotMatch(text, /100% of/);
});

test("leadlab profile writes a date attribute's ranges as calendar dates in the dataset's time zone", async () => {
  const at = ["2026-01-09", "2026-02-01", "2026-03-01", "2026-04-01"].map((d) => `${d}T15:30:00Z`); // the next day in Tokyo
  const dir = tempDataset({
    "dataset.yaml": specText("timezone: Asia/Tokyo\nholdout: { by: random, fraction: 0.5, seed: 1 }\nattributes:\n  last_call: { type: date }\n"),
    "deals.csv": ["deal_id,stage,created,last_call", ...at.map((t, i) => `D${i},${i % 2 ? "Won" : "Lost"},2026-01-0${i + 1},${t}`)].join("\n") + "\n",
  });
  const text = await run(join(dir, "dataset.yaml"));
  assert.match(text, /\n {2}last_call +date .* distinct {2}< 2026-02-02: 0% of 1 · 2026-02-02–2026-03-02: 100% of 1 · 2026-03-02–2026-04-02: 0% of 1 · ≥ 2026-04-02: 100% of 1\n/);
});
