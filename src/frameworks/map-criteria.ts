import type { AttributeMeta } from "../data/deal-table";
import { DatasetError } from "../formats/dataset-error";
import { nearestName } from "../formats/nearest-name";
import { CRITERIA, CRITERION_ALIASES, normalCriterionName, resolveCriterion, type Criterion } from "./criteria";
import { FRAMEWORK_NAMES, frameworksAsking, resolveFramework, type FrameworkDefinition } from "./framework-definitions";

/** An attribute that `dataset.yaml` maps to a criterion. */
export interface MappedAttribute {
  attribute: string;
  /** The framework as written in the spec, resolved to leadlab's name when it is one (else as written). */
  framework: string;
  /** The criterion as written in the spec. */
  written: string;
  /** The criterion it resolves to. */
  criterion: Criterion;
}

/** One criterion of one framework and the attribute that answers it. */
export interface CriterionSlot {
  /** The framework's own name and label for it (`challenges`, `Challenges`). */
  key: string;
  label: string;
  criterion: Criterion;
  /** The attribute answering it, or null when none is mapped. */
  attribute: string | null;
  /** Where the attribute's mapping comes from when it is another framework's (`mapped for BANT as need`), else "". */
  via: string;
  /** Other attributes that answer the same criterion, not used by this framework. */
  alternatives: string[];
}

/** A framework with each of its criteria matched to an attribute (or not). */
export interface FrameworkMapping {
  framework: FrameworkDefinition;
  slots: CriterionSlot[];
  /** One message per criterion with no attribute, saying how to map one. */
  missing: string[];
}

/** The result of {@link mapCriteria}. */
export interface CriteriaMapping {
  /** Every usable mapped attribute, in table order. */
  attributes: MappedAttribute[];
  frameworks: FrameworkMapping[];
  /** Mappings that were set aside or look wrong, in words. */
  warnings: string[];
}

/**
 * Matches the criteria of each framework to the table's attributes, through the `framework` and
 * `criterion` of each attribute in `dataset.yaml`. An attribute answers its criterion (after
 * aliases: `identified_pain` and `challenges` are `need`, `money` is `budget`…) for **every**
 * framework that asks it, whichever framework it was mapped for.
 *
 * When several attributes answer one criterion, a framework takes, in this order of preference:
 * the one mapped for that framework itself; then one mapped under the framework's own name for
 * the criterion (`criterion: challenges` for CHAMP's Challenges); then one mapped under the
 * criterion's own name (`criterion: need` rather than an alias); then the first in table order.
 * The others are listed as `alternatives`.
 *
 * Attributes with role `exclude` and date attributes are set aside with a warning. A criterion
 * name that is neither a criterion nor an alias throws a {@link DatasetError} when the framework
 * is one leadlab defines (a typo), and is set aside with a warning otherwise (a framework of the
 * user's own). Never mutates its input.
 *
 * @param attributes the table's attribute metadata
 * @param frameworks which frameworks, by name (default: all of `FRAMEWORKS`)
 * @example
 * import { mapCriteria } from "leadlab";
 * const meta = (name: string, framework: string, criterion: string) =>
 *   ({ name, type: "boolean" as const, role: "qualification" as const, source: "spec" as const, table: "deals", framework, criterion });
 * const m = mapCriteria([meta("budget_ok", "BANT", "budget"), meta("pain_found", "MEDDIC", "identified_pain")], ["CHAMP"]);
 * m.frameworks[0].slots.map((s) => `${s.label}: ${s.attribute}`); // => ["Challenges: pain_found", "Authority: null", "Money: budget_ok", "Prioritization: null"]
 * m.frameworks[0].missing[0]; // => "CHAMP: no attribute answers 'Authority' (authority); map one in dataset.yaml with `criterion: authority`"
 */
