import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { DatasetError } from "../../src/formats/dataset-error";
import { Workbook } from "exceljs";
import { draftDatasetSpec } from "../../src/init/draft-dataset-spec";
import { parseDatasetSpec } from "../../src/data/parse-dataset-spec";
import { loadDataset } from "../../src/data/load-dataset";
import { crmFixture, type CrmFixture } from "./crm-exports";
import { tempDir } from "../helpers/temp-dir";
import { tempDataset } from "../helpers/temp-dataset";

async function draftAndLoad(f: CrmFixture) {
  const draft = await draftDatasetSpec(f.dir);
  const spec = parseDatasetSpec(draft.yaml, "dataset.yaml");
  writeFileSync(join(f.dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(f.dir, "dataset.yaml"));
  const count = (t: string) => f.outcomes.filter((o) => o === t).length;
  assert.deepEqual(
    { won: loaded.report.deals.won, lost: loaded.report.deals.lost, open: loaded.report.deals.open },
    { won: count("won"), lost: count("lost"), open: count("open") },
  );
  const matched = f.dealCompany.filter((k) => k !== null && f.companyKeys.has(k)).length;
  assert.equal(loaded.report.joins.length, 1);
  assert.equal(loaded.report.joins[0].table, f.files.companies);
  assert.equal(loaded.report.joins[0].matched, matched);
  assert.equal(loaded.report.joins[0].noKey, f.dealCompany.filter((k) => k === null).length);
  assert.match(draft.yaml, new RegExp(`${matched} of ${f.dealCompany.filter((k) => k !== null).length} deals`));
  assert.equal(loaded.report.events?.table, f.files.activities);
  assert.equal(loaded.report.events?.read, f.activityRows);
  return { draft, spec, loaded };
}

test("HubSpot export: Record ID, Deal Stage, Create/Close Date, Amount, Associated Company ID", async () => {
  const f = crmFixture({ crm: "hubspot", n: 240, companies: 60, seed: 11 });
  const { spec } = await draftAndLoad(f);
  assert.deepEqual(spec.deals, {
    file: "deals.csv", id: "Record ID",
    outcome: { column: "Deal Stage", won: ["Closed Won"], lost: ["Closed Lost"] },
    created_at: "Create Date", closed_at: "Close Date", amount: "Amount",
  });
  assert.deepEqual(spec.join, [{ file: "companies.csv", on: { deals: "Associated Company ID", table: "Record ID" } }]);
  assert.equal(spec.events?.type, "Activity type");
  assert.equal(spec.events?.value, "Duration (minutes)");
  assert.equal(spec.attributes?.["Deal Name"]?.role, "exclude");
  assert.equal(spec.attributes?.["Company name"]?.role, "exclude");
  assert.equal(spec.date_format, undefined);
});

test("Salesforce export: Id, StageName (IsWon, IsClosed set aside), AccountId joined to Account.Id", async () => {
  const f = crmFixture({ crm: "salesforce", n: 200, companies: 50, seed: 5 });
  const { spec, loaded } = await draftAndLoad(f);
  assert.equal(spec.deals.id, "Id");
  assert.deepEqual(spec.deals.outcome, { column: "StageName", won: ["Closed Won"], lost: ["Closed Lost"] });
  assert.equal(spec.deals.created_at, "CreatedDate");
  assert.equal(spec.deals.closed_at, "CloseDate");
  assert.deepEqual(spec.join, [{ file: "Account.csv", on: { deals: "AccountId", table: "Id" } }]);
  for (const leak of ["IsWon", "IsClosed"]) assert.match(spec.attributes?.[leak]?.reason ?? "", /restates the outcome/);
  // Account.Name collides with Opportunity.Name: the loader renames it, and the draft names it so.
  assert.equal(spec.attributes?.["Account_Name"]?.role, "exclude");
  assert.ok(loaded.table.attributes.some((a) => a.name === "Account_Name" && a.role === "exclude"));
});

test("Pipedrive export: Deal - Status won/lost/open, US dates with a date_format, Won time as closed_at", async () => {
  const f = crmFixture({ crm: "pipedrive", n: 220, companies: 40, seed: 23 });
  const { draft, spec } = await draftAndLoad(f);
  assert.deepEqual(spec.deals.outcome, { column: "Deal - Status", won: ["won"], lost: ["lost"] });
  assert.equal(spec.deals.id, "Deal - ID");
  assert.equal(spec.date_format, "%m/%d/%Y %H:%M");
  assert.equal(spec.deals.created_at, "Deal - Deal created");
  assert.equal(spec.deals.closed_at, "Deal - Won time");
  assert.equal(spec.deals.amount, "Deal - Value");
  assert.deepEqual(spec.join, [{ file: "organizations.csv", on: "Organization - ID" }]);
  for (const leak of ["Deal - Lost time", "Deal - Lost reason"]) assert.equal(spec.attributes?.[leak]?.role, "exclude", leak);
  assert.ok(draft.checks.some((c) => /"Deal - Won time" is missing on \d+ of 220 rows \(a won time exists only for won deals\)/.test(c)));
  assert.ok(draft.checks.some((c) => /read as open.*"open"/.test(c)));
});

test("an Excel export: the deals as the second sheet of an .xlsx workbook draft and load with the same counts", async () => {
  const f = crmFixture({ crm: "hubspot", n: 120, companies: 30, seed: 8 });
  const lines = readFileSync(join(f.dir, "deals.csv"), "utf8").trimEnd().split("\n");
  const wb = new Workbook();
  wb.addWorksheet("Notes").addRow(["exported by", "someone"]);
  const ws = wb.addWorksheet("Deals");
  // The fixture's CSV has no quoted commas in deals, so splitting on "," is exact here.
  for (const line of lines) ws.addRow(line.split(",").map((v) => (v === "" ? undefined : v)));
  await wb.xlsx.writeFile(join(f.dir, "deals.xlsx"));
  unlinkSync(join(f.dir, "deals.csv"));
  f.files.deals = "deals.xlsx";
  const { spec, draft } = await draftAndLoad(f);
  assert.deepEqual([spec.deals.file, spec.deals.sheet], ["deals.xlsx", "Deals"]);
  assert.ok(draft.checks.some((c) => /^deals\.xlsx \[Notes\] was not read: .*header but no rows/.test(c)));
});

test("a CRM sales-opportunities export (engage_date, close_date, deal_stage with open stages, three lookup tables): engage_date is the scoring point", async () => {
  const dir = tempDir("leadlab-init-pipeline-");
  const stages = ["Closed Won", "Closed Lost", "Closed Lost", "Engaging", "Prospecting"];
  const rows = Array.from({ length: 60 }, (_, i) => [`D${i}`, `A${1000 + (i % 7)}`, `P${200 + (i % 3)}`, `Agent_${i % 5}`, stages[i % 5], `2024-0${(i % 9) + 1}-1${i % 10}`, i % 5 < 3 ? `2024-1${i % 3}-0${(i % 9) + 1}` : "", String(1000 + 37 * i)]);
  writeFileSync(join(dir, "sales_pipeline.csv"), ["opportunity_id,account_id,product_id,sales_agent,deal_stage,engage_date,close_date,deal_value", ...rows.map((r) => r.join(","))].join("\n") + "\n");
  writeFileSync(join(dir, "accounts.csv"), ["account_id,sector,employees", ...Array.from({ length: 7 }, (_, k) => `A${1000 + k},${k % 2 ? "Retail" : "Software"},${100 * (k + 1)}`)].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal(draft.spec.deals.created_at, "engage_date");
  assert.equal(draft.spec.deals.closed_at, "close_date");
  assert.deepEqual(draft.spec.deals.outcome, { column: "deal_stage", won: ["Closed Won"], lost: ["Closed Lost"] });
  assert.ok(!draft.checks.some((c) => /no created date found/.test(c)), draft.checks.join("\n"));
});

test("leads in one file and the won deals in another (Olist's layout): each lead won when it is in the won table, whose columns are not joined", async () => {
  const dir = tempDir("leadlab-init-won-");
  const leads = Array.from({ length: 60 }, (_, i) => [`mql${String(i).padStart(3, "0")}`, `${String((i % 27) + 1).padStart(2, "0")}-0${(i % 9) + 1}-2018`, i % 3 === 0 ? "social" : i % 3 === 1 ? "paid_search" : "", `lp${i % 4}`]);
  const won = leads.filter((_, i) => i % 5 === 0).map(([id], k) => [id, `seller${k}`, `${String((k % 27) + 1).padStart(2, "0")}-0${(k % 9) + 1}-2018 10:00`, k % 2 ? "pet" : "home"]);
  writeFileSync(join(dir, "marketing_qualified_leads.csv"), ["mql_id,first_contact_date,origin,landing_page_id", ...leads.map((r) => r.join(","))].join("\n") + "\n");
  writeFileSync(join(dir, "closed_deals.csv"), ["mql_id,seller_id,won_date,business_segment", ...won.map((r) => r.join(","))].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal(draft.spec.deals.outcome.column, "won_or_lost");
  assert.ok("sql" in draft.spec.deals && /LEFT JOIN \(SELECT DISTINCT "mql_id" FROM read_csv\('closed_deals\.csv', all_varchar = true\)\)/.test(draft.spec.deals.sql ?? ""), "deals are a SELECT over both files");
  assert.equal(draft.spec.deals.created_at, "first_contact_date");
  assert.equal(draft.spec.date_format, "%d-%m-%Y");
  assert.equal(draft.spec.join, undefined, "the won table's columns (known after the win) are not joined");
  assert.ok(draft.checks.some((c) => /drafted as lost: recent ones may still be open/.test(c)));
  writeFileSync(join(dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual({ won: loaded.report.deals.won, lost: loaded.report.deals.lost }, { won: 12, lost: 48 });
  assert.ok(!loaded.table.attributes.some((a) => ["seller_id", "business_segment", "won_date"].includes(a.name)));
});

test("no outcome column, no won table and no customer list: a clear error says what to write", async () => {
  const dir = tempDir("leadlab-init-none-");
  writeFileSync(join(dir, "contacts.csv"), ["contact_id,signup,page", ...Array.from({ length: 40 }, (_, i) => `c${i},2026-01-${String((i % 28) + 1).padStart(2, "0")},p${i}`)].join("\n") + "\n");
  await assert.rejects(draftDatasetSpec(dir), (e: unknown) => e instanceof DatasetError && /no column says which deals were won or lost/.test(e.message) && /contacts\.csv/.test(e.message) && /make deals a `sql:` SELECT/.test(e.message));
});

test("a customer table with a churn flag and no won/lost column (Telco's layout): a customer list whose outcome column is the flag, and retention from it with both values", async () => {
  const dir = tempDir("leadlab-init-churn-");
  const rows = Array.from({ length: 50 }, (_, i) => `C${i},${i % 2 ? "Female" : "Male"},${i % 3 ? "Month-to-month" : "Two year"},${(20 + i).toFixed(2)},${i % 4 ? "No" : "Yes"}`);
  writeFileSync(join(dir, "customers.csv"), ["customerID,gender,Contract,MonthlyCharges,Churn", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "Churn", won: ["No", "Yes"], lost: [] });
  assert.deepEqual(draft.spec.retention?.retained, { column: "Churn", true: ["No"], false: ["Yes"] });
  assert.equal(draft.spec.deals.amount, "MonthlyCharges", "a monthly charge is the customer's amount");
  writeFileSync(join(dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(dir, "dataset.yaml"));
  assert.equal(loaded.report.deals.won, 50);
  assert.ok(loaded.table.attributes.some((a) => a.name === "gender"), "gender stays an attribute, not the outcome");
});

test("churn flags named Exited (1/0) or Attrition_Flag (two texts) make a customer list with retention, not an arbitrary column as the outcome", async () => {
  const exited = tempDir("leadlab-init-exited-");
  const rows = Array.from({ length: 60 }, (_, i) => `${15600000 + i},${["France", "Spain", "Germany"][i % 3]},${30 + (i % 40)},${i % 5 ? 0 : 1}`);
  // One stray "?" in the flag, as in the public Churn_Modelling.csv: read as unknown, not a third kind of customer.
  writeFileSync(join(exited, "Churn_Modelling.csv"), ["CustomerId,Geography,Age,Exited", ...rows, "15600999,France,41,?"].join("\n") + "\n");
  const draft = await draftDatasetSpec(exited);
  assert.deepEqual(draft.spec.deals.outcome, { column: "Exited", won: ["0", "1"], lost: [] });
  assert.deepEqual(draft.spec.retention?.retained, { column: "Exited", true: ["0"], false: ["1"], other: "missing" });
  assert.ok(draft.checks.includes('outcome values read as open (not trained on): "?"'), draft.checks.join("\n"));
  assert.ok(draft.checks.some((c) => c.includes('to rank customers by who stays, set deals.outcome to { column: "Exited", won: ["0"], lost: ["1"] } and drop `retention:` (it would restate the outcome)')), draft.checks.join("\n"));
  writeFileSync(join(exited, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(exited, "dataset.yaml"));
  assert.ok(loaded.table.attributes.some((a) => a.name === "Geography"), "Geography stays an attribute, not the outcome");
  const restated = 'retention reads "Exited", the outcome\'s column in the deals\' own table: the drivers of retention and the expected value\'s retention restate the win analysis; drop `retention:`, or keep every row won (a customer list) to analyse retention alone';
  assert.ok(!loaded.report.warnings.includes(restated), "a customer list's retention is its own analysis");
  // the check's advice taken halfway: the flag as the outcome, the retention kept
  writeFileSync(join(exited, "dataset.yaml"), draft.yaml.replace('won: [ "0", "1" ]', 'won: [ "0" ]').replace("lost: []", 'lost: [ "1" ]'));
  assert.ok((await loadDataset(join(exited, "dataset.yaml"))).report.warnings.includes(restated));

  const attrition = tempDir("leadlab-init-attrition-");
  const lines = Array.from({ length: 60 }, (_, i) => `${700000 + i},${i % 6 ? "Existing Customer" : "Attrited Customer"},${i % 2 ? "M" : "F"},${20 + i}`);
  writeFileSync(join(attrition, "BankChurners.csv"), ["CLIENTNUM,Attrition_Flag,Gender,Total_Trans_Ct", ...lines].join("\n") + "\n");
  const bank = await draftDatasetSpec(attrition);
  assert.equal(bank.spec.deals.outcome.column, "Attrition_Flag");
  assert.deepEqual(bank.spec.retention?.retained, { column: "Attrition_Flag", true: ["Existing Customer"], false: ["Attrited Customer"] });
});

test("times of day without a UTC offset are a check naming the columns and the timezone: setting; offsets or dates alone are not", async () => {
  const deals = (created: string[], closed: string[]) =>
    ["deal_id,stage,created,closed", ...created.map((c, i) => `D${i},${i % 2 ? "Won" : "Lost"},${c},${closed[i]}`)].join("\n");
  const naive = await draftDatasetSpec(tempDataset({ "deals.csv": deals(["3/5/2024 2:22 PM", "3/9/2024 11:45 AM"], ["4/5/2024 10:01 AM", "4/9/2024 4:30 PM"]) }));
  assert.ok(
    naive.checks.includes(
      '"created", "closed" have times of day without a UTC offset (e.g. "3/5/2024 2:22 PM"): they are read as UTC; if the export wrote local times (CRMs write the exporting user\'s zone), set the zone, e.g. `timezone: America/New_York`, so that events are cut at the right instant',
    ),
    naive.checks.join("\n"),
  );
  for (const [created, closed] of [
    [["2024-03-05T14:22:00Z", "2024-03-09T11:45:00+01:00"], ["2024-04-05T10:01:00Z", "2024-04-09T16:30:00Z"]],
    [["2024-03-05", "2024-03-09"], ["2024-04-05", "2024-04-09"]],
  ]) {
    const draft = await draftDatasetSpec(tempDataset({ "deals.csv": deals(created, closed) }));
    assert.ok(!draft.checks.some((c) => c.includes("without a UTC offset")), draft.checks.join("\n"));
  }
});

test("a lookup keyed by a column of another lookup joins after it, whatever the files' order (contacts by the ContactID of leads, joined by the LeadID of activities)", async () => {
  const dir = tempDir("leadlab-init-chain-");
  const deals = Array.from({ length: 40 }, (_, i) => `O${i},A${i % 20},${i % 2 ? "Closed Won" : "Closed Lost"},2025-0${(i % 9) + 1}-15`);
  writeFileSync(join(dir, "Opportunity.csv"), ["OpportunityID,ActivityID,Stage,CloseDate", ...deals].join("\n") + "\n");
  writeFileSync(join(dir, "Activity.csv"), ["ActivityID,LeadID,ActivityType", ...Array.from({ length: 20 }, (_, k) => `A${k},L${k % 10},${["Call", "Meeting"][k % 2]}`)].join("\n") + "\n");
  writeFileSync(join(dir, "Leads.csv"), ["LeadID,ContactID,LeadSource", ...Array.from({ length: 10 }, (_, k) => `L${k},C${k % 5},${["Web", "Referral"][k % 2]}`)].join("\n") + "\n");
  // "Contacts" sorts before "Leads": its key appears only once Leads has joined
  writeFileSync(join(dir, "Contacts.csv"), ["ContactID,State", ...Array.from({ length: 5 }, (_, k) => `C${k},${["Texas", "Ohio"][k % 2]}`)].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.join, [
    { file: "Activity.csv", on: "ActivityID" },
    { file: "Leads.csv", on: "LeadID" },
    { file: "Contacts.csv", on: "ContactID" },
  ]);
  assert.ok(!draft.checks.some((c) => /not used/.test(c)), draft.checks.join("\n"));
  writeFileSync(join(dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual(loaded.report.joins.map((j) => [j.table, j.matched]), [["Activity.csv", 40], ["Leads.csv", 40], ["Contacts.csv", 40]]);
  assert.ok(loaded.table.attributes.some((a) => a.name === "State"));
});

test("a won flag drafted as the outcome names the stages it would read as lost that are no lost stage (open deals under IsWon = 0)", async () => {
  const dir = tempDir("leadlab-init-flag-");
  const stages = ["Closed Won", "Open", "Closed Won", "Open", "Negotiation"];
  writeFileSync(join(dir, "Opportunity.csv"), ["Id,IsWon,StageName,Industry", ...Array.from({ length: 30 }, (_, i) => `O${i},${i % 5 === 0 || i % 5 === 2 ? 1 : 0},${stages[i % 5]},${["Retail", "Banking"][i % 2]}`)].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "IsWon", won: ["1"], lost: ["0"] });
  assert.ok(
    draft.checks.includes('"IsWon" = 0 also holds deals whose "StageName" is "Open" (12 rows), "Negotiation" (6 rows): they are drafted as lost; if they are still open, set deals.outcome to the "StageName" values that mean won and lost'),
    draft.checks.join("\n"),
  );
  // a flag whose false rows are all lost stages says nothing more
  const closed = tempDir("leadlab-init-flag-closed-");
  writeFileSync(join(closed, "Opportunity.csv"), ["Id,IsWon,Status,Industry", ...Array.from({ length: 30 }, (_, i) => `O${i},${i % 2},${i % 2 ? "Active" : "Closed Lost"},${["Retail", "Banking"][i % 3 ? 0 : 1]}`)].join("\n") + "\n");
  const flagOnly = await draftDatasetSpec(closed);
  assert.equal(flagOnly.spec.deals.outcome.column, "IsWon");
  assert.ok(!flagOnly.checks.some((c) => /also holds/.test(c)), flagOnly.checks.join("\n"));
});

test("an event log with no event before any deal's created date is a check, not the events table; one event before one deal's date makes it the log", async () => {
  const dir = tempDir("leadlab-init-events-after-");
  writeFileSync(join(dir, "deals.csv"), ["deal_id,account_id,stage,created", ...Array.from({ length: 40 }, (_, i) => `D${i},A${i % 10},${i % 2 ? "Won" : "Lost"},2025-0${(i % 9) + 1}-10`)].join("\n") + "\n");
  const events = (first: string) => ["account_id,ts,event_type", `A3,${first},demo`, ...Array.from({ length: 59 }, (_, k) => `A${k % 10},2026-01-${String((k % 28) + 1).padStart(2, "0")},${["visit", "demo"][k % 2]}`)].join("\n") + "\n";
  // A3's first deal (D3) was created on 2025-04-10: an event that day is not before it, one the day before is
  writeFileSync(join(dir, "events.csv"), events("2025-04-10"));
  const after = await draftDatasetSpec(dir);
  assert.equal(after.spec.events, undefined);
  assert.ok(after.checks.includes('events.csv has no "ts" before a deal\'s created date: not used as the event log'), after.checks.join("\n"));
  writeFileSync(join(dir, "events.csv"), events("2025-04-09"));
  const before = await draftDatasetSpec(dir);
  assert.deepEqual(before.spec.events, { file: "events.csv", key: "account_id", time: "ts", type: "event_type" });
  assert.ok(!before.checks.some((c) => c.includes("before a deal's created date")), before.checks.join("\n"));
});

test("columns named as dates that hold numbers (a preprocessed export's codes) are set aside and named in the missing created date's check; a date's part or a duration is kept", async () => {
  const dir = tempDir("leadlab-init-numbered-dates-");
  const rows = Array.from({ length: 30 }, (_, i) => `O${i},${i % 3 ? "Closed Lost" : "Closed Won"},${i * 7},${i * 7 + 30},${i % 5},${2020 + (i % 3)},${(i * 13) % 90},${i % 4}`);
  writeFileSync(join(dir, "opportunities.csv"), ["Id,StageName,CreatedDate,Stage_Change_Date__c,update_count,arrival_date_year,lead_time,Region__c", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  const reason = "named as a date but holds numbers (dates written as numbers, or as codes by a preprocessed export): as an attribute it would score leads by when something happened to them";
  assert.deepEqual(draft.spec.attributes, { CreatedDate: { role: "exclude", reason }, Stage_Change_Date__c: { role: "exclude", reason } });
  assert.equal(draft.spec.deals.created_at, undefined);
  assert.ok(
    draft.checks.includes(
      'no created date found ("CreatedDate", "Stage_Change_Date__c" are named as a date but hold numbers: export the dates as the CRM writes them, e.g. 2024-03-01): events cannot be cut at the scoring point; set deals.created_at if there is one',
    ),
    draft.checks.join("\n"),
  );
});

test("a campaign's customers with a Response flag (Customer Personality Analysis's layout): Response is the outcome, with no stage check from Marital_Status; a revenue column that is the same on every row is no amount; a response flag elsewhere is not set aside as the outcome", async () => {
  const dir = tempDir("leadlab-init-response-");
  const rows = Array.from({ length: 40 }, (_, i) => `${5524 + i};${1950 + (i % 40)};${["Graduation", "PhD", "Master"][i % 3]};${["Single", "Married"][i % 2]};${30000 + i * 997};2013-0${(i % 9) + 1}-04;${i % 3 === 0 ? 1 : 0};11;${i % 4 === 0 ? 1 : 0}`);
  writeFileSync(join(dir, "marketing_campaign.csv"), ["ID;Year_Birth;Education;Marital_Status;Income;Dt_Customer;AcceptedCmp1;Z_Revenue;Response", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "Response", won: ["1"], lost: ["0"] });
  assert.equal(draft.spec.deals.amount, undefined);
  assert.ok(draft.choices.includes('deals: marketing_campaign.csv (40 rows); outcome column "Response": a response flag (0/1)'), draft.choices.join("\n"));
  // Marital_Status is named like a status but says nothing of won or lost: no stage to check under the flag
  assert.ok(!draft.checks.some((c) => /also holds/.test(c)), draft.checks.join("\n"));
  // a stage outcome with a 1/0 response to an email beside it: the response is kept as an attribute
  const staged = tempDir("leadlab-init-response-kept-");
  writeFileSync(join(staged, "deals.csv"), ["deal_id,stage,email_response,employees", ...Array.from({ length: 30 }, (_, i) => `D${i},${i % 2 ? "Won" : "Lost"},${i % 3 ? 1 : 0},${10 + i}`)].join("\n") + "\n");
  const kept = await draftDatasetSpec(staged);
  assert.equal(kept.spec.deals.outcome.column, "stage");
  assert.equal(kept.spec.attributes?.email_response, undefined);
});

test("a 1/0 Purchased flag with one mistyped 05 (a public copy of Social_Network_Ads.csv) is the outcome, the 05 an open deal named in the checks, not a customer list", async () => {
  const dir = tempDir("leadlab-init-stray-flag-");
  const rows = Array.from({ length: 60 }, (_, i) => `${15624510 + i},${["Male", "Female"][i % 2]},${19 + (i % 40)},${19000 + i * 1000},${i === 9 ? "05" : i % 3 ? 0 : 1}`);
  writeFileSync(join(dir, "Social_Network_Ads.csv"), ["User ID,Gender,Age,EstimatedSalary,Purchased", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "Purchased", won: ["1"], lost: ["0"] });
  assert.ok(draft.checks.includes('outcome values read as open (not trained on): "05"'), draft.checks.join("\n"));
  writeFileSync(join(dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(dir, "dataset.yaml"));
  // rows 0, 3, …, 57 are 1 (20 rows) but row 9, the 05: 19 won, 40 lost, 1 open
  assert.deepEqual([loaded.report.deals.won, loaded.report.deals.lost, loaded.report.deals.open], [19, 40, 1]);
});

test("a prepared dataset whose last column is a 1/0 flag named after what was bought (Kaggle's TravelInsurancePrediction.csv): the outcome, with a check that it was chosen by its place; not in a folder of two tables, nor when a Yes/No column is last", async () => {
  const header = ",Age,Employment Type,GraduateOrNot,AnnualIncome,FrequentFlyer,TravelInsurance";
  // row i bought when i % 3 == 0: 20 of 60
  const rows = Array.from({ length: 60 }, (_, i) => `${i},${25 + (i % 10)},${["Government Sector", "Private Sector/Self Employed"][i % 2]},${i % 4 ? "Yes" : "No"},${400000 + i * 25000},${i % 5 ? "No" : "Yes"},${i % 3 ? 0 : 1}`);
  const dir = tempDir("leadlab-init-last-flag-");
  writeFileSync(join(dir, "TravelInsurancePrediction.csv"), [header, ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "TravelInsurance", won: ["1"], lost: ["0"] });
  assert.ok(draft.choices.includes('deals: TravelInsurancePrediction.csv (60 rows); outcome column "TravelInsurance": the last column, a flag (0/1), where a prepared dataset keeps what it predicts'), draft.choices.join("\n"));
  assert.ok(draft.checks.includes('"TravelInsurance" is the outcome by its place alone (no column is named like a stage, a won or a response flag): check that "1" means won, or set deals.outcome to the column that says so'), draft.checks.join("\n"));
  writeFileSync(join(dir, "dataset.yaml"), draft.yaml);
  const loaded = await loadDataset(join(dir, "dataset.yaml"));
  assert.deepEqual([loaded.report.deals.won, loaded.report.deals.lost], [20, 40]);
  assert.ok(loaded.table.attributes.some((a) => a.name === "FrequentFlyer"), "the other flags stay attributes");
  // A Yes/No column last (an answer of the buyer, as FrequentFlyer): no outcome by place; a customer list, as before.
  const moved = tempDir("leadlab-init-flag-not-last-");
  writeFileSync(join(moved, "TravelInsurancePrediction.csv"), [`${header},EverTravelledAbroad`, ...rows.map((r, i) => `${r},${i % 7 ? "No" : "Yes"}`)].join("\n") + "\n");
  assert.match((await draftDatasetSpec(moved)).choices[0], /as a customer list/);
  // Beside a second table, the last column of one of them says nothing.
  writeFileSync(join(dir, "agents.csv"), ["agent_id,region", ...Array.from({ length: 10 }, (_, i) => `G${i},${["North", "South"][i % 2]}`)].join("\n") + "\n");
  unlinkSync(join(dir, "dataset.yaml"));
  assert.notEqual((await draftDatasetSpec(dir)).spec.deals.outcome.column, "TravelInsurance");
});

test("no event log from a table that only shares a category or a yes/no flag with the deals, nor from one with no column named as the events' type (a Salesforce export's Contact.csv)", async () => {
  const dir = tempDir("leadlab-init-no-events-");
  const sources = ["Web", "Trade Show", "Partner", "Phone Inquiry", "Purchased List"];
  writeFileSync(join(dir, "deals.csv"), ["deal_id,account_id,stage,created,LeadSource,IsDeleted", ...Array.from({ length: 40 }, (_, i) => `D${i},A${i % 10},${i % 2 ? "Won" : "Lost"},2025-0${(i % 9) + 1}-10,${sources[i % 5]},FALSE`)].join("\n") + "\n");
  // contacts of the deals' accounts, with a date: no type column
  writeFileSync(join(dir, "contacts.csv"), ["contact_id,account_id,LeadSource,IsDeleted,LastActivityDate,Department", ...Array.from({ length: 30 }, (_, k) => `C${k},A${k % 10},${sources[k % 5]},FALSE,2024-12-${String((k % 28) + 1).padStart(2, "0")},${["Finance", "IT"][k % 2]}`)].join("\n") + "\n");
  // web events keyed by nothing a deal has but a lead source and a flag
  writeFileSync(join(dir, "web.csv"), ["LeadSource,IsDeleted,ts,event_type", ...Array.from({ length: 60 }, (_, k) => `${sources[k % 5]},FALSE,2024-11-${String((k % 28) + 1).padStart(2, "0")},${["visit", "download"][k % 2]}`)].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal(draft.spec.events, undefined);
  assert.ok(
    draft.checks.includes('contacts.csv has a date ("LastActivityDate") and deals\' keys ("account_id") but no column named as an event\'s type (type, event, activity, action, feature, kind, category, reason): not used as the event log'),
    draft.checks.join("\n"),
  );
  assert.ok(draft.checks.some((c) => /^not used: .*web\.csv/.test(c)), draft.checks.join("\n"));
});

test("the deals are the opportunities, not the history of their stages, however many rows it has; a lookup of the stages is never joined by the outcome", async () => {
  const dir = tempDir("leadlab-init-history-");
  const stages = ["Closed Won", "Closed Lost", "Prospecting"];
  writeFileSync(join(dir, "Opportunity.csv"), ["Id,StageName,Amount,Industry", ...Array.from({ length: 30 }, (_, i) => `O${i},${stages[i % 3]},${1000 + i * 10},${["Retail", "Banking"][i % 2]}`)].join("\n") + "\n");
  writeFileSync(join(dir, "OpportunityHistory.csv"), ["Id,OpportunityId,StageName,Amount", ...Array.from({ length: 50 }, (_, k) => `H${k},O${k % 30},${stages[k % 3]},${1000 + k}`)].join("\n") + "\n");
  writeFileSync(join(dir, "StageGroups.csv"), ["StageName,StageGroup", "Closed Won,5 - Won", "Closed Lost,6 - Lost", "Prospecting,1 - Early"].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal("file" in draft.spec.deals && draft.spec.deals.file, "Opportunity.csv");
  assert.equal(draft.spec.join, undefined);
  assert.ok(draft.checks.some((c) => /^not used: .*OpportunityHistory\.csv.*StageGroups\.csv/.test(c)), draft.checks.join("\n"));
});

test("a Salesforce Lead export: Status's standard values are the outcome (not IsConverted, whose false holds the open leads), the Converted… fields are set aside, and AnnualRevenue, the company's, is no amount", async () => {
  const dir = tempDir("leadlab-init-sf-leads-");
  const status = ["Closed - Converted", "Closed - Not Converted", "Open - Not Contacted", "Working - Contacted"];
  const rows = Array.from({ length: 40 }, (_, i) => {
    const converted = i % 4 === 0;
    return `00Q${i},${status[i % 4]},${converted ? "TRUE" : "FALSE"},${converted ? "02/24/26" : ""},${converted ? `001X${i}` : ""},${["Web", "Partner Referral", "Phone Inquiry"][i % 3]},${(i + 1) * 1_000_000}`;
  });
  writeFileSync(join(dir, "Lead.csv"), ["Id,Status,IsConverted,ConvertedDate,ConvertedAccountId,LeadSource,AnnualRevenue", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.deepEqual(draft.spec.deals.outcome, { column: "Status", won: ["Closed - Converted"], lost: ["Closed - Not Converted"] });
  assert.equal(draft.spec.deals.amount, undefined);
  assert.deepEqual(draft.spec.attributes, {
    IsConverted: { role: "exclude", reason: "restates the outcome (known only after the close)" },
    ConvertedDate: { role: "exclude", reason: "recorded only once a lead is converted: it would leak the outcome" },
    ConvertedAccountId: { role: "exclude", reason: "recorded only once a lead is converted: it would leak the outcome" },
  });
  assert.ok(draft.checks.includes('outcome values read as open (not trained on): "Open - Not Contacted", "Working - Contacted"'), draft.checks.join("\n"));
});

test("a timestamp that differs on every row is a date, not an identifier", async () => {
  const dir = tempDir("leadlab-init-unique-time-");
  const rows = Array.from({ length: 30 }, (_, i) => `D${i},${i % 2 ? "Won" : "Lost"},2021-09-${String((i % 28) + 1).padStart(2, "0")} 0${i % 10}:${String(i).padStart(2, "0")}:17,${["Retail", "Banking"][i % 2]}`);
  writeFileSync(join(dir, "deals.csv"), ["deal_id,stage,signed_up_at,industry", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal(draft.spec.attributes?.signed_up_at, undefined);
});

test("a change or a share named like an amount (OrderAmountHikeFromlastYear, in percent) is no amount; the next amount-like column is", async () => {
  const dir = tempDir("leadlab-init-relative-amount-");
  const rows = Array.from({ length: 30 }, (_, i) => `C${i},${i % 2 ? "Won" : "Lost"},${11 + (i % 15)},${120 + i * 3.5}`);
  writeFileSync(join(dir, "customers.csv"), ["CustomerID,stage,OrderAmountHikeFromlastYear,CashbackAmount", ...rows].join("\n") + "\n");
  const draft = await draftDatasetSpec(dir);
  assert.equal(draft.spec.deals.amount, "CashbackAmount");
});
