import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import { validateCommand } from "../../src/cli/validate-command";
import { formatLoadReport } from "../../src/data/format-load-report";
import { loadDataset, type LoadedDataset } from "../../src/data/load-dataset";
import { tempDataset } from "../helpers/temp-dataset";

/*
 * A catalogue of bad or awkward values as CRM exports write them, generated in code: each case
 * writes a small deals file (CSV or NDJSON), a dataset.yaml and any other table, loads it, and
 * asserts the outcome: the error message (file, field, row, value and fix), the counts in the
 * load report, or the values read. Class 3 is labels (outcomes, retention flags), class 4 is
 * types (numbers, booleans, dates, text, headers, lists, ids).
 */

/** The as-of instant of every load here, so "in the future" does not depend on the clock. */
const AS_OF = Date.UTC(2026, 11, 1);
const N = 40;
const DAY = 86_400_000;

type Row = Record<string, string | number | boolean | null>;
type Outcome = { error: string } | ({ error?: undefined } & LoadedDataset);
interface Case {
  cls: 3 | 4;
  name: string;
  files: () => Record<string, string>;
  check: (o: Outcome, dir: string) => void | Promise<void>;
}

/** A CSV with quoting where needed. */
function csv(rows: Row[]): string {
  const names = Object.keys(rows[0]);
  const cell = (v: Row[string]) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [names.join(","), ...rows.map((r) => names.map((n) => cell(r[n])).join(","))].join("\n") + "\n";
}
const ndjson = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

/** N deals, alternately won and lost, created a day apart from 2026-01-01, with extra columns. */
function deals(extra: Record<string, (i: number) => string | number | null> = {}, n = N, stage: (i: number) => string = (i) => (i % 2 ? "Lost" : "Won")): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const row: Row = { deal_id: `D${String(i + 1).padStart(4, "0")}`, stage: stage(i), created: new Date(Date.UTC(2026, 0, 1) + i * DAY).toISOString().slice(0, 10) };
    for (const [k, f] of Object.entries(extra)) row[k] = f(i);
    return row;
  });
}

/** A dataset.yaml over deals.<ext>. */
function spec(extra = "", o: { ext?: string; won?: string[]; lost?: string[]; closed?: boolean } = {}): string {
  const outcome = `{ column: stage, won: ${JSON.stringify(o.won ?? ["Won"])}, lost: ${JSON.stringify(o.lost ?? ["Lost"])} }`;
  return `name: catalogue\ndeals:\n  file: deals.${o.ext ?? "csv"}\n  id: deal_id\n  outcome: ${outcome}\n  created_at: created\n${o.closed ? "  closed_at: closed\n" : ""}${extra}`;
}

async function load(files: Record<string, string>): Promise<[Outcome, string]> {
  const dir = tempDataset(files);
  try {
    return [await loadDataset(join(dir, "dataset.yaml"), { asOf: AS_OF }), dir];
  } catch (e) {
    return [{ error: (e as Error).message.replaceAll(dir + "/", "") }, dir];
  }
}

function loaded(o: Outcome): LoadedDataset {
  if (o.error !== undefined) assert.fail(`expected a load, got: ${o.error}`);
  return o as LoadedDataset;
}
function failed(o: Outcome): string {
  if (o.error === undefined) assert.fail("expected an error");
  return o.error;
}
const attr = (o: Outcome, name: string) => {
  const a = loaded(o).report.attributes.find((x) => x.name === name);
  assert.ok(a, `no attribute ${name}`);
  return a;
};
const numbers = (o: Outcome, name: string) => Array.from(loaded(o).table.column(name) as Float64Array);
/** Won deals are the even rows, lost the odd ones: the closed rows of the table are all rows. */
const nearWarning = (o: Outcome) => loaded(o).report.warnings.find((w) => w.startsWith("outcome:") && w.includes("nearly match"));

const cases: Case[] = [];
const add = (cls: 3 | 4, name: string, files: Case["files"], check: Case["check"]) => cases.push({ cls, name, files, check });

// ---------------------------------------------------------------- class 3: outcome labels
const CLOSED = { won: ["Closed Won"], lost: ["Closed Lost"] };
const closedStage = (variant: string) => (i: number) => (i === 0 ? variant : i % 2 ? "Closed Lost" : "Closed Won");
for (const [label, variant, as] of [
  ["two spaces", "Closed  Won", "won"],
  ["a non-breaking space", "Closed\u00a0Won", "won"],
  ["a thin space", "Closed\u2009Won", "won"],
  ["a zero-width space", "Closed\u200bWon", "won"],
  ["a tab and trailing space", "Closed\tWon ", "won"],
  ["a narrow no-break space in lost", "Closed\u202fLost", "lost"],
] as const)
  add(3, `outcome "${JSON.stringify(variant)}" (${label}) counts as ${as} after folding, and is listed`, () => ({
    "dataset.yaml": spec("", CLOSED),
    "deals.csv": csv(deals({}, N, closedStage(variant))),
  }), (o) => {
    const { report } = loaded(o);
    assert.equal(report.deals.open, 0);
    assert.equal(as === "won" ? report.deals.won : report.deals.lost, as === "won" ? 20 : 21);
    assert.deepEqual(report.deals.foldedValues, [{ value: variant, rows: 1, as }]);
    assert.match(formatLoadReport(report), /outcome values matched after folding spacing, case and Unicode form: /);
  });

