import assert from "node:assert/strict";
import { test } from "node:test";
import { dataFingerprint } from "../../src/data/data-fingerprint";
import { DealTable } from "../../src/data/deal-table";
import { DriversResult } from "../../src/drivers/drivers-result";
import { adjustedRandIndex } from "../../src/cluster/adjusted-rand";
import { dealAntiPersona, MIN_CLUSTERED_DEALS, personaAntiPersonas } from "../../src/personas/anti-personas";
import { screenAttributes } from "../../src/personas/attribute-screening";
import { prepareGower } from "../../src/cluster/gower";
import type { MixedColumn } from "../../src/cluster/mixed-column";
import { personaAttributes } from "../../src/personas/persona-attributes";
import { personaCustomers } from "../../src/personas/persona-customers";
import { personaProfile } from "../../src/personas/persona-profile";
import { personas } from "../../src/personas/personas";
import { rankScaler } from "../../src/cluster/rank-scaler";
import { rateOf } from "../../src/personas/rate";
import { clusterWithMinimumSize } from "../../src/personas/sized-clustering";
import { clusterTraits } from "../../src/personas/traits";
import { seededRandom } from "../../src/stats/random";
import { syntheticGroups, syntheticTable } from "./synthetic-table";

test("rankScaler equals Gower's rank scaling on the reference and puts other values on the same scale", () => {
  const r = seededRandom(5);
  const ref = Float64Array.from({ length: 300 }, () => (r() < 0.1 ? NaN : Math.round(Math.exp(8 * r()))));
  const scale = rankScaler(ref);
  const gower = prepareGower([{ name: "x", kind: "numeric", values: ref }], { numeric: "rank" }).columns[0];
  assert.equal(gower.kind, "numeric");
  if (gower.kind === "numeric") ref.forEach((x, i) => assert.ok(Object.is(scale(x), gower.scaled[i]) || Math.abs(scale(x) - gower.scaled[i]) < 1e-12, `${x}`));
  assert.deepEqual([scale(-1), scale(1e12)], [0, 1]);
  const sorted = Array.from(ref).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) assert.ok(scale(sorted[i - 1]) <= scale((sorted[i - 1] + sorted[i]) / 2) && scale((sorted[i - 1] + sorted[i]) / 2) <= scale(sorted[i]));
  assert.equal(rankScaler([5, 5, NaN])(7), 0);
});

test("screenAttributes: independent attributes weigh 0, redundant pairs keep the coarser one, no structure weighs all 1", () => {
  const r = seededRandom(11);
  const n = 800;
  const g = Int32Array.from({ length: n }, () => Math.floor(r() * 3));
  const columns: MixedColumn[] = [
    { name: "industry", kind: "categorical", values: Array.from(g, (x) => (r() < 0.85 ? ["Retail", "SaaS", "Banking"][x] : ["Retail", "SaaS", "Banking"][Math.floor(r() * 3)])) },
    { name: "employees", kind: "numeric", values: Float64Array.from(g, (x) => [20, 500, 9000][x] * Math.exp(r() - 0.5)) },
    { name: "stack", kind: "multi", values: Array.from(g, (x) => (x === 1 && r() < 0.9 ? ["HubSpot"] : r() < 0.2 ? ["HubSpot", "Slack"] : ["Slack"])) },
    { name: "country", kind: "categorical", values: Array.from(g, () => ["DE", "FR", "US", "CA", "UK", "JP"][Math.floor(r() * 6)]) },
  ];
  const region = (columns[3].values as string[]).map((c) => ({ DE: "EMEA", FR: "EMEA", UK: "EMEA", US: "NA", CA: "NA", JP: "APAC" })[c]!);
  columns.push({ name: "region", kind: "categorical", values: region });
  const s = screenAttributes(columns);
  const by = Object.fromEntries(s.map((x) => [x.name, x]));
  assert.ok(by.industry.weight > 0.4 && by.employees.weight > 0.4 && by.stack.weight > 0.4, JSON.stringify(s));
  assert.equal(by.country.weight, 0);
  assert.equal(by.country.redundantWith, "region");
  assert.equal(by.region.weight, 0);
  assert.match(by.region.reason, /associated with no other attribute/);
  assert.equal(by.industry.weight, by.industry.association);
  // deterministic, input untouched
  assert.deepEqual(screenAttributes(columns), s);
  assert.deepEqual(columns[4].values, region);
  // only noise: every attribute weighs 1, and says why
  const noise = screenAttributes([
    { name: "a", kind: "categorical", values: Array.from({ length: n }, () => ["x", "y"][Math.floor(r() * 2)]) },
    { name: "b", kind: "numeric", values: Float64Array.from({ length: n }, () => r()) },
  ]);
  assert.deepEqual(noise.map((x) => x.weight), [1, 1]);
  assert.match(noise[0].reason, /no attribute is associated with another/);
  assert.throws(() => screenAttributes(columns, { minAssociation: 2 }), /minAssociation must be in \[0, 1\]; got 2/);
});

