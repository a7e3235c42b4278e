import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { DealTable } from "../../src/data/deal-table";
import { dataFingerprint } from "../../src/data/data-fingerprint";

test("dataFingerprint is the sha256 of the documented canonical text: rows by id, numbers in their shortest form (whole ones, −0, fractions, NaN), lists sorted", () => {
  const employees = [0, -0, 7, 4095, 4096, 2.5, NaN, 1e21, -3];
  const ids = ["i", "h", "g", "f", "e", "d", "c", "b", "a"];
  const table = new DealTable({
    name: "t",
    ids,
    won: Uint8Array.from(ids, (_, i) => i % 2),
    attributes: [
      { name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "deals" },
      { name: "stack", type: "multi", role: "firmographic", source: "spec", table: "deals" },
    ],
    columns: { employees: Float64Array.from(employees), stack: ids.map((_, i) => (i % 3 === 0 ? null : ["b", "a"].slice(0, i % 3))) },
    holdout: { by: "random", fraction: 0.25, seed: 7 },
  });
  // Written out by hand from dataFingerprint's documentation: \u001e before a section, \u001f after each value, \u0000 for missing.
  const byId = ids.map((id, i) => [id, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, i]) => i);
  const section = (name: string, cells: string[]) => `\u001e${name}\u001f` + byId.map((i) => cells[i] + "\u001f").join("");
  const text =
    section("id", ids) +
    section("won", ids.map((_, i) => String(i % 2))) +
    section("attribute:employees:numeric", ["0", "0", "7", "4095", "4096", "2.5", "\u0000", "1e+21", "-3"]) +
    section("attribute:stack:multi", ids.map((_, i) => (i % 3 === 0 ? "\u0000" : i % 3 === 1 ? "[b]" : "[a\u001db]")));
  assert.equal(dataFingerprint(table), `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`);
});
