import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { dataFingerprint } from "../../src/data/data-fingerprint";
import type { DealTable } from "../../src/data/deal-table";
import { adjustedRandIndex } from "../../src/cluster/adjusted-rand";
import { conditionHolds } from "../../src/personas/persona-rule";
import { personas } from "../../src/personas/personas";
import type { PersonasResult } from "../../src/personas/personas-result";
import { samplePersonas, sampleScorecard, sampleTable, sampleTruth } from "../helpers/sample-fixture";

let table: DealTable;
let result: PersonasResult;

before(async () => {
  table = await sampleTable();
  result = await samplePersonas();
});

/** ARI of the persona labels against the planted archetypes, over the clustered customers (optionally without "none"). */
function ari(r: PersonasResult, withoutNone: boolean): { ari: number; n: number } {
  const arch: string[] = [];
  const labels: number[] = [];
  r.customerRows.forEach((row, i) => {
    const a = sampleTruth().get(table.ids[row])!.archetype;
    if (withoutNone && a === "none") return;
    arch.push(a);
    labels.push(r.labels[i]);
  });
  return { ari: adjustedRandIndex(arch, labels), n: arch.length };
}

describe("personas on the sample", () => {
  test("recovers the planted archetypes: ARI ≥ 0.7 among archetype customers (reported overall too)", () => {
    const planted = ari(result, true);
    const overall = ari(result, false);
    // measured: 0.917 among the 729 archetype customers, 0.421 over all 1,126 (the 43 % background population has no persona of its own)
    assert.ok(planted.ari >= 0.7, `ARI ${planted.ari} on ${planted.n} archetype customers`);
    assert.ok(overall.ari > 0.3, `overall ARI ${overall.ari}`);
    assert.equal(result.k, 4, result.reason);
  });

  test("every won customer also recovers them (customers: won)", () => {
    const won = personas(table, { customers: "won", antiPersonas: false });
    assert.equal(won.counts.clustered, won.counts.customers);
    // measured: 0.897 among the 1,078 archetype customers
    assert.ok(ari(won, true).ari >= 0.7, `ARI ${ari(won, true).ari}`);
  });

  test("customers are one row per account, retained at 365 days by default", () => {
    assert.equal(result.customers, "retained");
    assert.equal(result.counts.customers, 1648); // won accounts (README: renewals for 1,648 won accounts)
    assert.equal(result.counts.clustered, result.customerRows.length);
    const keys = new Set(Array.from(result.customerRows, (r) => table.retention!.key[r]));
    assert.equal(keys.size, result.customerRows.length);
    for (const r of result.customerRows) assert.equal(table.won[r], 1);
    assert.match(result.customerDefinition, /retained 365 days/);
  });

  test("reports every k's silhouette and stability, and why k was chosen", () => {
    assert.deepEqual(result.candidates.map((c) => c.k), [2, 3, 4, 5, 6, 7, 8]);
    const chosen = result.candidates.find((c) => c.k === result.k)!;
    assert.equal(chosen.silhouette, result.silhouette);
    const stable = result.candidates.filter((c) => c.stability >= 0.75);
    assert.equal(Math.max(...stable.map((c) => c.silhouette)), result.silhouette);
    assert.match(result.reason, /highest silhouette/);
  });

  test("sizes, shares and rates are consistent; every interval holds its rate", () => {
    const sizes = result.personas.reduce((s, p) => s + p.size, 0);
    // the customers of the cluster set aside as an anti-persona
    const aside = result.labels.reduce((s, l) => s + (l >= result.personas.length ? 1 : 0), 0);
    assert.ok(aside > 0);
    assert.equal(sizes + aside + result.counts.unassigned, result.counts.clustered);
    assert.ok(Math.abs(result.personas.reduce((s, p) => s + p.share, 0) + aside / (sizes + aside) - 1) < 1e-9);
    // every closed deal has a cluster (nearest medoid): the deals of the personas and of the cluster set aside add up to all deals
    const setAside = result.antiPersonas.filter((a) => a.source === "customers");
    assert.equal(result.personas.reduce((s, p) => s + p.winRate.n, 0) + setAside.reduce((s, a) => s + a.winRate.n, 0), result.counts.deals);
    assert.equal(result.personas.reduce((s, p) => s + p.winRate.events, 0) + setAside.reduce((s, a) => s + a.winRate.events, 0), result.counts.won);
    const rates = [result.base.winRate, result.base.retention!, ...result.personas.flatMap((p) => [p.winRate, p.retention!])];
    for (const r of rates) {
      assert.ok(r.lo <= r.value && r.value <= r.hi && r.lo >= 0 && r.hi <= 1, JSON.stringify(r));
      assert.equal(r.value, r.events / r.n);
    }
    for (const p of result.personas) {
      assert.ok(p.traits.length > 0 && p.traits.every((t) => t.q < 0.05 && t.lift > 1));
      assert.equal(result.labels[result.customerRows.indexOf(p.medoid.row)], p.index);
    }
  });

  test("a customer's persona is the same from the clustering and from assigning every deal", () => {
    result.customerRows.forEach((row, i) => assert.equal(result.dealLabels[row], result.labels[i]));
  });

  test("the personas read like the planted archetypes, with their rates, ranked by retained revenue", () => {
    const byIndustry = (industry: string) => result.personas.find((p) => p.name.startsWith(industry))!;
    const saas = byIndustry("Software");
    const agencies = result.antiPersonas.find((a) => a.name.startsWith("Marketing & Advertising"))!;
    const finance = byIndustry("Financial Services");
    assert.ok(saas && agencies && finance && byIndustry("Healthcare"), result.personas.map((p) => p.name).join(" | "));
    assert.match(agencies.name, /under \d+ employees/);
    // ranked by retained revenue: the amounts of the retained customers' first won deals, recomputed here
    const revenue = result.personas.map(() => 0);
    result.customerRows.forEach((row, i) => {
      if (result.labels[i] < result.personas.length) revenue[result.labels[i]] += table.amount![row];
    });
    result.personas.forEach((p, i) => assert.ok(Math.abs(p.retainedRevenue - revenue[i]) < 1e-6, p.name));
    for (let i = 1; i < revenue.length; i++) assert.ok(revenue[i - 1] >= revenue[i]);
    // mid-market SaaS win best; agencies win but churn; enterprise finance win least but retain best
    assert.ok(saas.winRate.lo > result.base.winRate.value);
    assert.ok(finance.winRate.hi < result.base.winRate.value);
    assert.ok(agencies.retention!.hi < result.base.retention!.value);
    assert.ok(finance.retention!.value > result.base.retention!.value);
    assert.ok(finance.medianAmount! > result.base.medianAmount!);
  });

  test("anti-personas: the agencies win but churn and are set aside, never a persona; the personas that rarely win say so", () => {
    const churn = result.antiPersonas.filter((a) => a.kind === "wins-but-churns");
    assert.deepEqual(churn.map((a) => a.name.split(" · ")[0]), ["Marketing & Advertising"]);
    assert.equal(churn[0].source, "customers");
    // no segment is both: no persona is named like an anti-persona, and the rules that tag an anti-persona give "other"
    const ids = new Set(result.personas.map((p) => p.id));
    for (const a of result.antiPersonas) assert.ok(!ids.has(a.id) && !result.personas.some((p) => p.name === a.name), a.name);
    for (const r of result.assignment.rules) assert.equal(r.antiPersona === undefined, ids.has(r.persona), r.text);
    // on the sample, no closed deal matches both an anti-persona's rule and a persona's rule
    const anti = result.assignment.rules.filter((r) => r.antiPersona !== undefined);
    const personaRules = result.assignment.rules.filter((r) => r.antiPersona === undefined);
    const holds = (r: (typeof anti)[number], row: number) => r.conditions.every((c) => conditionHolds(c, (table.columns[c.attribute] as ArrayLike<unknown>)[row]));
    let both = 0;
    let tagged = 0;
    for (let row = 0; row < table.n; row++) {
      if (!anti.some((r) => holds(r, row))) continue;
      tagged++;
      if (personaRules.some((r) => holds(r, row))) both++;
    }
    assert.ok(tagged > 500, `${tagged} deals match an anti-persona rule`);
    assert.equal(both, 0);
    const warned = result.personas.filter((p) => p.warnings.some((w) => w.startsWith("rarely wins")));
    assert.deepEqual(warned.map((p) => p.name).sort(), ["Financial Services", "Healthcare"]);
  });

  test("the screening keeps the attributes that move together and says why it drops the rest", () => {
    const weight = (name: string) => result.attributes.find((a) => a.name === name)!.weight;
    for (const name of ["industry", "employees", "tech_stack", "seniority", "committee_size"]) assert.ok(weight(name) > 0.25, name);
    for (const name of ["region", "department", "lead_source", "email_open_count_90d", "web_visit_count_90d"]) assert.equal(weight(name), 0, name);
    assert.match(result.attributes.find((a) => a.name === "country")!.reason, /repeats region/);
    assert.match(result.attributes.find((a) => a.name === "contact_title")!.reason, /repeats seniority/);
    assert.match(result.attributes.find((a) => a.name === "annual_revenue")!.reason, /repeats employees/);
    // one feature per event type, the others listed with the reason
    assert.ok(result.attributes.every((a) => !a.feature || (a.feature.aggregate === "count" && a.feature.windowDays === 90)));
    assert.ok(result.leftOutAttributes.some((a) => a.name === "demo_request_count_30d" && /represented by demo_request_count_90d/.test(a.reason)));
    assert.ok(result.leftOutAttributes.some((a) => a.name === "champion_identified" && /qualification/.test(a.reason)));
  });

  test("assignment rules: one per persona at least, over several attributes, fidelity measured, applied to every deal", () => {
    const a = result.assignment;
    assert.ok(a.fidelity >= 0.85 && a.heldOutFidelity >= 0.85, `fidelity ${a.fidelity}, held out ${a.heldOutFidelity}`);
    assert.ok(a.rules.some((r) => new Set(r.conditions.map((c) => c.attribute)).size >= 3), a.text.join("\n"));
    // a persona's name is drawn from the conditions of its main rule
    for (const p of result.personas) {
      const main = a.rules.find((r) => r.persona === p.id)!;
      for (const c of main.conditions) if (c.kind === "in") assert.ok(p.name.includes(c.values.join(" or ")), `${p.name}: ${main.text}`);
    }
    for (const p of result.personas) assert.ok(a.rules.some((r) => r.persona === p.id), `no rule for ${p.name}`);
    assert.equal(a.text[a.text.length - 1], "otherwise other");
    const none = result.ruleLabels.reduce((s, l) => s + (l < 0 || l >= result.personas.length ? 1 : 0), 0);
    assert.equal(a.otherShare, none / result.counts.deals);
  });

  test("a rule that gives a persona leads outside its name is said in its warnings, with its customers recounted", () => {
    // the sample's generic accounts (no archetype) are clustered with the persona they resemble
    // most: directors of other industries with Healthcare, whose name is drawn from "industry in {Healthcare}"
    const a = result.assignment;
    let warned = 0;
    result.personas.forEach((p, c) => {
      const own = a.rules.filter((r) => r.persona === p.id);
      const mainIndustry = own[0].conditions.find((x) => x.attribute === "industry" && x.kind === "in");
      for (const rule of own.slice(1)) {
        const industry = rule.conditions.find((x) => x.attribute === "industry" && x.kind === "in");
        const outside = mainIndustry && industry && "values" in industry && "values" in mainIndustry && !industry.values.some((v) => mainIndustry.values.includes(v));
        const warning = p.warnings.find((w) => w.includes(`"${rule.text}"`));
        assert.equal(Boolean(warning), Boolean(outside), `${p.name}: ${rule.text}`);
        if (!warning) continue;
        warned++;
        // its customers meeting every condition of the rule, counted from the table's values
        let inIt = 0;
        result.customerRows.forEach((row, i) => {
          if (result.labels[i] === c && rule.conditions.every((x) => conditionHolds(x, table.column(x.attribute)[row]))) inIt++;
        });
        assert.ok(inIt > 0);
        assert.ok(warning.includes(`gives it ${inIt} of its ${p.size} customers`), warning);
        assert.ok(warning.endsWith('for whom "industry in {' + (mainIndustry as { values: string[] }).values.join(", ") + '}" does not hold'), warning);
      }
    });
    assert.ok(warned >= 1, "the sample's generic accounts make at least one such rule");
    assert.ok(result.warnings.some((w) => w.startsWith('persona "Healthcare": its name does not describe all the leads it is given')), result.warnings.join("\n"));
  });

  test("is deterministic, does not modify the table, and the result is frozen", async () => {
    const before = dataFingerprint(table);
    const again = personas(table, { drivers: (await sampleScorecard()).drivers });
    assert.equal(again.toYAML(), result.toYAML());
    assert.equal(dataFingerprint(table), before);
    assert.ok(Object.isFrozen(result));
  });

  test("options: a fixed k is used and still measured; wrong options throw naming them", () => {
    const three = personas(table, { k: 3, antiPersonas: false, bootstraps: 3 });
    assert.equal(three.k, 3);
    assert.deepEqual(three.candidates.map((c) => c.k), [3]);
    assert.match(three.reason, /k = 3 was given/);
    assert.throws(() => personas(table, { k: 1 }), /personas: k must be an integer ≥ 2; got 1/);
    assert.throws(() => personas(table, { k: 3, kMax: 5 }), /either k \(fixed\) or kMin\/kMax/);
    assert.throws(() => personas(table, { attributes: ["industy"] }), /no attribute "industy"/);
    assert.throws(() => personas(table, { weights: { industry: -1 } }), /weight of "industry" must be a finite number ≥ 0; got -1/);
    assert.throws(() => personas(table, { customers: "best" as never }), /customers must be one of won, retained; got best/);
  });

  test("equal weights over every candidate blur the archetypes (why the screening exists)", () => {
    // measured: k = 3, silhouette 0.05, ARI 0.305 among archetype customers
    const equal = personas(table, { weights: "equal", antiPersonas: false });
    assert.ok(ari(equal, true).ari < ari(result, true).ari - 0.2, `equal ${ari(equal, true).ari} vs ${ari(result, true).ari}`);
  });
});
