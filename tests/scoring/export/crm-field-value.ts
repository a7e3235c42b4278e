import type { CrmAttribute } from "../../../src/scoring/export/crm-plan";

const TRUE = ["true", "t", "yes", "y", "1"];
const FALSE = ["false", "f", "no", "n", "0"];

/**
 * A lead's value as a CRM field holds it after import: numbers as numbers, a true/false field
 * as "true"/"false", a list as its trimmed items, text trimmed; null when blank.
 */
export function crmFieldValue(a: CrmAttribute, v: number | string | null): number | string | string[] | null {
  if (v === null || String(v).trim() === "") return null;
  const t = String(v).trim();
  if (a.kind === "number") return Number(t);
  if (a.kind === "boolean") return TRUE.includes(t.toLowerCase()) ? "true" : FALSE.includes(t.toLowerCase()) ? "false" : t;
  if (a.kind === "contains") {
    const items = t.split(a.item!.separator).map((x) => x.trim()).filter((x) => x !== "");
    return items.length === 0 ? null : items;
  }
  return t;
}
