import type { DatasetSpec } from "../formats/dataset-spec";
import { DEFAULT_HOLDOUT_SEED } from "../formats/provenance";
import { specTimeZone } from "./parse-dataset-spec";

/** Text read as missing when the spec has no `missing:`. */
export const DEFAULT_MISSING = ["", "NA", "N/A", "null", "NULL", "#N/A"];
/** The event windows (days before the scoring point) when `events:` names none. */
export const DEFAULT_EVENT_WINDOWS = [90];

type Events = NonNullable<DatasetSpec["events"]>;
type Holdout = NonNullable<DatasetSpec["holdout"]>;

/**
 * A dataset spec with every default the spec itself fixes filled in, so that no phase of a
 * load supplies one of its own: text read as missing, the time zone (its canonical IANA name),
 * the joins and declared attributes (empty when absent), the event windows (distinct, in
 * increasing order) and a random holdout's seed. What depends on the data (a holdout the spec
 * does not give, chosen from the date range; an attribute's inferred type) is resolved at load.
 */
export type ResolvedDatasetSpec = Omit<DatasetSpec, "missing" | "timezone" | "join" | "attributes" | "events" | "holdout"> & {
  missing: string[];
  timezone: string;
  join: NonNullable<DatasetSpec["join"]>;
  attributes: NonNullable<DatasetSpec["attributes"]>;
  events?: Omit<Events, "windows"> & { windows: number[] };
  holdout?: Exclude<Holdout, { by: "random" }> | (Extract<Holdout, { by: "random" }> & { seed: number });
};

/**
 * Fills the defaults of a dataset spec; the one place they are written. The spec itself is not
 * changed (`leadlab init` writes back what the user wrote). A `timezone:` that is not a zone
 * name is an error naming `file`, as when the spec is parsed (a spec may be built in code).
 *
 * @example
 * import { parseDatasetSpec } from "leadlab";
 * import { resolveDatasetSpec } from "./resolve-dataset-spec";
 * const spec = parseDatasetSpec("name: s\ntimezone: europe/berlin\ndeals: { file: d.csv, id: id, outcome: { column: stage, won: [won], lost: [lost] } }\nevents: { file: e.csv, key: id, time: ts, type: kind, windows: [90, 30, 90] }\nholdout: { by: random, fraction: 0.2 }");
 * const resolved = resolveDatasetSpec(spec);
 * [resolved.timezone, resolved.events?.windows, resolved.holdout, resolved.missing.length]; // => ["Europe/Berlin", [30, 90], { by: "random", fraction: 0.2, seed: 7 }, 6]
 */
export function resolveDatasetSpec(spec: DatasetSpec, file = "dataset.yaml"): ResolvedDatasetSpec {
  const { events, holdout, ...rest } = spec;
  return {
    ...rest,
    missing: spec.missing ?? [...DEFAULT_MISSING],
    timezone: specTimeZone(spec.timezone, file),
    join: spec.join ?? [],
    attributes: spec.attributes ?? {},
    ...(events ? { events: { ...events, windows: [...new Set(events.windows ?? DEFAULT_EVENT_WINDOWS)].sort((a, b) => a - b) } } : {}),
    ...(holdout ? { holdout: holdout.by === "random" ? { ...holdout, seed: holdout.seed ?? DEFAULT_HOLDOUT_SEED } : holdout } : {}),
  };
}