add(3, "outcome in upper case counts as before (case was always ignored), so it is not listed as folded", () => ({
  "dataset.yaml": spec("", CLOSED),
  "deals.csv": csv(deals({}, N, closedStage("CLOSED LOST"))),
}), (o) => {
  const { report } = loaded(o);
  assert.deepEqual([report.deals.won, report.deals.lost, report.deals.foldedValues], [19, 21, undefined]);
});

add(3, "outcome in NFD (decomposed accents) matches a won value written in NFC", () => ({
  "dataset.yaml": spec("", { won: ["Clôturé Gagné"], lost: ["Clôturé Perdu"] }),
  "deals.csv": csv(deals({}, N, (i) => (i % 2 ? "Clôturé Perdu" : "Clôturé Gagné".normalize("NFD")))),
}), (o) => {
  const { report } = loaded(o);
  assert.deepEqual([report.deals.won, report.deals.lost, report.deals.open], [20, 20, 0]);
});

for (const [variant, k, resembles] of [
  ["Closed-Lost", 3, "lost"],
  ["Won", 2, "won"],
  ["closedwon", 4, "won"],
  ["Closed_Won", 1, "won"],
  ["Closed Wno", 2, "won"],
  ["Lost - No Budget", 5, "lost"],
  ["Closed Won (renewal)", 2, "won"],
  ["CLOSED–LOST", 1, "lost"],
] as const)
  add(3, `outcome "${variant}" nearly matches ${resembles}: named with its count and the outcome line to add`, () => ({
    "dataset.yaml": spec("", CLOSED),
    "deals.csv": csv(deals({}, N, (i) => (i < k ? variant : i % 2 ? "Closed Lost" : "Closed Won"))),
  }), (o) => {
    const { report } = loaded(o);
    assert.equal(report.deals.open, k);
    assert.deepEqual(report.deals.nearValues, [{ value: variant, rows: k, resembles }]);
    const won = resembles === "won" ? ["Closed Won", variant] : ["Closed Won"];
    const lost = resembles === "lost" ? ["Closed Lost", variant] : ["Closed Lost"];
    assert.equal(
      nearWarning(o),
      `outcome: ${k} deals are counted as open but their value nearly matches won or lost: "${variant}" (${k}, resembles ${resembles}). If they are closed deals, write this line under deals: in dataset.yaml: outcome: { column: "stage", won: ${JSON.stringify(won)}, lost: ${JSON.stringify(lost)} }`,
    );
  });

add(3, "won and lost near values together give one line adding each to its list", () => ({
  "dataset.yaml": spec("", CLOSED),
  "deals.csv": csv(deals({}, N, (i) => (i < 3 ? "Won" : i < 5 ? "Closed-Lost" : i % 2 ? "Closed Lost" : "Closed Won"))),
}), (o) => {
  assert.match(nearWarning(o)!, /^outcome: 5 deals are counted as open but their values nearly match won or lost: "Won" \(3, resembles won\), "Closed-Lost" \(2, resembles lost\)\. /);
  assert.ok(nearWarning(o)!.endsWith('outcome: { column: "stage", won: ["Closed Won","Won"], lost: ["Closed Lost","Closed-Lost"] }'));
});

add(3, "a spec won value of \"Won\" finds \"Closed Won\" in the data as near", () => ({
  "dataset.yaml": spec("", { won: ["Won"], lost: ["Lost"] }),
  "deals.csv": csv(deals({}, N, (i) => (i < 6 ? "Closed Won" : i % 2 ? "Lost" : "Won"))),
}), (o) => assert.deepEqual(loaded(o).report.deals.nearValues, [{ value: "Closed Won", rows: 6, resembles: "won" }]));

for (const open of ["Negotiation", "Proposal Sent", "Discovery", "Closed"])
  add(3, `a plainly open stage "${open}" is counted open with no near warning`, () => ({
    "dataset.yaml": spec("", CLOSED),
    "deals.csv": csv(deals({}, N, (i) => (i < 4 ? open : i % 2 ? "Closed Lost" : "Closed Won"))),
  }), (o) => {
    assert.deepEqual(loaded(o).report.deals.openValues, [{ value: open, rows: 4 }]);
    assert.equal(loaded(o).report.deals.nearValues, undefined);
    assert.equal(nearWarning(o), undefined);
  });