export function mapCriteria(attributes: readonly AttributeMeta[], frameworks: readonly string[] = FRAMEWORK_NAMES): CriteriaMapping {
  const chosen = frameworks.map((name) => {
    const f = resolveFramework(name);
    if (!f) throw new Error(`mapCriteria: unknown framework "${name}"${suggest(name, FRAMEWORK_NAMES)}; frameworks: ${FRAMEWORK_NAMES.join(", ")}`);
    return f;
  });
  const warnings: string[] = [];
  const mapped: MappedAttribute[] = [];
  for (const a of attributes) {
    if (a.criterion === undefined) continue;
    const known = a.framework !== undefined ? resolveFramework(a.framework) : undefined;
    const frameworkName = known?.name ?? a.framework ?? "";
    const criterion = resolveCriterion(a.criterion);
    const field = `attributes.${a.name}.criterion`;
    if (criterion === undefined) {
      const names = [...CRITERIA, ...Object.keys(CRITERION_ALIASES)];
      if (known) {
        throw new DatasetError(
          `"${a.criterion}" is not a criterion of ${known.name} or of any framework leadlab knows`,
          { file: "dataset.yaml", field, value: a.criterion },
          `write one of ${known.criteria.map((c) => c.key).join(", ")}${suggest(a.criterion, names, " (did you mean ", ")")}`,
        );
      }
      warnings.push(
        `${a.name}: criterion "${a.criterion}" of framework "${a.framework ?? ""}" is not one leadlab evaluates (criteria: ${CRITERIA.join(", ")}); the attribute is not used`,
      );
      continue;
    }
    if (a.role === "exclude") {
      warnings.push(`${a.name}: mapped to ${criterion} but its role is exclude, so it is not used; remove \`role: exclude\` to use it`);
      continue;
    }
    if (a.type === "date") {
      warnings.push(`${a.name}: mapped to ${criterion} but it is a date, which says when, not whether; map a boolean, yes/no or numeric attribute instead`);
      continue;
    }
    if (a.framework !== undefined && !known) {
      warnings.push(`${a.name}: framework "${a.framework}" is not one leadlab defines (${FRAMEWORK_NAMES.join(", ")}); it still answers ${criterion} for the frameworks that ask it`);
    } else if (known && !known.criteria.some((c) => c.criterion === criterion)) {
      const askers = frameworksAsking(criterion).map((x) => x.framework);
      warnings.push(`${a.name}: ${known.name} has no ${criterion} criterion; it answers ${criterion} for ${askers.join(", ") || "no framework"}`);
    }
    mapped.push(Object.freeze({ attribute: a.name, framework: frameworkName, written: a.criterion, criterion }));
  }

  const mappings = chosen.map((f): FrameworkMapping => {
    const slots = f.criteria.map((c): CriterionSlot => {
      const rank = (m: MappedAttribute) => {
        const w = normalCriterionName(m.written);
        return [m.framework === f.name ? 0 : 1, w === c.key ? 0 : 1, w === c.criterion ? 0 : 1];
      };
      const candidates = mapped
        .map((m, order) => ({ m, order, r: rank(m) }))
        .filter((x) => x.m.criterion === c.criterion)
        .sort((x, y) => x.r[0] - y.r[0] || x.r[1] - y.r[1] || x.r[2] - y.r[2] || x.order - y.order);
      const pick = candidates[0]?.m;
      return Object.freeze({
        key: c.key,
        label: c.label,
        criterion: c.criterion,
        attribute: pick?.attribute ?? null,
        via: pick && pick.framework !== f.name ? `mapped ${pick.framework ? `for ${pick.framework} ` : ""}as ${normalCriterionName(pick.written)}` : "",
        alternatives: candidates.slice(1).map((x) => x.m.attribute),
      });
    });
    const missing = slots
      .filter((s) => s.attribute === null)
      .map((s) => `${f.name}: no attribute answers '${s.label}' (${s.criterion}); map one in dataset.yaml with \`criterion: ${s.criterion}\``);
    return { framework: f, slots, missing };
  });
  return { attributes: mapped, frameworks: mappings, warnings };
}

function suggest(name: string, candidates: readonly string[], before = " (did you mean ", after = "?)"): string {
  const near = nearestName(name, candidates);
  return near ? `${before}${near}${after}` : "";
}
