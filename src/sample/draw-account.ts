import { ARCHETYPES, type Archetype } from "./archetypes";
import { FILLER_TECH, INDUSTRIES, REGIONS, TECH_ITEMS, type Industry } from "./catalog";
import type { Random } from "./random";
import type { AccountRow } from "./sample-data";

/** An account as drawn: its row (with missing cells) and the true values behind it. */
export interface AccountDraw {
  row: AccountRow;
  archetype: Archetype;
  industry: Industry;
  log10Employees: number;
  salesforce: boolean;
  hubspot: boolean;
  snowflake: boolean;
  /** Relative number of deals. */
  dealVolume: number;
  /** Probability of a product-use day while a customer. */
  usageRate: number;
  /** Neutral events per day in the background, before scaling to the requested event count. */
  backgroundRate: number;
}

/** Share of accounts whose column is left empty, per column. */
const MISSING = { industry: 0.03, employees: 0.05, annual_revenue: 0.12, country: 0.02, tech_stack: 0.06 };

/**
 * Draws one account: an archetype, then firmographics from it; region, country and the
 * filler tech items independently of everything.
 *
 * @example
 * import { Random } from "./random";
 * import { drawAccount } from "./draw-account";
 * drawAccount(new Random(1), "A00001").row.account_id; // => "A00001"
 */
export function drawAccount(rng: Random, accountId: string): AccountDraw {
  const archetype = rng.weighted(
    ARCHETYPES,
    ARCHETYPES.map((a) => a.share),
  );
  const industry =
    archetype.industries.length === 0
      ? rng.pick(INDUSTRIES)
      : rng.weighted(
          archetype.industries.map((x) => x.industry),
          archetype.industries.map((x) => x.weight),
        );
  const size = archetype.log10Employees;
  const log10Employees = Math.min(5.3, Math.max(0.7, "sd" in size ? rng.normal(size.mean, size.sd) : rng.uniform(size.min, size.max)));
  const employees = Math.round(10 ** log10Employees);
  const revenue = Math.max(50_000, Math.round((employees * rng.logNormal(Math.log(180_000), 0.4)) / 10_000) * 10_000);
  const place = rng.weighted(
    REGIONS,
    REGIONS.map((r) => r.weight),
  );
  const country = rng.weighted(place.countries, place.countryWeights);
  const salesforce = rng.bernoulli(archetype.salesforce);
  const hubspot = rng.bernoulli(archetype.hubspot);
  const snowflake = rng.bernoulli(0.3);
  const zendesk = rng.bernoulli(0.25);
  const stack = [
    ...(salesforce ? [TECH_ITEMS.salesforce] : []),
    ...(hubspot ? [TECH_ITEMS.hubspot] : []),
    ...(snowflake ? [TECH_ITEMS.snowflake] : []),
    ...(zendesk ? [TECH_ITEMS.zendesk] : []),
    ...FILLER_TECH.filter((f) => rng.bernoulli(f.share)).map((f) => f.item),
  ];
  const blank = <T>(share: number, value: T): T | null => (rng.bernoulli(share) ? null : value);
  return {
    row: {
      account_id: accountId,
      industry: blank(MISSING.industry, industry),
      employees: blank(MISSING.employees, employees),
      annual_revenue: blank(MISSING.annual_revenue, revenue),
      region: place.region,
      country: blank(MISSING.country, country),
      tech_stack: blank(MISSING.tech_stack, stack.length > 0 ? stack.join(";") : null),
    },
    archetype,
    industry,
    log10Employees,
    salesforce,
    hubspot,
    snowflake,
    dealVolume: archetype.dealVolume * rng.logNormal(0, 0.7),
    usageRate: rng.uniform(0.1, 0.25),
    backgroundRate: rng.logNormal(Math.log(0.05), 0.5),
  };
}
