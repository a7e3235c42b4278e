import assert from "node:assert/strict";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { drivers } from "../../src/drivers/drivers";
import { formatDrivers } from "../../src/drivers/format-drivers";

test("an attribute that does not split shows its one bin once, not as both the best and the worst", () => {
  // 200 deals: red and blue alike win every other deal; size splits them.
  const n = 200;
  const table = new DealTable({
    name: "demo",
    ids: Array.from({ length: n }, (_, i) => `D${i}`),
    won: Uint8Array.from({ length: n }, (_, i) => (i % 4 < 2 ? 1 : 0)),
    attributes: [
      { name: "color", type: "categorical", role: "firmographic", source: "spec", table: "deals" },
      { name: "size", type: "categorical", role: "firmographic", source: "spec", table: "deals" },
    ],
    columns: { color: Array.from({ length: n }, (_, i) => (i % 2 ? "red" : "blue")), size: Array.from({ length: n }, (_, i) => (i % 4 < 2 ? "large" : "small")) },
    holdout: { by: "random", fraction: 0.25, seed: 7 },
  });
  const lines = formatDrivers(drivers(table)).split("\n");
  const color = lines.find((l) => l.trimStart().startsWith("color"))!;
  assert.match(color, /^  color\s+0\.000\s+1\.0000  color ∈ \{blue, red\}: 50% \[43%–57%\] of 200 · \(one bin: no split\)$/);
  const size = lines.find((l) => l.trimStart().startsWith("size"))!;
  assert.match(size, / large: 100% \[96%–100%\] of 100 · small: 0% \[0%–3\.7%\] of 100 · LEAKAGE\? /);
  assert.match(size, /information value 10\.61, against 0\.00 for every other attribute/, "no ratio to an IV of nothing");
});