add(3, "the near warning is printed by validate and profile (load report text)", () => ({
  "dataset.yaml": spec("", CLOSED),
  "deals.csv": csv(deals({}, N, (i) => (i < 2 ? "Closed-Won" : i % 2 ? "Closed Lost" : "Closed Won"))),
}), async (o, dir) => {
  let text = "";
  await validateCommand([join(dir, "dataset.yaml")], (s) => (text += s));
  assert.match(text, /warning: outcome: 2 deals are counted as open but their value nearly matches won or lost: "Closed-Won" \(2, resembles won\)/);
  assert.match(formatLoadReport(loaded(o).report), /warning: outcome: 2 deals .* won: \["Closed Won","Closed-Won"\]/);
});

add(3, "NDJSON outcome written as JSON booleans (IsWon) reads through won: [\"true\"], lost: [\"false\"]", () => ({
  "dataset.yaml": spec("", { ext: "ndjson", won: ["true"], lost: ["false"] }).replace("column: stage", "column: is_won"),
  "deals.ndjson": ndjson(deals().map(({ stage: _, ...r }, i) => ({ ...r, is_won: i % 4 !== 0 }))),
}), (o) => assert.deepEqual([loaded(o).report.deals.won, loaded(o).report.deals.lost], [30, 10]));

for (const [variant, as] of [["Closed\u00a0Won", "won"], ["closed  lost", "lost"]] as const)
  add(3, `NDJSON outcome ${JSON.stringify(variant)} counts as ${as} after folding`, () => ({
    "dataset.yaml": spec("", { ext: "ndjson", ...CLOSED }),
    "deals.ndjson": ndjson(deals({}, N, closedStage(variant))),
  }), (o) => assert.deepEqual(loaded(o).report.deals.foldedValues, [{ value: variant, rows: 1, as }]));

// ---------------------------------------------------------------- class 3: retention flags
const RET = (flag: string) => `retention:\n  file: renewals.csv\n  key: account_id\n  retained: ${flag}\n`;
const withAccounts = (n = N) => deals({ account_id: (i) => `A${i + 1}` }, n);
const renewals = (value: (i: number) => string | null) => csv(Array.from({ length: N }, (_, i) => ({ account_id: `A${i + 1}`, renewed: value(i) })));

for (const [bad, k] of [["Y", 3], ["TRUE", 1], ["renewed", 2], ["churned", 4], ["yes please", 1]] as const)
  add(3, `retention flag "${bad}" in neither true: nor false: is an error naming it, its count, row and the fix`, () => ({
    "dataset.yaml": spec(RET("{ column: renewed, true: [yes], false: [no] }")),
    "deals.csv": csv(withAccounts()),
    "renewals.csv": renewals((i) => (i >= 10 && i < 10 + k ? bad : i % 3 ? "yes" : "no")),
  }), (o) =>
    assert.equal(
      failed(o),
      `renewals.csv: column "renewed": ${k} ${k === 1 ? "value is" : "values are"} in neither true: ["yes"] nor false: ["no"]: "${bad}" (${k}) (first at row 11). Fix: add each of them to true: or false: under retention.retained in dataset.yaml (e.g. true: ["yes","${bad}"]), or add \`other: missing\` there to read them as unknown retention.`,
    ));

add(3, "two other retention values are listed most frequent first", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes], false: [no] }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals((i) => (i === 5 ? "renewed" : i === 7 || i === 9 ? "Y" : "yes")),
}), (o) => assert.match(failed(o), /: 3 values are in neither true: \["yes"\] nor false: \["no"\]: "Y" \(2\), "renewed" \(1\) \(first at row 6\)\. Fix: /));

add(3, "retention flags compare after folding: YES, ' yes ', yes with a no-break space, NFD", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes, renouvelé], false: [no] }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals((i) => ["YES", " yes ", "yes\u00a0", "renouvelé".normalize("NFD"), "No"][i % 5]),
}), (o) => {
  const r = loaded(o).report.retention!;
  assert.deepEqual(r.flags, { true: 32, false: 8, missing: 0, other: [] });
});

add(3, "other: missing reads other retention values as unknown, counted and warned", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes], false: [no], other: missing }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals((i) => (i < 4 ? "pending" : i % 2 ? "no" : "yes")),
}), (o) => {
  const { report, table } = loaded(o);
  assert.deepEqual(report.retention!.flags, { true: 18, false: 18, missing: 0, other: [{ value: "pending", rows: 4 }] });
  assert.ok(report.warnings.includes('retention: 4 values of renewed are in neither true: nor false: and are read as unknown (other: missing): "pending" (4)'));
  const ret = table.retention!;
  assert.equal(ret.form, "flag");
  if (ret.form === "flag") assert.deepEqual(ret.retained.slice(0, 6), [null, null, null, null, true, null]);
});

