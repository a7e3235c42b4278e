import assert from "node:assert/strict";
import { before, test } from "node:test";
import { crmPlan } from "../../../src/scoring/export/crm-plan";
import { sheetExport } from "../../../src/scoring/export/sheet-export";
import type { ScoringRules } from "../../../src/formats/scoring-rules-schema";
import { sampleLeads, type CrmRecord, type ScoredLead } from "./crm-leads";
import { csvRows } from "./csv-rows";
import { fixtureLeads } from "./fixture-leads";
import { categoryKey } from "../../../src/scoring/category-key";

/*
 * The sheet applied as a CRM admin would: start at the base row, add the points of each row
 * whose condition holds (read from the sheet's operator / values / lo / hi columns by the small
 * evaluator below, not from the rules; text compared trimmed and ignoring case, as the sheet
 * says, and "is blank" holding for the texts in its values), take the first tier whose
 * min_points the total reaches.
 * It must give score()'s points and tier for every sample deal and every fixture lead.
 */

const TRUE = ["true", "t", "yes", "y", "1"];
const FALSE = ["false", "f", "no", "n", "0"];

/** The value a sheet row compares, read from the CRM field by the row's field type; null when blank. */
function fieldValue(row: Record<string, string>, v: number | string | null): number | string | null {
  if (v === null || String(v).trim() === "") return null;
  const t = String(v).trim();
  if (row.field_type === "number") return Number(t);
  if (row.field_type === "boolean") return TRUE.includes(t.toLowerCase()) ? "true" : FALSE.includes(t.toLowerCase()) ? "false" : t;
  const list = /^list separated by "(.*)"$/.exec(row.field_type);
  if (list) {
    const items = t.split(list[1]).map((x) => x.trim()).filter((x) => x !== "");
    if (items.length === 0) return null;
    const item = /includes "(.*)"$/.exec(row.condition)?.[1] ?? /does not include "(.*)"$/.exec(row.condition)?.[1];
    // Rows that name no item (is blank) only ask whether the list is empty.
    return item !== undefined && items.map(categoryKey).includes(categoryKey(item)) ? "true" : "false";
  }
  return t;
}

function bound(text: string): { x: number; inclusive: boolean } | undefined {
  const m = /^(\S+) \((inclusive|exclusive)\)$/.exec(text);
  return m ? { x: Number(m[1]), inclusive: m[2] === "inclusive" } : undefined;
}

/** Whether a sheet row's condition holds for a lead. */
function holds(row: Record<string, string>, record: CrmRecord, blankValues: ReadonlyMap<string, string>): boolean {
  if (row.operator === "always") return true;
  const raw = record[row.crm_field];
  const missing = (JSON.parse(blankValues.get(row.crm_field) || "[]") as string[]).map(categoryKey);
  const v = raw !== null && missing.includes(categoryKey(String(raw))) ? null : fieldValue(row, raw);
  const keys = () => (JSON.parse(row.values) as string[]).map(categoryKey);
  switch (row.operator) {
    case "is blank":
      return v === null;
    case "is one of":
      return v !== null && keys().includes(categoryKey(String(v)));
    case "is none of":
      return v !== null && !keys().includes(categoryKey(String(v)));
    case "range": {
      if (v === null) return false;
      const lo = bound(row.lo);
      const hi = bound(row.hi);
      const x = v as number;
      return (!lo || (lo.inclusive ? x >= lo.x : x > lo.x)) && (!hi || (hi.inclusive ? x <= hi.x : x < hi.x));
    }
  }
  throw new Error(`unknown operator ${row.operator}`);
}

function assertSheetAgrees(rules: ScoringRules, leads: ScoredLead[]): number {
  const files = sheetExport(crmPlan(rules));
  const rows = csvRows(files["scoring-sheet.csv"]);
  const tiers = csvRows(files["scoring-tiers.csv"]);
  const blankValues = new Map(rows.filter((r) => r.operator === "is blank").map((r) => [r.crm_field, r.values]));
  let agree = 0;
  for (const lead of leads) {
    const applied = rows.filter((r) => holds(r, lead.record, blankValues));
    const perAttribute = new Map<string, number>();
    for (const r of applied) perAttribute.set(r.attribute, (perAttribute.get(r.attribute) ?? 0) + 1);
    assert.deepEqual([...perAttribute.values()].filter((n) => n !== 1), [], `lead ${lead.id}: one row per attribute`);
    assert.equal(perAttribute.size, rules.attributes.length + 1, `lead ${lead.id}: every attribute and the base apply`);
    const points = applied.reduce((s, r) => s + Number(r.points), 0);
    const tier = tiers.find((t) => t.min_points === "" || points >= Number(t.min_points))?.tier ?? null;
    assert.equal(points, lead.points, `lead ${lead.id}: points`);
    assert.equal(tier, lead.tier, `lead ${lead.id}: tier`);
    agree++;
  }
  return agree;
}

let sample: Awaited<ReturnType<typeof sampleLeads>>;
before(async () => {
  sample = await sampleLeads();
});

test("sheet: summing the sheet's rows gives score()'s points and tier on every sample deal", () => {
  assert.equal(sample.leads.length + sample.unscorable, 7516);
  assert.equal(assertSheetAgrees(sample.rules, sample.leads), sample.leads.length);
  assert.ok(new Set(sample.leads.map((l) => l.tier)).size >= 3, "the sample spans the tiers");
});

test("sheet: the fixture's leads (contains, booleans, sets with quotes) agree with score()", () => {
  const { rules, leads } = fixtureLeads();
  assert.ok(leads.length >= 4);
  assert.equal(assertSheetAgrees(rules, leads), leads.length);
});

test("sheet: the base is the first row and behavioural features are listed as computed outside the CRM", () => {
  const files = sheetExport(crmPlan(sample.rules));
  const rows = csvRows(files["scoring-sheet.csv"]);
  assert.deepEqual([rows[0].attribute, rows[0].points], ["base", String(sample.rules.scale.basePoints)]);
  const events = sample.rules.attributes.filter((a) => "event" in a.source).map((a) => a.name);
  assert.ok(events.length > 0);
  for (const name of events) {
    assert.ok(rows.filter((r) => r.attribute === name).every((r) => r.computed_outside_crm === "yes"), name);
    assert.match(files["scoring-sheet.md"], new RegExp(`- ${name} \\(engagement\\): .*Apply through the scorer`));
  }
  assert.equal(rows.filter((r) => r.computed_outside_crm === "yes" && !events.includes(r.attribute)).length, 0);
});
