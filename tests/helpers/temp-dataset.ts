import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./temp-dir";

/** Writes files into a fresh temporary folder and returns its path. */
export function tempDataset(files: Record<string, string>): string {
  const dir = tempDir("leadlab-test-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A minimal valid dataset.yaml over deals.csv, with extra YAML appended. */
export function specText(extra = "", deals = "deals:\n  file: deals.csv\n  id: deal_id\n  outcome: { column: stage, won: [Won], lost: [Lost] }\n  created_at: created\n"): string {
  return `name: test\n${deals}${extra}`;
}

/** A small deals.csv: five deals, one open. */
export const DEALS_CSV = [
  "deal_id,stage,created,account_id,employees,tags",
  "D1,Won,2026-01-10,A1,120,x;y",
  "D2,Lost,2026-01-12,A2,40,y",
  "D3,won ,2026-02-01,A1,300,",
  "D4,Open,2026-02-03,A3,NA,x",
  "D5,LOST,2026-02-05,A9,75,z",
].join("\n");