add(3, "an empty retention flag is unknown and counted, not an error", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes], false: [no] }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals((i) => (i < 6 ? null : "yes")),
}), (o) => assert.deepEqual(loaded(o).report.retention!.flags, { true: 34, false: 0, missing: 6, other: [] }));

add(3, "a value in both true: and false: is a spec error", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes, Y], false: [no, y] }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals(() => "yes"),
}), (o) => assert.equal(failed(o), 'dataset.yaml: field "retention.retained": "Y" is in both true: and false: (value "Y"). Fix: list each value in one of the two lists.'));

add(3, "a retention flag without a false: list is a spec error naming the field", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [yes] }")),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals(() => "yes"),
}), (o) => assert.match(failed(o), /^dataset\.yaml: field "retention\.retained\.false": .*Fix: /));

add(3, "1/0 retention flags: a stray 2 is an error", () => ({
  "dataset.yaml": spec(RET('{ column: renewed, true: ["1"], false: ["0"] }')),
  "deals.csv": csv(withAccounts()),
  "renewals.csv": renewals((i) => (i === 20 ? "2" : String(i % 2))),
}), (o) => assert.match(failed(o), /^renewals\.csv: column "renewed": 1 value is in neither true: \["1"\] nor false: \["0"\]: "2" \(1\) \(first at row 21\)\. Fix: /));

add(3, "NDJSON retention flags written as JSON booleans read through true:/false: lists", () => ({
  "dataset.yaml": spec(RET("{ column: renewed, true: [\"true\"], false: [\"false\"] }").replace("renewals.csv", "renewals.ndjson")),
  "deals.csv": csv(withAccounts()),
  "renewals.ndjson": Array.from({ length: N }, (_, i) => JSON.stringify({ account_id: `A${i + 1}`, renewed: i % 4 !== 0 })).join("\n"),
}), (o) => assert.deepEqual(loaded(o).report.retention!.flags, { true: 30, false: 10, missing: 0, other: [] }));

// ---------------------------------------------------------------- class 4: numbers
for (const token of ["unknown", "-", "n/a", "None", "?", "TBD", "#VALUE!", "inf", "NaN"])
  add(4, `one "${token}" among numbers keeps the column numeric; it is read as missing and named`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ employees: (i) => (i === 7 ? token : String(10 * (i + 1))) })),
  }), (o) => {
    const a = attr(o, "employees");
    assert.equal(a.type, "numeric");
    assert.deepEqual(a.unread, [{ value: token, rows: 1 }]);
    assert.match(a.reason!, /^numeric: nearly every value is a number \(39 of 40 read, 98%; rule: ≥ 95% and ≤ 5 distinct other values\); read as missing: /);
    assert.ok(Number.isNaN(numbers(o, "employees")[7]));
    assert.equal(numbers(o, "employees")[8], 90);
    assert.deepEqual(loaded(o).report.altered.find((x) => x.column === "employees"), {
      reason: `read as missing (not a finite number: ${JSON.stringify(token)} 1)`, column: "employees", table: "deals.csv", rows: 1,
    });
  });

for (const token of ["unknown", "N/A?", "—"])
  add(4, `a stray "${token}" in a joined table's numeric column is read as missing and named with that table`, () => ({
    "dataset.yaml": spec("join:\n  - file: accounts.csv\n    on: account_id\n"),
    "deals.csv": csv(withAccounts()),
    "accounts.csv": csv(Array.from({ length: N }, (_, i) => ({ account_id: `A${i + 1}`, employees: i === 12 ? token : String(50 + i) }))),
  }), (o) => {
    assert.deepEqual([attr(o, "employees").type, attr(o, "employees").table, attr(o, "employees").unread], ["numeric", "accounts", [{ value: token, rows: 1 }]]);
    assert.equal(loaded(o).report.altered.find((a) => a.column === "employees")!.table, "accounts.csv");
  });

for (const token of ["unknown", "-", ""])
  add(4, `NDJSON numbers with a stray string ${JSON.stringify(token)} stay numeric`, () => ({
    "dataset.yaml": spec("", { ext: "ndjson" }),
    "deals.ndjson": ndjson(deals({ employees: (i) => (i === 3 ? token : 10 * i) })),
  }), (o) => {
    assert.equal(attr(o, "employees").type, "numeric");
    assert.deepEqual(attr(o, "employees").unread ?? [], token === "" ? [] : [{ value: token, rows: 1 }]);
    assert.ok(Number.isNaN(numbers(o, "employees")[3]));
  });

add(4, "a TSV export with thousands separators reads them as numbers", () => ({
  "dataset.yaml": spec().replace("deals.csv", "deals.tsv"),
  "deals.tsv": ["deal_id\tstage\tcreated\trevenue", ...deals().map((r, i) => `${r.deal_id}\t${r.stage}\t${r.created}\t${(1000 * (i + 1) + 7).toLocaleString("en-US")}`)].join("\n"),
}), (o) => assert.deepEqual(numbers(o, "revenue").slice(0, 2), [1007, 2007]));

