import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPersonas } from "../../src/personas/format-personas";
import { PersonasResult } from "../../src/personas/personas-result";
import { rankingMeasure } from "../../src/personas/ranking-measure";
import { personasSection } from "../../src/report/personas-section";
import { samplePersonas } from "../helpers/sample-fixture";

/*
 * Personas are ranked by what their customers bring and keep; without amounts or retention data
 * that is not revenue, and the text says what it is (an export of leads with neither once read
 * "retained revenue 549", a count of customers printed as money).
 */

const rate = { value: 0.9, lo: 0.88, hi: 0.93, n: 502, events: 452 };

test("rankingMeasure names what the ranking counts, from the amounts and the retention the data hold", () => {
  assert.deepEqual(rankingMeasure({ retention: rate, medianAmount: 18800 }), { name: "retained revenue", money: true });
  assert.deepEqual(rankingMeasure({ retention: null, medianAmount: 18800 }), { name: "won revenue", money: true });
  assert.deepEqual(rankingMeasure({ retention: rate, medianAmount: null }), { name: "retained customers", money: false });
  assert.deepEqual(rankingMeasure({ retention: null, medianAmount: null }), { name: "customers", money: false });
});

test("leadlab personas and the report name the ranking as the data allow, and leave it out when it is the persona's size", async () => {
  const result = await samplePersonas();
  // Only the base says whether the data hold amounts and retention; the personas' own numbers stay.
  const without = (base: Partial<PersonasResult["base"]>) => new PersonasResult({ ...result, base: { ...result.base, ...base } });
  const line = (r: PersonasResult) => formatPersonas(r).split("\n").find((l) => /^ {3}\d[\d,]* customers/.test(l))!;
  const first = result.personas[0];
  assert.match(line(result), new RegExp(`median won amount 18,800 · retained revenue ${first.retainedRevenue.toLocaleString("en-US")} \\(36%\\)$`));
  assert.match(line(without({ retention: null })), / · won revenue [\d,]+ \(36%\)$/);
  assert.match(line(without({ medianAmount: null })), /median won amount 18,800 · retained customers [\d,]+ \(36%\)$/);
  assert.match(line(without({ retention: null, medianAmount: null })), /median won amount 18,800$/);
  const html = (await personasSection(without({ retention: null, medianAmount: null }))).html;
  assert.match(html, /Ranked by customers;/);
  assert.doesNotMatch(html, /revenue/i);
  assert.match((await personasSection(result)).html, /Ranked by retained revenue;.*<th[^>]*>Retained revenue<\/th>/s);
});

test("personas of a customer list (no lost deals) show no win rate, which would read 100 % everywhere", async () => {
  const result = await samplePersonas();
  const n = result.base.winRate.n;
  const list = new PersonasResult({ ...result, base: { ...result.base, winRate: { ...result.base.winRate, events: n } } });
  const text = formatPersonas(list);
  assert.match(text, new RegExp(`\\nall: ${n.toLocaleString("en-US")} deals, every one won \\(a customer list: no win rate\\) · customers retained`));
  // (the anti-persona lines of this doctored result still quote the real win rates)
  const personaLines = (t: string) => t.split("\n").filter((l) => /^ {3}\d[\d,]* customers/.test(l));
  assert.ok(personaLines(text).length === result.personas.length && personaLines(text).every((l) => !/deals win/.test(l)), personaLines(text).join("\n"));
  assert.ok(personaLines(formatPersonas(result)).every((l) => /deals win/.test(l)));
  const html = (await personasSection(list)).html;
  assert.doesNotMatch(html, /Win rate of deals like it/);
  assert.match((await personasSection(result)).html, /Win rate of deals like it/);
});
