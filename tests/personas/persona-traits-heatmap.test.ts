import assert from "node:assert/strict";
import { test } from "node:test";
import { personaTraitsHeatmap } from "../../src/charts/persona-traits-heatmap";
import { renderSvg } from "../../src/charts/render";
import { validateSpec } from "../../src/charts/validate";
import type { PersonaProfile } from "../../src/personas/persona-profile";
import { personas } from "../../src/personas/personas";
import { countRole, deepFreeze, svgTexts } from "../helpers/svg";
import { syntheticTable } from "./synthetic-table";

const NAMES = deepFreeze(["SaaS leaders", "Agencies", "Banks"]);
const PROFILE: PersonaProfile = deepFreeze({
  rows: [
    { attribute: "industry", kind: "categorical", value: "Software", overallShare: 0.35, shares: [0.9, 0.05, 0.02] },
    { attribute: "tech_stack", kind: "multi", value: "HubSpot", overallShare: 0.3, shares: [0.1, 0.88, 0.04] },
    { attribute: "employees", kind: "numeric", value: "5,000–90,000", overallShare: 0.25, shares: [0.02, 0, 0.91] },
    { attribute: "founder_led", kind: "boolean", value: "true", overallShare: 0.3, shares: [0.1, 0.85, NaN] },
  ],
});

test("personaTraitsHeatmap is valid against vega-lite's JSON Schema and draws one cell per trait and persona", async () => {
  const spec = personaTraitsHeatmap(NAMES, PROFILE);
  assert.deepEqual(validateSpec(spec), []);
  const svg = await renderSvg(spec);
  assert.ok(svg.startsWith("<svg"));
  assert.equal(countRole(svg, "rect mark"), NAMES.length * PROFILE.rows.length);
  const texts = svgTexts(svg);
  for (const label of ["90%", "88%", "91%", "–", "SaaS leaders", "industry = Software (35% of all)", "tech_stack ∋ HubSpot (30% of all)", "employees 5,000–90,000 (25% of all)"])
    assert.ok(texts.includes(label), `${label} in ${texts.join(" | ")}`);
});

test("colours are the lift on a log scale centred on 1, clamped; the input is not changed", () => {
  const spec = personaTraitsHeatmap(NAMES, PROFILE, { maxLift: 3 }) as unknown as { data: { values: { persona: string; trait: string; lift: number | null }[] } };
  const cell = (persona: string, attribute: string) => spec.data.values.find((v) => v.persona === persona && v.trait.startsWith(attribute))!;
  assert.ok(Math.abs(cell("SaaS leaders", "industry").lift! - 0.9 / 0.35) < 1e-12);
  assert.equal(cell("Banks", "employees").lift, 3); // 3.64 clamped
  assert.equal(cell("Agencies", "employees").lift, 1 / 3); // 0 clamped
  assert.equal(cell("Banks", "founder_led").lift, null);
});

test("personaTraitsHeatmap throws for a mismatch, naming the row", () => {
  assert.throws(() => personaTraitsHeatmap(["a", "a"], PROFILE), /persona names must be unique/);
  assert.throws(() => personaTraitsHeatmap(["a", "b"], PROFILE), /row 1 \(industry = Software\) has 3 shares for 2 personas/);
  const bad = { rows: [{ ...PROFILE.rows[0], shares: [1.2, 0, 0] }] };
  assert.throws(() => personaTraitsHeatmap(NAMES, bad), /row 1 \(industry = Software\): shares must be numbers in \[0, 1\]/);
  assert.throws(() => personaTraitsHeatmap(NAMES, PROFILE, { maxLift: 1 }), /maxLift must be a number above 1; got 1/);
});

test("the profile of a personas result charts as it is", () => {
  const result = personas(syntheticTable(), { bootstraps: 4, antiPersonas: false });
  const spec = personaTraitsHeatmap(result.personas.map((p) => p.name), result.profile);
  assert.deepEqual(validateSpec(spec), []);
});