add(4, "two different stray tokens are both named with their counts", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ seats: (i) => (i === 3 ? "?" : i === 5 || i === 9 ? "unknown" : String(i)) }, 80)),
}), (o) => {
  assert.equal(attr(o, "seats").type, "numeric");
  assert.deepEqual(attr(o, "seats").unread, [{ value: "unknown", rows: 2 }, { value: "?", rows: 1 }]);
});

add(4, "three stray values in 40 (92.5 % numbers) are too many: the column is text", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ seats: (i) => (i < 3 ? "unknown" : String(i)) })),
}), (o) => assert.equal(attr(o, "seats").type, "categorical"));

add(4, "six distinct stray tokens are too many even at 97 %: the column is text", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ seats: (i) => (i < 6 ? `note ${i}` : String(i % 50)) }, 200)),
}), (o) => assert.equal(attr(o, "seats").type, "categorical"));

for (const [label, write, value, words] of [
  ["thousands separators", (i: number) => (i * 1000 + 234).toLocaleString("en-US"), (i: number) => i * 1000 + 234, /',' as thousands separator/],
  ["dollar amounts with cents", (i: number) => `$${(62000 + i).toLocaleString("en-US")}.00`, (i: number) => 62000 + i, /currency \$ dropped/],
  ["euro amounts with a decimal comma", (i: number) => `€${(1200 + i).toLocaleString("de-DE")},50`, (i: number) => 1200.5 + i, /decimal mark ',' .*'\.' as thousands separator.*currency € dropped/],
  ["percentages", (i: number) => `${i}%`, (i: number) => i, /% dropped \("12%" reads as 12\)/],
  ["space thousands", (i: number) => `${1 + i} 234`, (i: number) => (1 + i) * 1000 + 234, /thousands separator/],
  ["currency codes after the number", (i: number) => `${100 + i} EUR`, (i: number) => 100 + i, /currency EUR dropped/],
  ["accounting negatives", (i: number) => (i % 2 ? `(${i + 1},000)` : `${i + 1},000`), (i: number) => (i % 2 ? -1 : 1) * (i + 1) * 1000, /thousands separator/],
  ["pound amounts", (i: number) => `£${i * 10}`, (i: number) => i * 10, /currency £ dropped/],
] as const)
  add(4, `numbers written with ${label} read as numbers, said in the reason`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ revenue: write })),
  }), (o) => {
    assert.equal(attr(o, "revenue").type, "numeric");
    assert.match(attr(o, "revenue").reason!, words);
    assert.deepEqual(numbers(o, "revenue"), Array.from({ length: N }, (_, i) => value(i)));
  });

add(4, "euro amounts like €1.200 with nothing to settle the decimal mark stay text, said why and how to fix", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ budget: (i) => `€${i + 1}.${i % 2 ? "200" : "500"}` })),
}), (o) => {
  const a = attr(o, "budget");
  assert.equal(a.type, "categorical");
  assert.match(a.reason!, /^categorical: the values look like numbers but values like "€1\.500" read as 1\.5 with a decimal point or 1500 with a decimal comma, and no value settles which; set `budget: \{ type: numeric, decimal: "\." \}` \(or ","\) in attributes:/);
});

add(4, "decimal: \",\" makes €1.200 read as 1200", () => ({
  "dataset.yaml": spec('attributes:\n  budget: { type: numeric, decimal: "," }\n'),
  "deals.csv": csv(deals({ budget: (i) => `€${i + 1}.200` })),
}), (o) => assert.deepEqual(numbers(o, "budget"), Array.from({ length: N }, (_, i) => (i + 1) * 1000 + 200)));

add(4, "a column mixing currencies is not one number: text, said why", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ price: (i) => (i % 2 ? `$${i}` : `€${i}`) })),
}), (o) => {
  assert.equal(attr(o, "price").type, "categorical");
  assert.match(attr(o, "price").reason!, /it mixes currencies \(\$, €\)/);
});

add(4, "a declared numeric column mixing currencies is an error naming the column and fix", () => ({
  "dataset.yaml": spec("attributes:\n  price: { type: numeric }\n"),
  "deals.csv": csv(deals({ price: (i) => (i % 2 ? `USD ${i}` : `${i} GBP`) })),
}), (o) =>
  assert.equal(
    failed(o),
    'deals.csv: column "price": cannot be read as numbers: it mixes currencies (GBP, USD), so its numbers are not one unit. Fix: set the decimal mark in dataset.yaml, e.g. `price: { type: numeric, decimal: "," }`, or convert the column to one currency.',
  ));

add(4, "the deal amount reads \"$62,000.00\"", () => ({
  "dataset.yaml": spec().replace("  created_at: created\n", "  created_at: created\n  amount: amount\n"),
  "deals.csv": csv(deals({ amount: (i) => `$${(62000 + 1000 * i).toLocaleString("en-US")}.00` })),
}), (o) => assert.equal(loaded(o).table.amount![3], 65000));

