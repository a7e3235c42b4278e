import { test } from "node:test";
import assert from "node:assert/strict";
import { columnFacts } from "../../src/init/column-facts";
import { dayMonthAmbiguous, detectDateFormat } from "../../src/init/date-format";
import { findJoin } from "../../src/init/find-join";
import { findOutcome } from "../../src/init/outcome-values";

const facts = (columns: Record<string, (string | null)[]>) => Object.entries(columns).map(([n, v]) => columnFacts(n, v));

test("outcome: a stage column beats an IsWon flag, whose false also covers open deals", () => {
  const o = findOutcome(facts({ IsWon: ["true", "false", "false"], StageName: ["Closed Won", "Closed Lost", "Prospecting"] }))!;
  assert.deepEqual([o.column, o.won, o.lost, o.open], ["StageName", ["Closed Won"], ["Closed Lost"], ["Prospecting"]]);
});

test("outcome: IsWon true/false and a 1/0 Converted flag alone", () => {
  assert.deepEqual(findOutcome(facts({ IsWon: ["true", "false", "true"] })), { column: "IsWon", won: ["true"], lost: ["false"], open: [], why: "a won/converted flag (false/true)" });
  const c = findOutcome(facts({ Converted: ["1", "0", "0", "1"] }))!;
  assert.deepEqual([c.column, c.won, c.lost], ["Converted", ["1"], ["0"]]);
});

test("outcome: Pipedrive status and HubSpot internal stage names; lead status Converted / Unqualified", () => {
  assert.deepEqual(findOutcome(facts({ "Deal - Status": ["won", "lost", "open", "deleted"] }))!.open, ["deleted", "open"]);
  assert.deepEqual(findOutcome(facts({ dealstage: ["closedwon", "closedlost", "appointmentscheduled"] }))!.won, ["closedwon"]);
  const lead = findOutcome(facts({ "Lead Status": ["Converted", "Unqualified", "Working"] }))!;
  assert.deepEqual([lead.won, lead.lost, lead.open], [["Converted"], ["Unqualified"], ["Working"]]);
  assert.equal(findOutcome(facts({ industry: ["Retail", "Software"] })), undefined);
});

test("outcome: a stage column has at most max(20, won and lost values + 10) open values; case variants of a spelling each count", () => {
  const open = (n: number) => Array.from({ length: n }, (_, i) => `Stage ${String(i).padStart(2, "0")}`);
  // one won and one lost value: at most max(20, 2 + 10) = 20 open values
  assert.equal(findOutcome(facts({ stage: ["Won", "Lost", ...open(20)] }))?.open.length, 20);
  assert.equal(findOutcome(facts({ stage: ["Won", "Lost", ...open(21)] })), undefined);
  // twelve won and lost values (case variants and spellings): at most max(20, 12 + 10) = 22
  const closed = ["won", "Won", "WON", "win", "Converted", "closed won", "lost", "Lost", "LOST", "loss", "Disqualified", "closed lost"];
  assert.deepEqual(findOutcome(facts({ stage: [...closed, ...open(22)] }))?.won, ["Converted", "WON", "Won", "closed won", "win", "won"]);
  assert.equal(findOutcome(facts({ stage: [...closed, ...open(23)] })), undefined);
  // a value longer than every spelling is open, whatever it holds
  assert.deepEqual(findOutcome(facts({ stage: ["Closed Won", "Closed Lost", "Closed Won (renewal)"] }))?.open, ["Closed Won (renewal)"]);
});

test("dates: ISO, US, European, and the month/day ambiguity", () => {
  assert.equal(detectDateFormat(["2026-01-31", "2026-02-01T10:00:00.000Z"]), "ISO");
  assert.equal(detectDateFormat(["12/31/2025", "01/02/2026"]), "%m/%d/%Y");
  assert.equal(detectDateFormat(["31/12/2025", "01/02/2026"]), "%d/%m/%Y");
  assert.equal(detectDateFormat(["31.12.2025 17:30"]), "%d.%m.%Y %H:%M");
  assert.equal(detectDateFormat(["12/31/2025 4:05 PM"]), "%m/%d/%Y %I:%M %p");
  assert.equal(detectDateFormat(["next week"]), undefined);
  assert.equal(dayMonthAmbiguous(["01/02/2026", "03/04/2026"], "%m/%d/%Y"), true);
  assert.equal(dayMonthAmbiguous(["01/02/2026", "12/31/2026"], "%m/%d/%Y"), false);
  assert.equal(detectDateFormat(["20-10-2017", "01-02-2018"]), "%d-%m-%Y", "day first with dashes (Olist's leads)");
  assert.equal(detectDateFormat(["10-20-2017"]), "%m-%d-%Y");
  assert.equal(dayMonthAmbiguous(["01-02-2018"], "%m-%d-%Y"), true);
});

