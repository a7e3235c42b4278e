import { loadDataset } from "../src/data/load-dataset";
import { personas } from "../src/personas/personas";
import { tuneScorecard } from "../src/scoring/tune-scorecard";
async function main() {
  const { table } = await loadDataset("data/sample/dataset.yaml");
  const card = tuneScorecard(table);
  const r = personas(table, { drivers: card.drivers });
  for (const a of r.attributes) console.log(a.name, a.weight.toFixed(3), a.reason);
  console.log("k", r.k, "fid", r.assignment.fidelity, r.assignment.heldOutFidelity);
  console.log(r.personas.map((p) => p.name).join(" | "));
  console.log(r.assignment.text.join("\n")); console.log(r.assignment.bySegment, r.personas.map((p: any) => [p.name, p.size, p.silhouette.toFixed(2)]), r.antiPersonas.map((a: any) => a.name));
}
if (!process.env.MORE) main();
async function more() {
  const { table } = await loadDataset("data/sample/dataset.yaml");
  const card = tuneScorecard(table);
  const r = personas(table, { drivers: card.drivers });
  console.log(JSON.stringify(r.candidates.map((c: any) => ({ k: c.k, s: c.silhouette.toFixed(3), st: c.stability.toFixed(2) }))));
  console.log(r.counts, r.silhouette);
  for (const k of [3, 5]) { const q = personas(table, { drivers: card.drivers, k }); console.log(k, q.assignment.fidelity.toFixed(3), q.assignment.heldOutFidelity.toFixed(3), q.personas.map((p) => p.name).join(" | ")); }
}
if (process.env.MORE) more();