add(4, "a declared numeric column reads thousands separators too", () => ({
  "dataset.yaml": spec("attributes:\n  employees: { type: numeric, role: firmographic }\n"),
  "deals.csv": csv(deals({ employees: (i) => (1000 * (i + 1)).toLocaleString("en-US") })),
}), (o) => {
  assert.equal(numbers(o, "employees")[1], 2000);
  assert.match(attr(o, "employees").reason!, /^numeric: declared \(',' as thousands separator \(40 values\)\)$/);
});

add(4, "plain decimals like 1.250 stay decimals (no currency: the decimal point is the reading)", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ score: (i) => `${i % 3}.${["125", "250", "500"][i % 3]}` })),
}), (o) => assert.deepEqual(numbers(o, "score").slice(0, 3), [0.125, 1.25, 2.5]));

for (const [token, expect] of [["1e400", "1e400"], ["-1e400", "-1e400"], ["1E999", "1E999"]] as const)
  add(4, `a non-finite number "${token}" in an inferred column is read as missing and named`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ employees: (i) => (i === 2 ? token : String(i + 5)) })),
  }), (o) => {
    assert.equal(attr(o, "employees").type, "numeric");
    assert.deepEqual(attr(o, "employees").unread, [{ value: expect, rows: 1 }]);
    assert.ok(Number.isNaN(numbers(o, "employees")[2]));
  });

add(4, "a non-finite number in a declared numeric column is an error naming row and value", () => ({
  "dataset.yaml": spec("attributes:\n  employees: { type: numeric, role: firmographic }\n"),
  "deals.csv": csv(deals({ employees: (i) => (i === 2 ? "1e400" : String(i + 5)) })),
}), (o) =>
  assert.equal(
    failed(o),
    'deals.csv: column "employees": row 3: not a finite number (it overflows to infinity) (value "1e400"). Fix: correct the value in the export, or add it to `missing:`.',
  ));

add(4, "a stray token in a declared numeric column is an error naming row, value and fix", () => ({
  "dataset.yaml": spec("attributes:\n  employees: { type: numeric, role: firmographic }\n"),
  "deals.csv": csv(deals({ employees: (i) => (i === 30 ? "unknown" : String(i + 5)) })),
}), (o) =>
  assert.equal(
    failed(o),
    'deals.csv: column "employees": row 31: not a number (value "unknown"). Fix: clean the value, add it to `missing:` if it means missing, or declare `employees: { type: categorical }`.',
  ));

// ---------------------------------------------------------------- class 4: booleans
for (const [label, spell] of [
  ["yes/no/Y/N", ["yes", "no", "Y", "N"]],
  ["true/false/TRUE/False", ["true", "false", "TRUE", "False"]],
  ["Yes/No", ["Yes", "No", "Yes", "No"]],
  ["t/f and 1/0", ["t", "f", "1", "0"]],
] as const)
  add(4, `booleans written ${label} are one boolean column`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ champion_known: (i) => spell[i % 4] })),
  }), (o) => {
    assert.equal(attr(o, "champion_known").type, "boolean");
    assert.deepEqual(loaded(o).table.column("champion_known").slice(0, 4), [true, false, true, false]);
  });

add(4, "a boolean column with one \"unknown\" stays boolean; the token is named", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ budget_ok: (i) => (i === 4 ? "unknown" : i % 2 ? "No" : "Yes") })),
}), (o) => {
  assert.equal(attr(o, "budget_ok").type, "boolean");
  assert.deepEqual(attr(o, "budget_ok").unread, [{ value: "unknown", rows: 1 }]);
});

add(4, "0/1 with a 2 is numeric, not boolean", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ demos: (i) => String(i === 9 ? 2 : i % 2) })),
}), (o) => assert.equal(attr(o, "demos").type, "numeric"));

// ---------------------------------------------------------------- class 4: NDJSON, text, headers
add(4, "NDJSON 3 and \"3\" are one level; \"\" is missing", () => ({
  "dataset.yaml": spec("attributes:\n  plan_code: { type: categorical, role: product }\n", { ext: "ndjson" }),
  "deals.ndjson": ndjson(deals({ plan_code: (i) => (i === 0 ? "" : i % 2 ? 3 : "3") })),
}), (o) => {
  assert.equal(attr(o, "plan_code").distinct, 1);
  assert.equal(loaded(o).table.column("plan_code")[0], null);
});

add(4, "NDJSON numbers mixed with numeric strings infer one numeric column", () => ({
  "dataset.yaml": spec("", { ext: "ndjson" }),
  "deals.ndjson": ndjson(deals({ employees: (i) => (i % 2 ? i * 10 : String(i * 10)) })),
}), (o) => {
  assert.equal(attr(o, "employees").type, "numeric");
  assert.deepEqual(numbers(o, "employees").slice(0, 4), [0, 10, 20, 30]);
});

