/**
 * A wrong command-line call: printed as one line, exit code 2.
 *
 * @example
 * import { CliError } from "./cli-error";
 * new CliError("missing <dataset.yaml>").message; // => "missing <dataset.yaml>"
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}
