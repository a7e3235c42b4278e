import { formatPercent } from "../format/percent";
import { loadDataset } from "../data/load-dataset";
import { profileTable } from "../data/profile-table";
import { formatLoadReport } from "../data/format-load-report";
import { parseCommandArgs } from "./parse-command-args";

const USAGE = "leadlab profile <dataset.yaml> [--json]";

/**
 * `leadlab profile`: loads a dataset and prints the load report and one line per attribute
 * (type, role, missing share, distinct values, win rate by top values); `--json` prints one
 * JSON document instead.
 *
 * @example
 * import { profileCommand } from "./profile-command";
 * await profileCommand(["data/sample/dataset.yaml", "--json"], (s) => process.stdout.write(s));
 */
export async function profileCommand(argv: string[], out: (text: string) => void, progress: (m: string) => void = () => {}): Promise<void> {
  const { values, positionals } = parseCommandArgs("profile", USAGE, argv, { json: { type: "boolean", help: "print one JSON document instead of the text" } }, 1, {
    summary: "The load report and one line per attribute: type, role, missing share, distinct values, win rate by top values.",
    args: [["<dataset.yaml>", "the dataset spec"]],
  });
  const { table, report } = await loadDataset(positionals[0], { onProgress: progress });
  const profile = profileTable(table);
  if (values.json) {
    out(JSON.stringify({ ...report, attributes: report.attributes.map((a, i) => ({ ...a, top: profile[i].top })) }, null, 2) + "\n");
    return;
  }
  out(formatLoadReport(report));
  // A customer list (every deal won) has no win rate: its top values are shown with their share of the deals.
  const customerList = table.won.every((w) => w === 1);
  out(customerList ? "\nattributes (deals by top values: a customer list, every deal won, has no win rate)\n" : "\nattributes (win rate by top values; raw rates, see `leadlab drivers` for evidence)\n");
  const w = Math.max(...profile.map((p) => p.name.length), 9);
  for (const p of profile) {
    const top = p.top.map((t) => (customerList ? `${t.value}: ${t.n} (${formatPercent(t.n / table.n)})` : `${t.value}: ${formatPercent(t.winRate)} of ${t.n}`)).join(" · ");
    out(`  ${p.name.padEnd(w)}  ${p.type.padEnd(11)} ${p.role.padEnd(13)} ${formatPercent(p.missing, 0).padStart(4)} missing  ${String(p.distinct).padStart(6)} distinct  ${top}\n`);
  }
}
