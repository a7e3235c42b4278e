import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { drivers } from "../../src/drivers/drivers";
import { retentionAnalysis } from "../../src/drivers/retention-analysis";
import { resolveTuneOptions } from "../../src/scoring/tune-options";
import { QuarterlyRun } from "../../src/run/quarterly-run";
import { SAMPLE_GROUND_TRUTH, type GroundTruthEffect } from "../../src/sample/ground-truth";
import type { RetentionBlock } from "../../src/formats/summary-schema";
import { sampleRun } from "../helpers/sample-fixture";

type Available = Extract<RetentionBlock, { available: true }>;

/** The ground truth of a driver: its attribute (the event type for behaviour) and, for `attr=value`, the level. */
function truthOf(name: string): { truth: GroundTruthEffect; level?: string } {
  const [attribute, level] = name.split("=");
  const truth =
    SAMPLE_GROUND_TRUTH.attributes.find((a) => a.attribute === attribute) ??
    SAMPLE_GROUND_TRUTH.attributes.find((a) => a.table === "events" && attribute.startsWith(`${a.attribute}_`));
  assert.ok(truth, `ground truth of ${name}`);
  return { truth, ...(level !== undefined ? { level } : {}) };
}

async function retentionBlock(): Promise<Available> {
  const block = (await sampleRun()).summary().retention;
  assert.equal(block.available, true, "the sample has retention data");
  return block as Available;
}

