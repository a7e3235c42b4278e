import assert from "node:assert/strict";
import { test } from "node:test";
import { criterionMet } from "../../src/frameworks/criterion-met";

const codes = (r: { met: Int8Array }) => Array.from(r.met);

test("booleans: true met, false not, missing unknown", () => {
  const column = Object.freeze([true, false, null, true]);
  assert.deepEqual(codes(criterionMet(column as (boolean | null)[], "boolean")), [1, 0, -1, 1]);
});

test("numbers: positive met, zero or negative not, NaN unknown", () => {
  assert.deepEqual(codes(criterionMet(Float64Array.from([3, 0.5, 0, -1, NaN]), "numeric")), [1, 1, 0, 0, -1]);
});

test("categorical without met values: yes/no words read, anything else unknown and listed", () => {
  const r = criterionMet(["Yes", " no ", "TRUE", "maybe", "tbd", "maybe", null, "1", "n"], "categorical");
  assert.deepEqual(codes(r), [1, 0, 1, -1, -1, -1, -1, 1, 0]);
  assert.deepEqual(r.unreadable, [
    { value: "maybe", rows: 2 },
    { value: "tbd", rows: 1 },
  ]);
});

test("categorical with met values: those values (trimmed, any case) are met, every other value is not", () => {
  const r = criterionMet(["Approved", " allocated", "Pending", "yes", null], "categorical", ["approved", "Allocated "]);
  assert.deepEqual(codes(r), [1, 1, 0, 0, -1]);
  assert.deepEqual(r.unreadable, []);
});

test("multi: met when any item is a met value; without met values only a single yes/no item is read", () => {
  const column = [["Slack", "Approved"], ["Slack"], null, []];
  assert.deepEqual(codes(criterionMet(column, "multi", ["approved"])), [1, 0, -1, 0]);
  const r = criterionMet([["yes"], ["a", "b"], ["no"]], "multi");
  assert.deepEqual(codes(r), [1, -1, 0]);
  assert.deepEqual(r.unreadable, [{ value: "a;b", rows: 1 }]);
});

test("wrong calls throw: dates are not criteria; met values only for text attributes", () => {
  assert.throws(() => criterionMet(Float64Array.from([0]), "date"), /a date attribute cannot say whether a criterion is met/);
  assert.throws(() => criterionMet([true], "boolean", ["yes"]), /apply to categorical and multi attributes only; this attribute is boolean/);
});
