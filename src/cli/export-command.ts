import { EXPORT_TARGETS, exportRules, type ExportTarget } from "../scoring/export/export-rules";
import { readScoringRules } from "../scoring/parse-scoring-rules";
import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";
import { writeFilesTogether } from "./write-files-together";

const USAGE = `leadlab export <scoring.yaml> --to ${EXPORT_TARGETS.join("|")} --out <dir> [--field name=CrmField ...] [--picklist ApiName,...]`;

/**
 * `leadlab export`: writes the files that apply a `scoring.yaml` in a CRM into `--out`, together
 * and complete or not at all (through {@link writeFilesTogether}, as `leadlab tune` writes its run).
 *
 * @example
 * import { exportCommand } from "./export-command";
 * exportCommand(["tests/scoring/fixtures/scoring.yaml", "--to", "sheet", "--out", "/tmp/leadlab-sheet"], () => {}, (m) => process.stderr.write(m + "\n"));
 */
export function exportCommand(argv: string[], _out: (text: string) => void, progress: (m: string) => void = () => {}): void {
  const { values, positionals } = parseCommandArgs(
    "export",
    USAGE,
    argv,
    {
      to: { type: "string", value: "target", choices: EXPORT_TARGETS, required: true, help: "the CRM or sheet to write for" },
      out: { type: "string", value: "dir", required: true, help: "folder to write the files into, created if missing" },
      field: { type: "string", multiple: true, value: "name=CrmField", help: "the CRM's field for an attribute, e.g. --field industry=Industry" },
      picklist: { type: "string", value: "ApiName,...", help: "comma-separated CRM fields that are picklists" },
    },
    1,
    { summary: "Writes the files that apply the rules in a CRM or a spreadsheet, as an admin enters them.", args: [["<scoring.yaml>", "the rules written by leadlab tune"]] },
  );
  const to = values.to;
  if (to === undefined) throw new CliError(`export: --to is required; use one of ${EXPORT_TARGETS.join(", ")}. Usage: ${USAGE}`);
  if (values.out === undefined) throw new CliError(`export: --out <dir> is required. Usage: ${USAGE}`);
  const fields: Record<string, string> = {};
  for (const f of values.field ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(f);
    if (!m) throw new CliError(`export: --field "${f}" must be name=CrmField, e.g. --field industry=Industry. Usage: ${USAGE}`);
    fields[m[1].trim()] = m[2].trim();
  }
  const files = exportRules(readScoringRules(positionals[0]), to as ExportTarget, {
    fields,
    picklists: values.picklist === undefined ? undefined : values.picklist.split(",").map((p) => p.trim()),
  });
  writeFilesTogether(values.out, files);
  progress(`wrote ${Object.keys(files).length} files for ${to} to ${values.out}: ${Object.keys(files).join(", ")}`);
}
