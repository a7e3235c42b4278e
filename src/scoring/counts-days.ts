import type { AttributeMeta } from "../data/deal-table";

/**
 * Whether an attribute counts days, so its bin edges are rounded to whole days: a days-since or
 * active-days feature, or a name with "days" in it.
 *
 * @example
 * import { countsDays } from "./counts-days";
 * countsDays({ name: "webinar_attended_days_since_last_90d", type: "numeric", role: "behavioral", source: "events", table: "events" }); // => true
 * countsDays({ name: "employees", type: "numeric", role: "firmographic", source: "spec", table: "accounts" }); // => false
 */
export function countsDays(meta: Pick<AttributeMeta, "name" | "feature">): boolean {
  return meta.feature?.aggregate === "days_since_last" || meta.feature?.aggregate === "active_days" || /(^|_)days?(_|$)/i.test(meta.name);
}
