/**
 * Seeded folders of CRM exports in the column conventions of HubSpot, Salesforce and Pipedrive:
 * deals, a companies/accounts table and an activities log, written as CSV into a temp folder.
 * Each fixture keeps the truth it was generated from (outcome per deal, company keys), so tests
 * count won, lost, open and join matches independently of leadlab.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/temp-dir";

export type Truth = "won" | "lost" | "open";
export interface CrmFixture {
  dir: string;
  outcomes: Truth[];
  /** Each deal's company key (null = none), and the keys the companies file has. */
  dealCompany: (string | null)[];
  companyKeys: Set<string>;
  activityRows: number;
  files: { deals: string; companies: string; activities: string };
}

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
const pick = <T>(rand: () => number, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const csv = (rows: (string | number | null)[][]) =>
  rows.map((r) => r.map((v) => (v === null ? "" : /[,"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(",")).join("\n") + "\n";
const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const usDate = (t: number) => { const d = new Date(t); return `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`; };
const usTime = (t: number) => `${usDate(t)} ${new Date(t).toISOString().slice(11, 16)}`;
const INDUSTRIES = ["Software", "Retail", "Manufacturing", "Health Care", "Finance"];

interface Plan {
  crm: "hubspot" | "salesforce" | "pipedrive";
  n: number;
  companies: number;
  seed: number;
}

/** Writes one CRM's export folder and returns its truth. */
export function crmFixture({ crm, n, companies, seed }: Plan): CrmFixture {
  const rand = random(seed);
  const dir = tempDir(`leadlab-init-${crm}-`);
  const companyKey = (i: number) => (crm === "hubspot" ? String(5_100_000_000 + i * 7) : crm === "salesforce" ? `001Dn0000${String(i).padStart(6, "0")}AAA` : String(300 + i));
  // Deals refer to companies 0..companies+4; the last five are missing from the companies file; a few deals have none.
  const outcomes: Truth[] = [], dealCompany: (string | null)[] = [];
  const deals: (string | number | null)[][] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const o: Truth = rand() < 0.15 ? "open" : rand() < 0.4 ? "won" : "lost";
    const company = rand() < 0.05 ? null : companyKey(Math.floor(rand() * (companies + 5)));
    const created = start + Math.floor(rand() * 500) * DAY + Math.floor(rand() * 8) * 3_600_000;
    const closed = created + (5 + Math.floor(rand() * 120)) * DAY;
    const amount = Math.round(rand() * 900) * 100;
    outcomes.push(o);
    dealCompany.push(company);
    if (crm === "hubspot") {
      const stage = o === "won" ? "Closed Won" : o === "lost" ? "Closed Lost" : pick(rand, ["Appointment Scheduled", "Contract Sent", "Qualified To Buy"]);
      deals.push([String(9_000_000_000 + i * 13), `${pick(rand, ["Acme", "Globex", "Initech", "Umbrella"])} - ${pick(rand, ["New business", "Expansion", "Pilot"])} ${i}`, stage, o === "open" ? null : isoDay(closed), new Date(created).toISOString().slice(0, 16).replace("T", " "), amount, company, "Sales Pipeline", pick(rand, ["Inbound", "Outbound", "Partner"])]);
    } else if (crm === "salesforce") {
      const stage = o === "won" ? "Closed Won" : o === "lost" ? "Closed Lost" : pick(rand, ["Prospecting", "Negotiation/Review", "Proposal/Price Quote"]);
      deals.push([`006Dn0000${String(i).padStart(6, "0")}XYZ`, `Opportunity ${i}`, stage, String(o === "won"), String(o !== "open"), isoDay(closed), new Date(created).toISOString().replace(/\.\d+Z$/, ".000Z"), amount, company, pick(rand, ["Web", "Phone Inquiry", "Partner Referral", "Trade Show"])]);
    } else {
      deals.push([String(1 + i), `Deal ${i} with ${pick(rand, ["Acme", "Globex", "Initech"])}`, o, usTime(created), o === "won" ? usTime(closed) : null, o === "lost" ? usTime(closed) : null, amount, "USD", company, o === "lost" ? pick(rand, ["Price", "Timing", "Competitor"]) : null, pick(rand, ["Web forms", "Cold call", "Referral"])]);
    }
  }
  const header = {
    hubspot: ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Create Date", "Amount", "Associated Company ID", "Pipeline", "Deal source"],
    salesforce: ["Id", "Name", "StageName", "IsWon", "IsClosed", "CloseDate", "CreatedDate", "Amount", "AccountId", "LeadSource"],
    pipedrive: ["Deal - ID", "Deal - Title", "Deal - Status", "Deal - Deal created", "Deal - Won time", "Deal - Lost time", "Deal - Value", "Deal - Currency", "Organization - ID", "Deal - Lost reason", "Deal - Source channel"],
  }[crm];
  const companyHeader = {
    hubspot: ["Record ID", "Company name", "Industry", "Number of Employees", "Country/Region"],
    salesforce: ["Id", "Name", "Industry", "NumberOfEmployees", "BillingCountry"],
    pipedrive: ["Organization - ID", "Organization - Name", "Organization - Industry", "Organization - Number of employees", "Organization - Country"],
  }[crm];
  const companyRows = Array.from({ length: companies }, (_, i) => [companyKey(i), `Company ${i} Inc`, pick(rand, INDUSTRIES), 10 + Math.floor(rand() * 5000), pick(rand, ["US", "DE", "FR", "GB"])]);
  const key = header[6 + (crm === "salesforce" ? 2 : crm === "pipedrive" ? 2 : 0)];
  const activityHeader = {
    hubspot: [key, "Activity date", "Activity type", "Duration (minutes)"],
    salesforce: [key, "ActivityDate", "Type", "CallDurationInSeconds"],
    pipedrive: [key, "Activity - Due date", "Activity - Type", "Activity - Duration"],
  }[crm];
  const activities: (string | number | null)[][] = [];
  const m = 3 * n;
  for (let i = 0; i < m; i++) {
    const t = start - 60 * DAY + Math.floor(rand() * 560) * DAY + 9 * 3_600_000;
    activities.push([companyKey(Math.floor(rand() * companies)), crm === "pipedrive" ? usTime(t) : crm === "hubspot" ? new Date(t).toISOString().slice(0, 19).replace("T", " ") : isoDay(t), pick(rand, ["Call", "Email", "Meeting"]), Math.floor(rand() * 60)]);
  }
  const files = {
    deals: crm === "salesforce" ? "Opportunity.csv" : "deals.csv",
    companies: crm === "salesforce" ? "Account.csv" : crm === "pipedrive" ? "organizations.csv" : "companies.csv",
    activities: crm === "salesforce" ? "Task.csv" : "activities.csv",
  };
  writeFileSync(join(dir, files.deals), csv([header, ...deals]));
  writeFileSync(join(dir, files.companies), csv([companyHeader, ...companyRows]));
  writeFileSync(join(dir, files.activities), csv([activityHeader, ...activities]));
  return { dir, outcomes, dealCompany, companyKeys: new Set(companyRows.map((r) => String(r[0]))), activityRows: m, files };
}
