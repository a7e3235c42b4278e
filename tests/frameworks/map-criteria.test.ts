import assert from "node:assert/strict";
import { test } from "node:test";
import type { AttributeMeta } from "../../src/data/deal-table";
import { DatasetError } from "../../src/formats/dataset-error";
import type { AttributeType, Role } from "../../src/formats/vocabulary";
import { mapCriteria } from "../../src/frameworks/map-criteria";

function meta(name: string, framework: string | undefined, criterion: string, type: AttributeType = "boolean", role: Role = "qualification"): AttributeMeta {
  return Object.freeze({ name, type, role, source: "spec", table: "deals", ...(framework === undefined ? {} : { framework }), criterion }) as AttributeMeta;
}

const SAMPLE_LIKE = Object.freeze([
  meta("budget_confirmed", "BANT", "budget"),
  meta("authority_confirmed", "BANT", "authority"),
  meta("need_confirmed", "BANT", "need"),
  meta("timeline_confirmed", "BANT", "timeline"),
  meta("metrics_identified", "MEDDIC", "metrics"),
  meta("pain_identified", "MEDDIC", "identified_pain"),
  meta("champion_identified", "MEDDIC", "champion"),
]);

const slots = (m: ReturnType<typeof mapCriteria>, name: string) =>
  m.frameworks.find((f) => f.framework.name === name)!.slots.map((s) => `${s.label}: ${s.attribute ?? "-"}${s.via ? ` (${s.via})` : ""}`);

test("an attribute mapped for one framework serves every framework that asks its criterion", () => {
  const m = mapCriteria(SAMPLE_LIKE);
  assert.deepEqual(slots(m, "CHAMP"), [
    "Challenges: need_confirmed (mapped for BANT as need)",
    "Authority: authority_confirmed (mapped for BANT as authority)",
    "Money: budget_confirmed (mapped for BANT as budget)",
    "Prioritization: timeline_confirmed (mapped for BANT as timeline)",
  ]);
  assert.deepEqual(slots(m, "MEDDIC"), [
    "Metrics: metrics_identified",
    "Economic buyer: -",
    "Decision criteria: -",
    "Decision process: -",
    "Identified pain: pain_identified",
    "Champion: champion_identified",
  ]);
  assert.deepEqual(slots(m, "BANT"), ["Budget: budget_confirmed", "Authority: authority_confirmed", "Need: need_confirmed", "Timeline: timeline_confirmed"]);
  // identified_pain is an alias of need: pain_identified is the other attribute answering need.
  const challenges = m.frameworks[1].slots[0];
  assert.deepEqual(challenges.alternatives, ["pain_identified"]);
  assert.deepEqual(m.attributes.find((a) => a.attribute === "pain_identified"), { attribute: "pain_identified", framework: "MEDDIC", written: "identified_pain", criterion: "need" });
  assert.deepEqual(m.warnings, []);
});

test("preference among attributes answering one criterion: own framework, own name, canonical name, table order", () => {
  const attrs = [meta("pain_a", "MEDDIC", "pain"), meta("pain_b", undefined, "identified_pain"), meta("challenges_x", undefined, "challenges"), meta("need_y", undefined, "need")];
  const m = mapCriteria(attrs);
  const pick = (f: string) => m.frameworks.find((x) => x.framework.name === f)!.slots.find((s) => s.criterion === "need")!.attribute;
  assert.equal(pick("MEDDIC"), "pain_a"); // mapped for MEDDIC
  assert.equal(pick("CHAMP"), "challenges_x"); // CHAMP's own name for it
  assert.equal(pick("GPCTBA/C&I"), "challenges_x");
  assert.equal(pick("BANT"), "need_y"); // the criterion's own name
  assert.equal(pick("ANUM"), "need_y");
  // Only an alias each: table order decides.
  const n = mapCriteria([meta("p1", undefined, "pain"), meta("p2", undefined, "identified_pain")], ["BANT"]);
  assert.equal(n.frameworks[0].slots[2].attribute, "p1");
  assert.deepEqual(n.frameworks[0].slots[2].alternatives, ["p2"]);
});

test("criteria without an attribute get a message saying how to map one", () => {
  const m = mapCriteria([meta("pain_identified", "MEDDIC", "identified_pain")], ["CHAMP", "GPCTBA"]);
  assert.deepEqual(m.frameworks[0].missing, [
    "CHAMP: no attribute answers 'Authority' (authority); map one in dataset.yaml with `criterion: authority`",
    "CHAMP: no attribute answers 'Money' (budget); map one in dataset.yaml with `criterion: budget`",
    "CHAMP: no attribute answers 'Prioritization' (timeline); map one in dataset.yaml with `criterion: timeline`",
  ]);
  assert.equal(m.frameworks[1].framework.name, "GPCTBA/C&I");
  assert.equal(m.frameworks[1].missing.length, 7);
  assert.equal(mapCriteria([]).frameworks.every((f) => f.missing.length === f.framework.criteria.length), true);
  // Without any attribute, the CHAMP message names the Need criterion behind Challenges.
  assert.equal(mapCriteria([], ["CHAMP"]).frameworks[0].missing[0], "CHAMP: no attribute answers 'Challenges' (need); map one in dataset.yaml with `criterion: need`");
});

test("a misspelt criterion of a known framework throws naming the field, the value and the fix", () => {
  assert.throws(
    () => mapCriteria([meta("pain_flag", "MEDDIC", "identifed_pain")]),
    (e: Error) =>
      e instanceof DatasetError &&
      e.message ===
        'dataset.yaml: field "attributes.pain_flag.criterion": "identifed_pain" is not a criterion of MEDDIC or of any framework leadlab knows (value "identifed_pain"). Fix: write one of metrics, economic_buyer, decision_criteria, decision_process, identified_pain, champion (did you mean identified_pain).',
  );
  assert.throws(() => mapCriteria([], ["BANTT"]), /unknown framework "BANTT" \(did you mean BANT\?\)/);
});

test("mappings that cannot be used are set aside with a warning, never silently", () => {
  const m = mapCriteria([
    meta("impact", "SPICED", "impact"),
    meta("spiced_pain", "SPICED", "pain"),
    meta("old_budget", "BANT", "budget", "boolean", "exclude"),
    meta("champion_date", "MEDDIC", "champion", "date"),
    meta("budget_meddic", "MEDDIC", "budget"),
  ]);
  assert.deepEqual(m.warnings, [
    'impact: criterion "impact" of framework "SPICED" is not one leadlab evaluates (criteria: budget, authority, need, timeline, metrics, economic_buyer, decision_criteria, decision_process, champion, goals, plans, consequences, implications); the attribute is not used',
    'spiced_pain: framework "SPICED" is not one leadlab defines (BANT, CHAMP, ANUM, MEDDIC, GPCTBA/C&I); it still answers need for the frameworks that ask it',
    "old_budget: mapped to budget but its role is exclude, so it is not used; remove `role: exclude` to use it",
    "champion_date: mapped to champion but it is a date, which says when, not whether; map a boolean, yes/no or numeric attribute instead",
    "budget_meddic: MEDDIC has no budget criterion; it answers budget for BANT, CHAMP, ANUM, GPCTBA/C&I",
  ]);
  assert.deepEqual(m.attributes.map((a) => a.attribute), ["spiced_pain", "budget_meddic"]);
  assert.equal(m.frameworks[0].slots[0].attribute, "budget_meddic");
  assert.equal(m.frameworks[0].slots[0].via, "mapped for MEDDIC as budget");
  assert.equal(m.frameworks[0].slots[2].via, "mapped for SPICED as pain");
});
