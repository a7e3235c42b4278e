import { CliError } from "./cli-error";
import { writeSample, type WriteSampleOptions } from "../sample/write-sample";

const USAGE =
  "usage: leadlab sample --out <dir> [--seed N] [--accounts N] [--deals N] [--events N] [--events-format parquet|csv]";

const INTEGER_FLAGS = { "--seed": "seed", "--accounts": "accounts", "--deals": "deals", "--events": "events" } as const;

/**
 * The `sample` command: parses its arguments, writes the sample, prints progress and a
 * one-line summary to stderr. Throws one clear line (with the usage) for a wrong argument.
 *
 * @example
 * import { runSampleCommand } from "leadlab";
 * await runSampleCommand(["--out", "/tmp/leadlab-sample", "--deals", "400", "--events-format", "csv"]);
 */
export async function runSampleCommand(argv: readonly string[]): Promise<void> {
  let out: string | undefined;
  const options: WriteSampleOptions = { onProgress: (m) => process.stderr.write(`sample: ${m}\n`) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--out" || flag === "--events-format" || flag in INTEGER_FLAGS) {
      if (value === undefined || value.startsWith("--")) throw new CliError(`sample: ${flag} needs a value ${USAGE}`);
      i++;
    }
    if (flag === "--out") out = value;
    else if (flag === "--events-format") {
      if (value !== "parquet" && value !== "csv") throw new CliError(`sample: --events-format must be parquet or csv; got "${value}" ${USAGE}`);
      options.eventsFormat = value;
    } else if (flag in INTEGER_FLAGS) {
      if (!/^\d+$/.test(value)) throw new CliError(`sample: ${flag} must be a whole number; got "${value}" ${USAGE}`);
      options[INTEGER_FLAGS[flag as keyof typeof INTEGER_FLAGS]] = Number(value);
    } else throw new CliError(`sample: unknown argument "${flag}" ${USAGE}`);
  }
  if (out === undefined) throw new CliError(`sample: --out is required ${USAGE}`);
  const started = process.hrtime.bigint();
  const s = await writeSample(out, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(
    `sample: ${s.deals.total} deals (${s.deals.won} won, ${s.deals.lost} lost, ${s.deals.open} open), ` +
      `${s.events.total} events, ${s.options.accounts} accounts -> ${out} in ${seconds.toFixed(1)} s\n`,
  );
}
