// Why Node's `util.parseArgs` and not commander or yargs: it is part of Node (maintained with it,
// no dependency, no install size), it already parses every command here, and the three things we
// need on top of it -- a line of help per option, parse-time checks of numbers and enums, and the
// nearest option for a typo -- fit in this one file as metadata on the same declaration
// (`OptionSpec`). commander would bring its own help layout and error wording that we would have
// to override to keep our one-line errors; a declaration here gives parsing, validation and help.
import { parseArgs } from "node:util";
import { nearestName } from "../formats/nearest-name";
import { CliError } from "./cli-error";

/** A number an option takes, checked when the arguments are parsed (before any file is read). */
export type NumberKind =
  | { kind: "integer"; min: number; max?: number }
  | { kind: "share" }
  | { kind: "number" };

/**
 * One option of a command: how it parses (`type`, `multiple`, `short`), what it means (`help`,
 * `value`, `default` as shown in the help; the command applies its default) and what it accepts
 * (`choices`, `number`), checked at parse time.
 */
export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** One line: what the option does. */
  help?: string;
  /** Shown as "required" in the help (the command says what is missing). */
  required?: boolean;
  /** The placeholder of its value in the help, e.g. `N` or `dir`. */
  value?: string;
  /** The default, as shown in the help. */
  default?: string;
  /** The allowed values. */
  choices?: readonly string[];
  /** The number it must be. */
  number?: NumberKind;
}

/** The options of a command, by long name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** What a command's `--help` says besides its options: a summary and its positional arguments. */
export interface CommandAbout {
  summary: string;
  /** Each positional argument (as in the usage, e.g. `<dataset.yaml>`) and what it is. */
  args?: readonly (readonly [string, string])[];
}

/** The parsed option values: text for `type: "string"` options, booleans for flags (multiple: arrays). */
export type ParsedValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? (O[K]["type"] extends "string" ? string[] : boolean[]) : O[K]["type"] extends "string" ? string : boolean;
};

/** Thrown for `--help`/`-h`: the command's help, for stdout with exit code 0 (not an error). */
export class HelpRequested extends Error {
  constructor(readonly text: string) {
    super("help requested");
    this.name = "HelpRequested";
  }
}

/**
 * Parses a command's arguments with Node's `parseArgs`: answers `--help`/`-h` with the command's
 * help ({@link HelpRequested}), checks numbers and allowed values of the declared options, and
 * turns every problem into a one-line {@link CliError} naming the command, the option, the value
 * and what is allowed (the nearest option for an unknown one), before the command reads a file.
 *
 * @example
 * import { parseCommandArgs } from "./parse-command-args";
 * parseCommandArgs("profile", "leadlab profile <dataset.yaml> [--json]", ["d.yaml", "--json"], { json: { type: "boolean" } }, 1).values.json; // => true
 */
export function parseCommandArgs<O extends OptionSpecs>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  positionals: number,
  about?: CommandAbout,
): { values: ParsedValues<O>; positionals: string[] } {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(commandHelp(usage, options, about));
  const parserOptions = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: parserOptions, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const unknown = err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(-{1,2}[^']+)'/.exec(err.message)?.[1] : undefined;
    if (unknown !== undefined) {
      const near = nearestName(unknown.replace(/^-+/, "").split("=")[0], Object.keys(options));
      const hint = near ? `; did you mean --${near}?` : Object.keys(options).length ? `; options: ${Object.keys(options).map((o) => `--${o}`).join(", ")}` : "; it takes no options";
      throw new CliError(`${command}: unknown option ${unknown}${hint} (see leadlab ${command} --help)`);
    }
    const ambiguous = /^Option '(--[^' ]+)[^']*' argument is ambiguous/.exec(err.message)?.[1];
    if (ambiguous !== undefined) throw new CliError(`${command}: ${ambiguous} needs a value; to give one starting with a dash, write ${ambiguous}=-1 (see leadlab ${command} --help)`);
    throw new CliError(`${command}: ${err.message.split("\n")[0].replace(/\. To specify.*$/, "").replace(/\.$/, "")}. Usage: ${usage}`);
  }
  for (const [name, o] of Object.entries(options)) {
    const given = parsed.values[name];
    for (const v of Array.isArray(given) ? given : [given]) if (typeof v === "string") checkValue(command, name, o, v);
  }
  if (parsed.positionals.length !== positionals)
    throw new CliError(`${command}: expected ${positionals} argument${positionals === 1 ? "" : "s"}, got ${parsed.positionals.length}. Usage: ${usage}`);
  return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
}

/** Throws the one-line error for a value an option does not accept. */
function checkValue(command: string, name: string, o: OptionSpec, v: string): void {
  const refuse = (what: string) => {
    throw new CliError(`${command}: --${name} must be ${what}; got ${/^[^\s"]+$/.test(v) ? v : JSON.stringify(v)}`);
  };
  if (o.choices && !o.choices.includes(v)) refuse(`one of ${o.choices.join(", ")}`);
  const n = o.number;
  if (!n) return;
  const x = v.trim() === "" ? NaN : Number(v);
  if (n.kind === "share" && !(x > 0 && x < 1)) refuse("a share between 0 and 1 (e.g. 0.2)");
  if (n.kind === "number" && !Number.isFinite(x)) refuse("a number");
  if (n.kind === "integer" && !(/^\s*-?\d+\s*$/.test(v) && x >= n.min && (n.max === undefined || x <= n.max)))
    refuse(`a whole number ${n.max === undefined ? `≥ ${n.min}` : `from ${n.min} to ${n.max}`}`);
}

/** What an option accepts, for the help: its choices or its number. */
function accepts(o: OptionSpec): string | undefined {
  if (o.choices) return `one of ${o.choices.join(", ")}`;
  const n = o.number;
  if (!n) return undefined;
  if (n.kind === "share") return "a share between 0 and 1";
  if (n.kind === "number") return "a number";
  return `a whole number ${n.max === undefined ? `≥ ${n.min}` : `from ${n.min} to ${n.max}`}`;
}

/**
 * The `--help` text of a command: usage, summary, arguments, and a line per option with what it
 * does, what it accepts and its default.
 */
export function commandHelp(usage: string, options: OptionSpecs, about?: CommandAbout): string {
  const lines = [`usage: ${usage.replace(/^usage: /, "")}`, ""];
  if (about) lines.push(about.summary, "");
  const rows: [string, string][] = [];
  if (about?.args?.length) rows.push(...about.args.map(([name, help]) => [name, help] as [string, string]));
  const optionRows: [string, string][] = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` <${o.value ?? "value"}>` : ""}`;
    const notes = [o.required ? "required" : undefined, accepts(o), o.default === undefined ? undefined : `default ${o.default}`, o.multiple ? "repeatable" : undefined].filter((x) => x !== undefined);
    return [flag, `${o.help ?? ""}${notes.length ? ` (${notes.join("; ")})` : ""}`];
  });
  optionRows.push(["-h, --help", "print this help"]);
  const width = Math.max(...[...rows, ...optionRows].map(([a]) => a.length));
  if (rows.length) lines.push("arguments:", ...rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`), "");
  lines.push("options:", ...optionRows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`));
  return lines.join("\n") + "\n";
}
