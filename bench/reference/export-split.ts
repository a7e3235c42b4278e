/**
 * Writes the deals of a dataset as leadlab sees them (features as of the scoring point) to one CSV,
 * with the train / holdout split `leadlab tune` uses, so other tools can be fitted on exactly the
 * same rows: `tsx bench/reference/export-split.ts <dataset.yaml> <out.csv>`.
 * Attributes with role `exclude`, dates, and attributes set aside as leakage by the drivers of the
 * training part are left out (as the tuner leaves them out); a multi-valued attribute becomes one
 * 0/1 column per value. Missing values are empty cells.
 */
import { writeFileSync } from "node:fs";
import { loadDataset } from "../../src/data/load-dataset";
import { drivers } from "../../src/drivers/drivers";
import { splitHoldout } from "../../src/data/holdout-split";

async function main(): Promise<void> {
  const [specPath, outPath] = process.argv.slice(2);
  if (!specPath || !outPath) throw new Error("usage: tsx bench/reference/export-split.ts <dataset.yaml> <out.csv>");
  const { table, spec } = await loadDataset(specPath);
  const split = splitHoldout(table.n, table.holdout, table.closedAt ?? table.createdAt, table.won);
  const keep = Object.entries(spec.attributes ?? {}).filter(([, a]) => a.keep).map(([name]) => name);
  const d = drivers(table, { target: "won", rows: split.train, keep });
  const setAside = new Set(d.attributes.filter((a) => a.leakage !== null && !a.leakageKept).map((a) => a.attribute));
  const header = ["row", "split", "won"];
  const cells: ((r: number) => string)[] = [];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const a of table.attributes) {
    if (a.role === "exclude" || a.type === "date" || setAside.has(a.name)) continue;
    const c = table.columns[a.name];
    if (a.type === "multi") {
      const lists = c as (string[] | null)[];
      const values = [...new Set(lists.flatMap((l) => l ?? []))].sort();
      for (const v of values) {
        header.push(`${a.name}=${v}`);
        cells.push((r) => (lists[r] === null ? "" : lists[r]!.includes(v) ? "1" : "0"));
      }
    } else if (c instanceof Float64Array) {
      header.push(`num:${a.name}`);
      cells.push((r) => (Number.isNaN(c[r]) ? "" : String(c[r])));
    } else {
      header.push(`cat:${a.name}`);
      const v = c as (string | boolean | null)[];
      cells.push((r) => (v[r] === null ? "" : quote(String(v[r]))));
    }
  }
  const test = new Set(split.test);
  const lines = [header.map(quote).join(",")];
  for (let r = 0; r < table.n; r++) lines.push([String(r), test.has(r) ? "test" : "train", String(table.won[r]), ...cells.map((f) => f(r))].join(","));
  writeFileSync(outPath, lines.join("\n") + "\n");
  process.stderr.write(`${table.n} rows (${split.train.length} train, ${split.test.length} test), ${header.length - 3} columns; set aside as leakage: ${[...setAside].join(", ") || "none"}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