test("personaCustomers: the first won deal per customer; retained ones at the horizon", () => {
  const t = new DealTable({
    name: "c",
    ids: ["a", "b", "c", "d", "e"],
    won: Uint8Array.from([1, 1, 0, 1, 1]),
    createdAt: Float64Array.from([5, 1, 2, 3, 4]),
    attributes: [],
    columns: {},
    retention: { form: "flag", key: ["X", "X", "Y", "Z", null], retained: [true, true, null, false, null] },
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  const won = personaCustomers(t, "won");
  assert.deepEqual(Array.from(won.rows), [1, 3, 4]); // X's first won deal is b (created earlier); e has no key: a customer of its own
  const retained = personaCustomers(t, "retained");
  assert.deepEqual(Array.from(retained.rows), [1]);
  assert.deepEqual(Array.from(retained.retention!.rows), [1, 3]);
  assert.deepEqual(retained.leftOut.map((l) => l.rows), [1, 1, 1]);
  const noRetention = new DealTable({ ...t, retention: undefined });
  assert.deepEqual(Array.from(personaCustomers(noRetention, "won").rows), [0, 1, 3, 4]);
  assert.throws(() => personaCustomers(noRetention, "retained"), /customers "retained" needs retention/);
});

test("personaAttributes: who the buyer is, one feature per event type, leakage flagged by drivers left out", () => {
  const meta = (name: string, role: string, extra: object = {}) => ({ name, type: "numeric", role, source: "spec", table: "deals", ...extra }) as DealTable["attributes"][number];
  const feature = (type: string, aggregate: "count" | "sum" | "active_days", windowDays: number) =>
    meta(`${type}_${aggregate}_${windowDays}d`, "behavioral", { source: "events", feature: { eventType: type, aggregate, windowDays } });
  const attributes = [
    meta("employees", "firmographic"),
    meta("champion", "qualification"),
    meta("signed_on", "firmographic", { type: "date" }),
    meta("leaky", "firmographic"),
    meta("tags", "exclude", { reason: "written late" }),
    feature("demo", "sum", 90),
    feature("demo", "count", 30),
    feature("demo", "count", 90),
    feature("webinar", "active_days", 30),
  ];
  const t = new DealTable({
    name: "a",
    ids: ["x"],
    won: Uint8Array.from([1]),
    attributes,
    columns: Object.fromEntries(attributes.map((a) => [a.name, Float64Array.from([1])])),
    holdout: { by: "random", fraction: 0.25, seed: 1 },
  });
  const drivers = new DriversResult({
    target: "won",
    event: "won",
    n: 1,
    events: 1,
    baseRate: 1,
    fdr: 0.05,
    verdict: "",
    warnings: [],
    attributes: [{ name: "leaky", attribute: "leaky", leakage: "near-pure bins", leakageKept: false } as DriversResult["attributes"][number]],
  });
  const choice = personaAttributes(t, { drivers });
  assert.deepEqual(choice.names, ["employees", "demo_count_90d", "webinar_active_days_30d"]);
  const why = Object.fromEntries(choice.leftOut.map((l) => [l.name, l.reason]));
  assert.match(why.champion, /qualification describes the deal/);
  assert.match(why.signed_on, /a date/);
  assert.match(why.leaky, /flagged as leakage by drivers: near-pure bins/);
  assert.match(why.tags, /role exclude \(written late\)/);
  assert.match(why.demo_sum_90d, /represented by demo_count_90d/);
  assert.deepEqual(personaAttributes(t, { exclude: ["employees"] }).names, ["leaky", "demo_count_90d", "webinar_active_days_30d"]);
});

test("dataFingerprint: order-free, sensitive to every value, outcome and date", () => {
  const t = syntheticTable(60, 3);
  const fp = dataFingerprint(t);
  assert.match(fp, /^sha256:[0-9a-f]{64}$/);
  const reversed = t.select(Array.from({ length: t.n }, (_, i) => t.n - 1 - i));
  assert.equal(dataFingerprint(reversed), fp);
  assert.equal(dataFingerprint(new DealTable({ ...t, attributes: [...t.attributes].reverse() })), fp);
  const changed = (f: (parts: DealTable) => Partial<DealTable>) => dataFingerprint(new DealTable({ ...t, ...f(t) }));
  const won = Uint8Array.from(t.won);
  won[7] = 1 - won[7];
  assert.notEqual(changed(() => ({ won })), fp);
  const employees = Float64Array.from(t.columns.employees as Float64Array);
  employees[3] += 1;
  assert.notEqual(changed((p) => ({ columns: { ...p.columns, employees } })), fp);
  const industry = [...(t.columns.industry as (string | null)[])];
  industry[0] = null;
  assert.notEqual(changed((p) => ({ columns: { ...p.columns, industry } })), fp);
  const createdAt = Float64Array.from(t.createdAt!);
  createdAt[0] += 1;
  assert.notEqual(changed(() => ({ createdAt })), fp);
  assert.notEqual(changed(() => ({ ids: t.ids.map((id, i) => (i === 2 ? "other" : id)) })), fp);
  assert.equal(changed(() => ({ name: "renamed" })), fp);
});

test("personaAntiPersonas: wins but churns against the base rates, rarely wins below the base", () => {
  const base = { winRate: rateOf(500, 1000), retention: rateOf(800, 1000) };
  const p = (id: string, win: [number, number], keep: [number, number] | null) => ({ id, name: id, winRate: rateOf(...win), retention: keep ? rateOf(...keep) : null, traits: [] });
  const found = personaAntiPersonas([p("agencies", [300, 400], [100, 200]), p("banks", [60, 300], [190, 200]), p("fine", [260, 500], [160, 200]), p("noretention", [300, 400], null)], base, 1000);
  assert.deepEqual(found.map((a) => `${a.id}`), ["agencies-wins-but-churns", "banks-rarely-wins"]);
  assert.match(found[0].why, /its deals win 75% \[71%, 79%\] \(all deals: 50%\) but its customers stay 50% \[43%, 57%\], below the 80% of all customers/);
});

test("dealAntiPersona finds the segment of deals that rarely wins, and none in noise", () => {
  const t = syntheticTable(900, 5);
  const columns: MixedColumn[] = [
    { name: "industry", kind: "categorical", values: t.columns.industry as (string | null)[] },
    { name: "tech_stack", kind: "multi", values: t.columns.tech_stack as (string[] | null)[] },
  ];
  const naming = [
    { name: "industry", kind: "categorical" as const, role: "firmographic" as const },
    { name: "tech_stack", kind: "multi" as const, role: "firmographic" as const },
  ];
  const input = { columns, weights: { industry: 1, tech_stack: 1 }, won: t.won, naming, seed: 1, sample: 500, bootstraps: 4, kMax: 5, maxTraits: 5 };
  const found = dealAntiPersona(input)!;
  assert.ok(found, "the banks rarely win");
  assert.match(found.name, /Financial Services/);
  assert.ok(found.winRate.hi < t.won.reduce((s, w) => s + w, 0) / t.n);
  const r = seededRandom(2);
  const noise = dealAntiPersona({ ...input, won: Uint8Array.from(t.won, () => (r() < 0.5 ? 1 : 0)) });
  assert.equal(noise, null);
  // The deals no persona rule matches can be exactly those with no value (a public leads export's
  // 60 leads without an origin): nothing to cluster, so no segment, where it threw before.
  const blank = (n: number): MixedColumn[] => [{ name: "industry", kind: "categorical", values: Array<string | null>(n).fill(null) }];
  const few = (n: number) => ({ ...input, columns: blank(n), weights: { industry: 1 }, won: Uint8Array.from({ length: n }, (_, i) => i % 2) });
  assert.equal(dealAntiPersona(few(60)), null);
  const some = few(120);
  (some.columns[0].values as (string | null)[]).fill("Retail", 0, MIN_CLUSTERED_DEALS - 1);
  assert.equal(dealAntiPersona(some), null, `${MIN_CLUSTERED_DEALS - 1} deals with a value are too few`);
});

test("clusterWithMinimumSize never chooses a k with a tiny cluster, and reproduces the table's row", () => {
  const t = syntheticTable();
  const result = personas(t, { bootstraps: 4, antiPersonas: false });
  assert.equal(result.k, 3, result.reason);
  assert.match(result.reason, /every cluster ≥ 10 of the \d+ customers clustered/);
  const row = result.candidates.find((c) => c.k === result.k)!;
  assert.equal(row.silhouette, result.silhouette);
  assert.equal(row.stability, result.stability);
  const g = syntheticGroups();
  assert.ok(adjustedRandIndex(Array.from(result.customerRows, (x) => g[x]), Array.from(result.labels)) > 0.8); // measured 0.85 (a tenth of the rows have a random industry)
  const x = Float64Array.from({ length: 203 }, (_, i) => (i < 100 ? i % 10 : i < 200 ? 100 + (i % 10) : 400 + i));
  const p = clusterWithMinimumSize([{ name: "x", kind: "numeric", values: x }], { bootstraps: 4, kMax: 4 });
  assert.ok(Math.min(...p.sizes) >= 10, JSON.stringify(p.sizes));
});

test("personaProfile puts every persona's strongest traits side by side", () => {
  const t = syntheticTable();
  const result = personas(t, { bootstraps: 4, antiPersonas: false });
  const rows = result.profile.rows;
  // one column per persona (the cluster of agencies that wins but churns is set aside)
  assert.equal(result.personas.length, result.k - 1);
  assert.ok(rows.length >= result.personas.length);
  for (const row of rows) {
    assert.equal(row.shares.length, result.personas.length);
    assert.ok(row.shares.every((s) => s >= 0 && s <= 1));
  }
  // a persona's own trait has the share its trait reports
  const p = result.personas[0];
  const own = rows.find((r) => r.attribute === p.traits[0].attribute && r.value === p.traits[0].value)!;
  assert.ok(Math.abs(own.shares[0] - p.traits[0].share) < 1e-12);
  const cols: MixedColumn[] = [{ name: "industry", kind: "categorical", values: ["SaaS", "SaaS", "SaaS", "Retail", "Retail", "SaaS"] }];
  const labels = [0, 0, 0, 1, 1, 1];
  const traits = [0, 1].map((c) => clusterTraits(cols, labels, c, { minCount: 1 }));
  assert.deepEqual(personaProfile(cols, labels, traits, 1).rows.map((r) => [r.value, r.shares]), [["SaaS", [1, 1 / 3]], ["Retail", [0, 2 / 3]]]);
});