test("joins: the unique column that matches most deals' values; never a column of small codes that merely overlap", () => {
  const deals = facts({ AccountId: ["A1", "A2", "A1", "A9", null], Amount: ["100", "200", "300", "400", "500"] });
  const accounts = facts({ Id: ["A1", "A2", "A3"], Employees: ["100", "200", "300"] });
  assert.deepEqual(findJoin(deals, accounts), { dealsColumn: "AccountId", tableColumn: "Id", withKey: 4, matched: 3, unmatched: [{ key: "A9", rows: 1 }] });
  // Amount values equal Employees values, but numbers are keys only under id-like names.
  assert.equal(findJoin(facts({ Amount: ["100", "200", "300"] }), facts({ Employees: ["100", "200", "300"] })), undefined);
  assert.equal(findJoin(facts({ AccountId: ["X1", "X2"] }), accounts), undefined);
});

test("outcome: a flag named like a response to an offer (Response, Purchased, Subscribed) when no column says won; a won flag comes first", () => {
  for (const name of ["Response", "purchased", "Subscribed", "campaign_response", "subscribe", "y"]) {
    const o = findOutcome(facts({ Income: ["58138", "46344", "71613"], [name]: ["1", "0", "1"] }))!;
    assert.deepEqual([o.column, o.won, o.lost, o.why], [name, ["1"], ["0"], "a response flag (0/1)"], name);
  }
  assert.equal(findOutcome(facts({ Response: ["1", "0", "1"] }), { responses: false }), undefined);
  assert.equal(findOutcome(facts({ EmailResponse: ["1", "0"], Responses: ["1", "0"], pos_y: ["1", "0"], subscribers: ["1", "0"] })), undefined);
  assert.equal(findOutcome(facts({ Response: ["1", "0", "1"], Converted: ["0", "0", "1"] }))!.column, "Converted");
});

test("outcome: a flag with a few mistyped values (a 05 among 1s and 0s) is still the flag, the strays open; more than 5 strays, or two true tokens, is no flag", () => {
  const flag = (strays: string[]) => ({ Purchased: [...Array.from({ length: 100 }, (_, i) => (i % 3 ? "0" : "1")), ...strays] });
  const o = findOutcome(facts(flag(["05"])))!;
  assert.deepEqual([o.column, o.won, o.lost, o.open, o.why], ["Purchased", ["1"], ["0"], ["05"], "a response flag (0/1)"]);
  assert.deepEqual(findOutcome(facts(flag(["05", "?", "2", "2", "x"])))!.open, ["05", "2", "?", "x"]);
  assert.equal(findOutcome(facts(flag(["05", "?", "2", "2", "x", "y"]))), undefined);
  assert.equal(findOutcome(facts({ IsWon: ["1", "yes", "1", "yes", "no"] })), undefined);
});

test("outcome: a column of one value (items_purchased, all 1) or of two counts (1 and 2) is no flag", () => {
  assert.equal(findOutcome(facts({ items_purchased: ["1", "1", "1"] })), undefined);
  assert.equal(findOutcome(facts({ items_purchased: ["1", "2", "1"] })), undefined);
  assert.equal(findOutcome(facts({ IsWon: ["true", "true"] })), undefined);
});

test("joins: numbers on both sides join only when the deals column names the key or its table, not where row numbers happen to overlap", () => {
  const products = [columnFacts("primary_product_id", ["1", "2", "1", "3", "4"])];
  assert.equal(findJoin(products, [columnFacts("order_item_id", ["1", "2", "3", "4", "5", "6"])], 0.5, "order_items.csv"), undefined);
  assert.deepEqual(findJoin(products, [columnFacts("product_id", ["1", "2", "3", "4"])], 0.5, "products.csv")?.tableColumn, "product_id");
  // a generic key ("Record ID") joins by the table's name: companies.csv for "Associated Company ID"
  const company = [columnFacts("Associated Company ID", ["101", "102", "101"])];
  assert.equal(findJoin(company, [columnFacts("Record ID", ["101", "102", "103"])], 0.5, "companies.csv")?.tableColumn, "Record ID");
  assert.equal(findJoin(company, [columnFacts("Record ID", ["101", "102", "103"])], 0.5, "tickets.csv"), undefined);
  // "Kidhome" holds "id" but names no key: a scored file's ID does not join it
  assert.equal(findJoin([columnFacts("Kidhome", ["0", "1", "2", "1"])], [columnFacts("ID", ["0", "1", "2", "5524"])], 0.5, "scored.csv"), undefined);
  assert.equal(findJoin([columnFacts("AccountId", ["7", "8", "7"])], [columnFacts("Id", ["7", "8", "9"])], 0.5, "Account.csv")?.tableColumn, "Id");
});
