import { CliError } from "./cli-error";
import { parseCommandArgs } from "./parse-command-args";
import { writeSample, type WriteSampleOptions } from "../sample/write-sample";

const USAGE = "leadlab sample --out <dir> [--seed N] [--accounts N] [--deals N] [--events N] [--events-format parquet|csv]";

/**
 * The `sample` command: parses its arguments, writes the sample, prints progress and a
 * one-line summary to stderr. Throws one clear line (with the usage) for a wrong argument.
 *
 * @example
 * import { runSampleCommand } from "./sample-command";
 * await runSampleCommand(["--out", "/tmp/leadlab-sample", "--deals", "400", "--events-format", "csv"]);
 */
export async function runSampleCommand(argv: readonly string[]): Promise<void> {
  const { values } = parseCommandArgs(
    "sample",
    USAGE,
    [...argv],
    {
      out: { type: "string", value: "dir", required: true, help: "folder to write the sample into, created if missing" },
      seed: { type: "string", value: "N", number: { kind: "integer", min: 0, max: 0xffffffff }, default: "42", help: "seed of the generator: the same seed gives byte-identical files" },
      accounts: { type: "string", value: "N", number: { kind: "integer", min: 1, max: 10_000_000 }, default: "3000, or 3/8 of --deals", help: "accounts" },
      deals: { type: "string", value: "N", number: { kind: "integer", min: 1, max: 10_000_000 }, default: "8000", help: "deals" },
      events: { type: "string", value: "N", number: { kind: "integer", min: 0, max: 1_000_000_000 }, default: "50 per deal", help: "engagement events" },
      "events-format": { type: "string", value: "format", choices: ["parquet", "csv"], default: "parquet", help: "file format of the events" },
    },
    0,
    { summary: "Writes the seeded sample data (accounts, products, deals, renewals, events and a dataset.yaml) with a known ground truth." },
  );
  const out = values.out;
  if (out === undefined) throw new CliError(`sample: --out is required. Usage: ${USAGE}`);
  const options: WriteSampleOptions = { onProgress: (m) => process.stderr.write(`sample: ${m}\n`) };
  for (const key of ["seed", "accounts", "deals", "events"] as const) if (values[key] !== undefined) options[key] = Number(values[key]);
  if (values["events-format"] !== undefined) options.eventsFormat = values["events-format"] as "parquet" | "csv";
  const started = process.hrtime.bigint();
  const s = await writeSample(out, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(
    `sample: ${s.deals.total} deals (${s.deals.won} won, ${s.deals.lost} lost, ${s.deals.open} open), ` +
      `${s.events.total} events, ${s.options.accounts} accounts -> ${out} in ${seconds.toFixed(1)} s\n`,
  );
}
