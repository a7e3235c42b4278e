import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DealTable, type AttributeMeta } from "../../src/data/deal-table";
import { drivers } from "../../src/drivers/drivers";
import { contrastDrivers, type ContrastRow } from "../../src/drivers/contrast";
import { deepFreeze } from "../helpers/svg";

/**
 * 300 deals in three segments of 100, with a planted contrast:
 * - agency: 80 won, of whom 24 retained (wins but churns);
 * - enterprise: 20 won, of whom 19 retained (hard to win, loyal);
 * - midmarket: 50 won, of whom 40 retained (neither).
 * Base rates: 150 / 300 won, 83 / 150 retained. `region` alternates North / South within each
 * segment (no signal); `close_note` is written after the outcome (a leak); `onboarded` predicts
 * retention (60 of the 83 retained customers and 15 of the 67 who churned) but not winning (half
 * of the won and half of the lost deals), so that `segment` is not the only retention signal
 * (an information value far above every other attribute's is flagged as leakage).
 */
function plantedTable(): DealTable {
  const segments = [
    { name: "agency", won: 80, retained: 24 },
    { name: "enterprise", won: 20, retained: 19 },
    { name: "midmarket", won: 50, retained: 40 },
  ];
  const ids: string[] = [];
  const won: number[] = [];
  const segment: string[] = [];
  const region: string[] = [];
  const closeNote: (string | null)[] = [];
  const onboarded: boolean[] = [];
  const seen = { retained: 0, churned: 0, lost: 0 };
  const key: string[] = [];
  const retained: (boolean | null)[] = [];
  for (const s of segments) {
    for (let i = 0; i < 100; i++) {
      const id = `${s.name}-${i}`;
      const isWon = i < s.won;
      ids.push(id);
      won.push(isWon ? 1 : 0);
      segment.push(s.name);
      region.push(i % 2 === 0 ? "North" : "South");
      closeNote.push(isWon ? null : "PRICE");
      if (!isWon) onboarded.push(seen.lost++ % 2 === 0);
      else if (i < s.retained) onboarded.push(seen.retained++ < 60);
      else onboarded.push(seen.churned++ < 15);
      key.push(id);
      retained.push(isWon ? i < s.retained : null);
    }
  }
  const meta = (name: string, type: AttributeMeta["type"] = "categorical"): AttributeMeta => ({ name, type, role: "firmographic", source: "spec", table: "deals" });
  return new DealTable({
    name: "planted",
    ids,
    won: Uint8Array.from(won),
    attributes: [meta("segment"), meta("region"), meta("close_note"), meta("onboarded", "boolean")],
    columns: { segment, region, close_note: closeNote, onboarded },
    retention: { form: "flag", key, retained },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);

function rowOf(rows: readonly ContrastRow[], name: string, label: string): ContrastRow {
  const row = rows.find((r) => r.name === name && r.label === label);
  assert.ok(row, `a row for ${name} = ${label} (rows: ${rows.map((r) => `${r.name}: ${r.label}`).join(", ")})`);
  return row;
}

describe("contrastDrivers", () => {
  const table = plantedTable();
  const win = drivers(table, { target: "won" });
  const retention = drivers(table, { target: "retained" });
  const contrast = contrastDrivers(win, retention, table);

  test("base rates are those of the two analyses", () => {
    close(contrast.baseWinRate, 150 / 300, "base win rate");
    close(contrast.baseRetentionRate, 83 / 150, "base retention rate");
    assert.equal(contrast.retentionEvent, "retained");
  });

  test("applies the win bins to the retained customers, with exact counts and Wilson intervals", () => {
    // Wilson 95 % intervals computed independently (z = 1.959963984540054).
    const expected = [
      { label: "agency", win: [100, 80, 0.7111708344, 0.8666330667], retention: [80, 24, 0.2106457126, 0.4076815392] },
      { label: "enterprise", win: [100, 20, 0.1333669333, 0.2888291656], retention: [20, 19, 0.7638688066, 0.9911185512] },
      { label: "midmarket", win: [100, 50, 0.4038315304, 0.5961684696], retention: [50, 40, 0.6696289407, 0.8875624998] },
    ] as const;
    for (const e of expected) {
      const row = rowOf(contrast.rows, "segment", e.label);
      for (const side of ["win", "retention"] as const) {
        const [n, events, lo, hi] = e[side];
        assert.equal(row[side].n, n, `${e.label} ${side} n`);
        assert.equal(row[side].events, events, `${e.label} ${side} events`);
        close(row[side].rate, events / n, `${e.label} ${side} rate`);
        assert.ok(Math.abs(row[side].lo - lo) < 1e-9 && Math.abs(row[side].hi - hi) < 1e-9, `${e.label} ${side} interval`);
      }
    }
  });

  test("reads the planted contrast and nothing else", () => {
    assert.equal(rowOf(contrast.rows, "segment", "agency").reading, "wins but churns");
    assert.equal(rowOf(contrast.rows, "segment", "enterprise").reading, "hard to win, loyal");
    assert.equal(rowOf(contrast.rows, "segment", "midmarket").reading, null);
    for (const row of contrast.rows.filter((r) => r.name !== "segment")) assert.equal(row.reading, null, `${row.name} ${row.label}`);
    assert.deepEqual(
      contrast.helpsWinHurtsRetention.map((r) => `${r.name}: ${r.label}`),
      ["segment: agency"],
    );
    assert.deepEqual(
      contrast.hurtsWinHelpsRetention.map((r) => `${r.name}: ${r.label}`),
      ["segment: enterprise"],
    );
    close(rowOf(contrast.rows, "segment", "agency").contrast, (0.8 - 0.5) * (83 / 150 - 0.3), "agency contrast");
    close(rowOf(contrast.rows, "segment", "enterprise").contrast, (0.2 - 0.5) * (83 / 150 - 0.95), "enterprise contrast");
  });

  test("carries each attribute's q-value and significance from both analyses", () => {
    const row = rowOf(contrast.rows, "segment", "agency");
    const w = win.attributes.find((a) => a.name === "segment")!;
    const r = retention.attributes.find((a) => a.name === "segment")!;
    assert.equal(row.winQ, w.q);
    assert.equal(row.retentionQ, r.q);
    assert.equal(row.winSignificant, true);
    assert.equal(row.retentionSignificant, r.significant);
  });

  test("sets aside an attribute flagged as leakage, saying why, and leaves out empty bins", () => {
    assert.deepEqual(
      contrast.setAside.map((s) => s.name),
      ["close_note"],
    );
    assert.match(contrast.setAside[0].reason, /^possible leakage in the win analysis: /);
    assert.ok(!contrast.rows.some((r) => r.name === "close_note"));
    assert.ok(contrast.rows.every((r) => r.win.n > 0 && r.retention.n > 0));
    // segment has no missing values: its (empty) missing bin has no row.
    assert.deepEqual(
      contrast.rows.filter((r) => r.name === "segment").map((r) => r.label).sort(),
      ["agency", "enterprise", "midmarket"],
    );
  });

  test("returns a frozen result and does not change its inputs", () => {
    assert.ok(Object.isFrozen(contrast) && Object.isFrozen(contrast.rows) && Object.isFrozen(contrast.rows[0]));
    const frozenWin = deepFreeze(drivers(table, { target: "won" }));
    const frozenRetention = deepFreeze(drivers(table, { target: "retained" }));
    const before = [JSON.stringify(frozenWin), JSON.stringify(frozenRetention), JSON.stringify(table.columns), Array.from(table.won).join("")];
    const again = contrastDrivers(frozenWin, frozenRetention, table);
    assert.deepEqual(again, contrast);
    assert.deepEqual(
      [JSON.stringify(frozenWin), JSON.stringify(frozenRetention), JSON.stringify(table.columns), Array.from(table.won).join("")],
      before,
    );
  });

  test("throws for results in the wrong order, and for retention options that give other customers", () => {
    assert.throws(() => contrastDrivers(retention, win, table), /first result must be drivers of winning \(target "won"\); got target "retained"/);
    assert.throws(() => contrastDrivers(win, win, table), /second result must be drivers of retention/);
    const some = drivers(table, { target: "retained", rows: Array.from({ length: 200 }, (_, i) => i) });
    assert.throws(() => contrastDrivers(win, some, table), /the retention analysis used 100 customers .* but these options give 150 .*pass contrastDrivers the options/);
    const agreed = contrastDrivers(win, some, table, { rows: Array.from({ length: 200 }, (_, i) => i) });
    assert.equal(rowOf(agreed.rows, "segment", "agency").retention.n, 80);
    // The first 200 deals hold no midmarket customer: that bin has no retention row and is left out.
    assert.ok(!agreed.rows.some((r) => r.name === "segment" && r.label === "midmarket"));
  });
});
