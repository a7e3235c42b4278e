import type { ValidateFunction } from "ajv";

/** One way in which a spec breaks vega-lite's JSON Schema. */
export interface SpecError {
  /** JSON Pointer to the offending part of the spec, `""` for the spec itself, e.g. `"/layer/0/mark"`. */
  path: string;
  /** What is wrong there, as the validator words it, e.g. `"must be equal to one of the allowed values"`. */
  message: string;
}

let cachedValidator: ValidateFunction | undefined;

/** Compiles vega-lite's bundled JSON Schema once (it takes a few seconds) and keeps it. */
function vegaLiteValidator(): ValidateFunction {
  if (cachedValidator !== undefined) return cachedValidator;
  let AjvClass: typeof import("ajv").default;
  try {
    // Loaded on first use: ajv is needed for checking specs, not for drawing them.
    AjvClass = (require("ajv") as typeof import("ajv")).default;
  } catch {
    throw new Error('validateSpec needs the "ajv" package (version 8); install it with `npm install ajv@8`.');
  }
  const schema = require("vega-lite/build/vega-lite-schema.json") as object;
  const ajv = new AjvClass({ allErrors: true, strict: false, logger: false });
  // Formats the schema names; ajv core knows none of them.
  ajv.addFormat("color-hex", /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:/i);
  ajv.addFormat("uri-reference", true);
  cachedValidator = ajv.compile(schema);
  return cachedValidator;
}

/**
 * Checks a vega-lite spec against the JSON Schema that ships with the installed vega-lite 5
 * (`vega-lite/build/vega-lite-schema.json`) and returns what is wrong with it, or an empty
 * list for a valid spec. Each distinct (path, message) pair is listed once. The first call
 * compiles the schema, which takes a few seconds; later calls are fast.
 *
 * Valid against the schema does not mean it draws: compile or render it too
 * ({@link renderSvg}) for that.
 *
 * @example
 * import { rateByValueChart } from "leadlab";
 * import { validateSpec } from "./validate";
 * validateSpec(rateByValueChart([{ label: "a", n: 10, rate: 0.5, lo: 0.24, hi: 0.76 }], { title: "t" })); // => []
 * validateSpec({ data: { values: [] }, mark: "bars" }).length > 0; // => true
 */
export function validateSpec(spec: unknown): SpecError[] {
  const validate = vegaLiteValidator();
  if (validate(spec)) return [];
  const seen = new Set<string>();
  const errors: SpecError[] = [];
  for (const error of validate.errors ?? []) {
    const found: SpecError = { path: error.instancePath, message: error.message ?? error.keyword };
    const key = `${found.path}\u0000${found.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(found);
    }
  }
  return errors;
}