describe("the retention block of the sample's summary", () => {
  test("reuses the retention card's drivers, which are what the analysis computes on its own", async () => {
    const run = await sampleRun();
    const card = run.scorecard.value;
    assert.ok("block" in card && card.retention, "the sample's card has a retention card");
    assert.equal(run.retention!.drivers, card.retention.drivers, "the same result, not a second computation");
    const o = resolveTuneOptions({}, run.table);
    const computed = retentionAnalysis(run.table, run.scorecard.drivers, run.table.split.train, { seed: o.seed, keep: o.keep, exclude: [...o.exclude] });
    assert.deepEqual(run.retention!.toSummary(), computed.toSummary());
  });

  test("holds the values of drivers(table, { target: 'retained' }) on the training part of the table's split", async () => {
    const run = await sampleRun();
    const block = await retentionBlock();
    const expected = drivers(run.table, { target: "retained", rows: run.table.split.train });
    assert.equal(block.split, run.table.split.description);
    assert.deepEqual([block.customers, block.retained, block.event, block.verdict, block.tested], [expected.n, expected.events, expected.event, expected.verdict, expected.attributes.length]);
    assert.equal(block.baseRate, expected.events / expected.n);
    assert.deepEqual(
      block.drivers.map((d) => d.name),
      expected.significant.map((a) => a.name),
    );
    for (const d of block.drivers) {
      const a = expected.significant.find((x) => x.name === d.name)!;
      assert.deepEqual([d.q, d.p, d.iv, d.method], [a.q, a.p, a.iv, a.method], d.name);
      assert.ok(d.q < expected.fdr, `${d.name} is significant`);
      assert.deepEqual(
        d.bins.map((b) => [b.label, b.n, b.retained, b.lo, b.hi]),
        a.binSet.bins.map((b) => [b.label, b.n, b.events, b.lo, b.hi]),
      );
      assert.deepEqual(
        d.survival?.map((s) => [s.label, s.n, s.atHorizon.survival]),
        a.survival?.map((s) => [s.label, s.n, s.atHorizon.survival]),
      );
    }
    // the curves are those of the strongest drivers, each bin's Kaplan–Meier curve at its steps
    assert.deepEqual(
      block.curves.map((c) => c.name),
      expected.significant.slice(0, 3).map((a) => a.name),
    );
    const top = expected.significant[0];
    block.curves[0].bins.forEach((bin, k) => {
      const full = top.survival![k].curve;
      assert.equal(bin.label, top.survival![k].label);
      for (const step of bin.steps) assert.deepEqual(step, full.find((p) => p.days === step.days), `${top.name} ${bin.label} day ${step.days}`);
      // between steps the curve stays flat: every point of the full curve equals the last step at or before it
      for (const p of full) {
        const last = [...bin.steps].reverse().find((s) => s.days <= p.days)!;
        assert.deepEqual([p.survival, p.lo, p.hi], [last.survival, last.lo, last.hi], `${top.name} ${bin.label} day ${p.days}`);
      }
    });
  });

  test("finds the planted retention effects in the direction planted", async () => {
    const block = await retentionBlock();
    const names = block.drivers.map((d) => d.name);
    for (const planted of ["employees", "industry", "tech_stack=HubSpot", "committee_size", "champion_identified", "seniority", "webinar_attended_count_90d"]) {
      assert.ok(names.includes(planted), `${planted} predicts retention (found: ${names.join(", ")})`);
    }
    const rate = (name: string, label: string) => block.drivers.find((d) => d.name === name)!.bins.find((b) => b.label === label)!.rate!;
    assert.ok(rate("tech_stack=HubSpot", "true") < rate("tech_stack=HubSpot", "false"), "HubSpot customers churn");
    assert.ok(rate("champion_identified", "true") > rate("champion_identified", "false"), "a champion keeps the customer");
    assert.ok(rate("webinar_attended_count_90d", "≥ 2") > rate("webinar_attended_count_90d", "< 1"), "webinar attendees stay");
    const employees = block.drivers.find((d) => d.name === "employees")!.bins.filter((b) => b.label !== "missing");
    assert.ok(employees[0].rate! < employees[employees.length - 1].rate!, "small companies churn more");
  });

  test("finds none of the attributes without a retention effect", async () => {
    const block = await retentionBlock();
    for (const d of block.drivers) {
      const { truth, level } = truthOf(d.name);
      assert.equal(truth.independent, false, `${d.name} was drawn independently: a false discovery`);
      const effect = level !== undefined ? truth.levels?.find((l) => l.level === level)?.effectOnRetention : truth.effectOnRetention;
      assert.notEqual(effect, "none", `${d.name} has no planted retention effect`);
    }
  });

  test("reads the planted contrast: agencies win but churn, finance is hard to win but loyal", async () => {
    const { contrast } = await retentionBlock();
    const bins = (rows: Available["contrast"]["winsButChurns"]) => rows.map((r) => `${r.name}: ${r.label}`);
    assert.ok(bins(contrast.winsButChurns).includes("industry: Marketing & Advertising"), bins(contrast.winsButChurns).join(", "));
    assert.ok(bins(contrast.winsButChurns).includes("tech_stack=HubSpot: true"));
    assert.ok(bins(contrast.hardToWinLoyal).includes("industry: Financial Services"), bins(contrast.hardToWinLoyal).join(", "));
    for (const r of contrast.winsButChurns) {
      assert.ok(r.win.lo! > contrast.baseWinRate! && r.retention.hi! < contrast.baseRetentionRate!, `${r.name}: ${r.label} lies on the wrong sides`);
      assert.ok(r.winQ! < 0.05 && r.retentionQ! < 0.05, `${r.name} predicts both`);
    }
  });

  test("the report has the retention section with its curves and the contrast", async () => {
    const html = await (await sampleRun()).reportHtml();
    assert.match(html, /Retention: which customers stay/);
    assert.match(html, /Retention by employees/);
    assert.match(html, /wins but churns<\/td><td>industry<\/td><td>Marketing &amp; Advertising/);
  });

  test("a dataset without retention data says so in the summary and the report", async () => {
    const run = await sampleRun();
    const without = new QuarterlyRun(run.table, run.scorecard, run.personas, run.frameworks, run.diff, run.load, run.extras);
    assert.deepEqual(without.summary().retention, {
      available: false,
      reason: "no retention data in this dataset: add a `retention:` table to dataset.yaml (renewal flags, or contract start and churn dates) to analyse which customers stay",
    });
    assert.match(await without.reportHtml(), /<p>No retention data in this dataset: add a `retention:` table to dataset\.yaml/);
  });
});
