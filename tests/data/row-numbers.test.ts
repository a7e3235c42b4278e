import assert from "node:assert/strict";
import { test } from "node:test";
import { inferAttribute } from "../../src/data/infer-attribute";
import { rowNumbersStart } from "../../src/data/row-numbers";

test("rowNumbersStart: 0…n−1 or 1…n each once in any order; a gap, a repeat, a fraction or a blank is not", () => {
  assert.equal(rowNumbersStart(["3", "1", "0", "2"]), 0);
  assert.equal(rowNumbersStart(["4", "1", "3", "2"]), 1);
  assert.equal(rowNumbersStart(["0", "1", "3"]), undefined);
  assert.equal(rowNumbersStart(["1", "1", "2"]), undefined);
  assert.equal(rowNumbersStart(["0", "1.5", "2"]), undefined);
  assert.equal(rowNumbersStart(["0", null, "2"]), undefined);
  assert.equal(rowNumbersStart(["0"]), undefined);
});

test("a column of a million row numbers is excluded as one, without spreading them into a call (which overflowed the stack)", () => {
  const values = Array.from({ length: 1_000_000 }, (_, i) => String(i + 1));
  const r = inferAttribute("seq", values);
  assert.equal(r.role, "exclude");
  assert.match(r.reason, /a row number: the whole numbers 1 to 1000000, each once, count the rows and never predict/);
});