add(4, "NDJSON \"\" is missing even when `missing:` does not list it", () => ({
  "dataset.yaml": 'missing: ["NA"]\n' + spec("", { ext: "ndjson" }).replace("name: catalogue\n", "name: catalogue\n"),
  "deals.ndjson": ndjson(deals({ region: (i) => (i < 5 ? "" : i % 2 ? "EMEA" : "APAC") })),
}), (o) => assert.equal(attr(o, "region").missing, 5 / N));

add(4, "NFC and NFD spellings of \"Événement\" are one level, counted as normalised", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ source: (i) => (i % 2 ? "Événement" : "Événement".normalize("NFD")) })),
}), (o) => {
  assert.equal(attr(o, "source").distinct, 1);
  assert.deepEqual(loaded(o).report.altered.find((a) => a.column === "source"), {
    reason: "Unicode NFC normalisation (a decomposed spelling of the same text)", column: "source", table: "deals.csv", rows: 20,
  });
});

add(4, "NFD items of a multi-valued list are one item with their NFC spelling", () => ({
  "dataset.yaml": spec("attributes:\n  tools: { type: multi }\n"),
  "deals.csv": csv(deals({ tools: (i) => (i % 2 ? "Zoë;Slack" : "Zoë".normalize("NFD")) })),
}), (o) => assert.equal(attr(o, "tools").distinct, 2));

for (const [header, second] of [["amount,amount", "amount"], ["Amount,amount", "amount"], ["region, region", "region"]] as const)
  add(4, `a duplicated header "${header}" is an error naming both positions`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": `deal_id,stage,created,${header}\nD1,Won,2026-01-01,1,2\nD2,Lost,2026-01-02,3,4\n`,
  }), (o) => {
    const first = header.split(",")[0].trim();
    assert.equal(
      failed(o),
      `deals.csv: column "${second}": the header names a column twice: "${first}" is column 4 and "${second}" is column 5 (DuckDB would read the second as "${second}_1"). Fix: rename or remove one of the two columns in the export.`,
    );
  });

add(4, "a duplicated header in a joined table is an error naming that file", () => ({
  "dataset.yaml": spec("join:\n  - file: accounts.csv\n    on: account_id\n"),
  "deals.csv": csv(withAccounts()),
  "accounts.csv": "account_id,industry,industry\nA1,SaaS,Retail\n",
}), (o) => assert.match(failed(o), /^accounts\.csv: column "industry": the header names a column twice: "industry" is column 2 and "industry" is column 3/));

// ---------------------------------------------------------------- class 4: lists
add(4, "';' in 10 % of values does not split \"Sales; Operations\"; the reason says to declare multi", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ department: (i) => (i % 10 === 0 ? "Sales; Operations" : ["Sales", "Finance", "IT"][i % 3]) })),
}), (o) => {
  const a = attr(o, "department");
  assert.equal(a.type, "categorical");
  assert.match(a.reason!, /10% of values contain ';' \(e\.g\. "Sales; Operations"\) .* declare `type: multi` to split them/);
});

add(4, "';'-separated lists of recurring items in most values are inferred multi", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ stack: (i) => ["Slack;Jira", "Jira;Zoom", "Slack", "Zoom;Slack;Jira", "Jira"][i % 5] })),
}), (o) => {
  assert.equal(attr(o, "stack").type, "multi");
  assert.equal(attr(o, "stack").distinct, 3);
});

add(4, "';' in most values but items that never recur: text, not split", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ notes: (i) => `call ${i}; follow up ${i}` })),
}), (o) => assert.notEqual(attr(o, "notes").type, "multi"));

add(4, "type: multi splits \"Sales; Operations\" when declared", () => ({
  "dataset.yaml": spec("attributes:\n  department: { type: multi }\n"),
  "deals.csv": csv(deals({ department: (i) => (i % 10 === 0 ? "Sales; Operations" : "Sales") })),
}), (o) => assert.deepEqual(loaded(o).table.column("department")[0], ["Operations", "Sales"]));

// ---------------------------------------------------------------- class 4: ids
for (const name of ["account_id", "Record ID", "CompanyId", "external_ref", "zip code", "dealID", "Order No"])
  add(4, `a numeric column named "${name}" is an identifier, never a numeric predictor`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ [name]: (i) => String(1000 + (i % 7)) })),
  }), (o) => {
    assert.equal(attr(o, name).role, "exclude");
    assert.match(attr(o, name).reason!, /identifier-like: the name says id/);
  });

for (const name of ["amount_paid", "valid_seats", "turnkey", "casino_visits", "num_employees"])
  add(4, `a numeric column named "${name}" (no id word) stays a numeric predictor`, () => ({
    "dataset.yaml": spec(),
    "deals.csv": csv(deals({ [name]: (i) => String(3 + (i % 9) * 17) })),
  }), (o) => assert.deepEqual([attr(o, name).type, attr(o, name).role === "exclude"], ["numeric", false]));

