/**
 * Why personas cannot be drawn from a table's data (too few customers, no attribute to describe
 * them by): the data's limit, not a wrong call. The quarterly run reports it and goes on without
 * personas; other errors of `personas` are wrong options.
 *
 * @example
 * import { PersonasError } from "leadlab";
 * new PersonasError("only 8 won customers").message; // => "personas: only 8 won customers"
 */
export class PersonasError extends Error {
  constructor(readonly reason: string) {
    super(`personas: ${reason}`);
    this.name = "PersonasError";
  }
}

/** Personas the data could not give, and why (a {@link PersonasError}'s reason): what a run has in their place. */
export interface PersonasUnavailable {
  unavailable: string;
}

