import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cli-error";

/** The parsed option values: text for `type: "string"` options, booleans for flags (multiple: arrays). */
export type ParsedValues<O extends NonNullable<ParseArgsConfig["options"]>> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? (O[K]["type"] extends "string" ? string[] : boolean[]) : O[K]["type"] extends "string" ? string : boolean;
};

/**
 * Parses a command's arguments with Node's `parseArgs`, turning its errors into a one-line
 * {@link CliError} that names the command and shows its usage.
 *
 * @example
 * import { parseCommandArgs } from "leadlab";
 * parseCommandArgs("profile", "leadlab profile <dataset.yaml> [--json]", ["d.yaml", "--json"], { json: { type: "boolean" } }, 1).values.json; // => true
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  positionals: number,
): { values: ParsedValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== positionals)
      throw new Error(`expected ${positionals} argument${positionals === 1 ? "" : "s"}, got ${parsed.positionals.length}`);
    return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
  } catch (e) {
    throw new CliError(`${command}: ${(e as Error).message.split("\n")[0].replace(/\. To specify.*$/, "")}. Usage: ${usage}`);
  }
}