add(4, "unique integers of one length are an identifier whatever the name", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ hubspot: (i) => String(500000 + 37 * i) })),
}), (o) => {
  assert.equal(attr(o, "hubspot").role, "exclude");
  assert.match(attr(o, "hubspot").reason!, /identifier-like: 40 distinct integers of 6 digits, never a numeric predictor/);
});

add(4, "unique integers with leading zeros are an identifier", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ crm: (i) => String(i * 13).padStart(5, "0") })),
}), (o) => assert.match(attr(o, "crm").reason!, /identifier-like: 40 distinct integers with leading zeros/));

add(4, "a row number (each of 1 to n once, in any order) is left out as one", () => ({
  "dataset.yaml": spec(),
  // 1 to 40, shuffled: the rule reads the set of values, so the file's row order cannot change it.
  "deals.csv": csv(deals({ RowNumber: (i) => String(((i * 17) % 40) + 1) })),
}), (o) => {
  assert.equal(attr(o, "RowNumber").role, "exclude");
  assert.match(attr(o, "RowNumber").reason!, /a row number: the whole numbers 1 to 40, each once, count the rows and never predict/);
});

add(4, "distinct measures of varying length (employees) stay numeric predictors", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ employees: (i) => String(7 + i * i * 11) })),
}), (o) => assert.deepEqual([attr(o, "employees").type, attr(o, "employees").role], ["numeric", "firmographic"]));

// ---------------------------------------------------------------- class 4: dates
add(4, "closed deals dated after the as-of are named with count and rows", () => ({
  "dataset.yaml": spec("", { closed: true }),
  "deals.csv": csv(deals({ closed: (i) => (i === 4 || i === 11 ? "2098-03-01" : new Date(Date.UTC(2026, 2, 1) + i * DAY).toISOString().slice(0, 10)) })),
}), (o) => {
  const { report } = loaded(o);
  assert.deepEqual(report.futureDates, [{ column: "closed", rows: 2, examples: [{ row: 5, date: "2098-03-01" }, { row: 12, date: "2098-03-01" }] }]);
  assert.ok(report.warnings.includes("dates in the future: 2 closed deals have closed after the as-of 2026-12-01 (2098-03-01 on row 5, 2098-03-01 on row 12 of deals.csv); they are kept as they are. Fix: correct them in the export"));
});

add(4, "a time holdout shrunk to a handful of deals by future dates is warned about", () => ({
  "dataset.yaml": spec("holdout: { by: time, last_days: 20 }\n", { closed: true }),
  "deals.csv": csv(deals({ closed: (i) => (i === 4 ? "2098-03-01" : new Date(Date.UTC(2026, 2, 1) + i * DAY).toISOString().slice(0, 10)) })),
}), (o) =>
  assert.ok(
    loaded(o).report.warnings.includes(
      "holdout: the time holdout (the last 20 days up to 2098-03-01) holds only 1 deal because of dates after the as-of 2026-12-01; without them it would hold 20. Fix: correct those dates in the export, or set `holdout: { by: random, fraction: 0.25 }` in dataset.yaml",
    ),
  ));

add(4, "dates up to the as-of give no future-date warning", () => ({
  "dataset.yaml": spec("", { closed: true }),
  "deals.csv": csv(deals({ closed: (i) => new Date(AS_OF - i * DAY).toISOString().slice(0, 10) })),
}), (o) => {
  assert.equal(loaded(o).report.futureDates, undefined);
  assert.ok(!loaded(o).report.warnings.some((w) => w.startsWith("dates in the future") || w.startsWith("holdout: the time holdout")));
});

add(4, "a date column with one \"TBD\" stays a date; the token is named", () => ({
  "dataset.yaml": spec(),
  "deals.csv": csv(deals({ signed_on: (i) => (i === 6 ? "TBD" : new Date(Date.UTC(2025, 5, 1) + i * DAY).toISOString().slice(0, 10)) })),
}), (o) => {
  assert.equal(attr(o, "signed_on").type, "date");
  assert.deepEqual(attr(o, "signed_on").unread, [{ value: "TBD", rows: 1 }]);
});

/** How many cases each class has. */
export const CATALOGUE_COUNTS = cases.reduce<Record<string, number>>((m, c) => ((m[`class ${c.cls}`] = (m[`class ${c.cls}`] ?? 0) + 1), m), {});

for (const c of cases)
  test(`[class ${c.cls}] ${c.name}`, async () => {
    const [o, dir] = await load(c.files());
    await c.check(o, dir);
  });

after(() => console.log(`values catalogue: ${JSON.stringify(CATALOGUE_COUNTS)}, ${cases.length} cases`));
