import type { CrmAttribute, CrmCondition } from "./crm-plan";

/**
 * A plan row's condition in words a CRM admin reads, e.g. `≥ 300 and < 926`, `is one of
 * "C-level", "Director"`, `is blank`, `includes "HubSpot"`. Text compares trimmed and ignoring
 * case ("saas " is "SaaS"), as the scorer compares it; "is blank" names the rules' missing tokens.
 *
 * @example
 * import { conditionWords } from "./condition-words";
 * import { type CrmAttribute } from "./crm-plan";
 * const employees: CrmAttribute = { name: "employees", group: "fit", field: "employees", kind: "number", rows: [], missing: ["NA"] };
 * conditionWords(employees, { op: "range", lo: 300, hi: 926, loInclusive: true, hiInclusive: false }); // => "≥ 300 and < 926"
 * conditionWords(employees, { op: "blank" }); // => 'is blank or "NA"'
 */
export function conditionWords(a: CrmAttribute, c: CrmCondition): string {
  switch (c.op) {
    case "blank":
      return a.missing.length === 0 ? "is blank" : `is blank or ${a.missing.map(quoted).join(" or ")}`;
    case "range":
      return rangeWords(c);
    case "oneOf":
      if (a.kind === "contains") return c.values.length === 1 && c.values[0] === "false" ? `is not blank and does not include ${quoted(a.item?.value ?? "")}` : `includes ${quoted(a.item?.value ?? "")}`;
      if (a.kind === "boolean" && c.values.length === 1) return c.values[0] === "true" ? "is true (true, yes, y, t, 1)" : "is false (false, no, n, f, 0)";
      return c.values.length === 1 ? `is ${quoted(c.values[0])}` : `is one of ${c.values.map(quoted).join(", ")}`;
    case "noneOf":
      return `is not blank and none of ${c.values.map(quoted).join(", ")}`;
  }
}

function rangeWords(r: Extract<CrmCondition, { op: "range" }>): string {
  if (r.lo !== undefined && r.lo === r.hi) return `= ${String(r.lo)}`;
  const parts: string[] = [];
  if (r.lo !== undefined) parts.push(`${r.loInclusive ? "≥" : ">"} ${String(r.lo)}`);
  if (r.hi !== undefined) parts.push(`${r.hiInclusive ? "≤" : "<"} ${String(r.hi)}`);
  return parts.length === 0 ? "any number" : parts.join(" and ");
}

function quoted(value: string): string {
  return `"${value}"`;
}
