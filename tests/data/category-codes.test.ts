import assert from "node:assert/strict";
import { test } from "node:test";
import { inferAttribute } from "../../src/data/infer-attribute";

/*
 * Whole numbers in a column named like a category (TrafficType, Region, Browser,
 * OperatingSystems, sales_channel) are codes: binned as categories, not as ranges ("2–3" of
 * a browser code means nothing). The load report says so and how to read them as numbers.
 */

const codes = (k: number) => Array.from({ length: 200 }, (_, i) => String((i % k) + 1));

test("few whole numbers in a column named like a category are read as categories, and the reason says how to read them as numbers", () => {
  // Salesforce's custom fields end in "__c": WNC_Region__c is a region, Sub_Area__c an area
  for (const name of ["TrafficType", "Region", "Browser", "OperatingSystems", "sales_channel", "Customer Segment", "WNC_Region__c", "Sub_Area__c", "Country", "BillingCountry", "sales_territory"]) {
    const r = inferAttribute(name, codes(9));
    assert.equal(r.type, "categorical", name);
    assert.match(r.reason, new RegExp(`^categorical: whole-number codes \\(9 distinct\\) in a column named like a category, binned as categories rather than ranges; declare \`${name}: \\{ type: numeric \\}\` if they are quantities`));
  }
});

test("numbers stay numbers: another name, more than 30 codes (but for a place), a fraction, or a declared type", () => {
  assert.equal(inferAttribute("employees", codes(9)).type, "numeric");
  assert.equal(inferAttribute("TrafficType", codes(31)).type, "numeric");
  assert.equal(inferAttribute("TrafficType", [...codes(9), "2.5"]).type, "numeric");
  assert.equal(inferAttribute("Region", codes(9), { type: "numeric" }).type, "numeric");
  // a name that only contains a category word is not one ("typed_pages", "regional_sales")
  assert.equal(inferAttribute("typed_pages", codes(9)).type, "numeric");
  assert.equal(inferAttribute("regional_sales", codes(9)).type, "numeric");
  assert.equal(inferAttribute("area_sqft", codes(9)).type, "numeric");
});

/** `k` distinct whole-number codes, each twice. */
const many = (k: number) => Array.from({ length: 2 * k }, (_, i) => String((i % k) + 1));

/** Asserts each named column of `seen` codes is read as categories, and so up to `most` codes, but not one more. */
function assertCodesUpTo(names: readonly string[], seen: number, most: number): void {
  for (const name of names) {
    const r = inferAttribute(name, many(seen));
    assert.equal(r.type, "categorical", name);
    assert.match(r.reason, new RegExp(`^categorical: whole-number codes \\(${seen} distinct\\) in a column named like a category`));
    assert.equal(inferAttribute(name, many(most)).type, "categorical", name);
    assert.equal(inferAttribute(name, many(most + 1)).type, "numeric", name);
  }
}

test("a place's codes may be many (a label-encoded country of 145 values), up to 300; an area's are not (it may be a size)", () => {
  assertCodesUpTo(["Country__c", "BillingCountry", "sales_territory", "WNC_Region__c", "Region"], 145, 300);
  assert.equal(inferAttribute("Sub_Area__c", many(48)).type, "numeric");
  assert.equal(inferAttribute("Area", many(31)).type, "numeric");
  assert.equal(inferAttribute("TrafficType", many(145)).type, "numeric");
});

test("the codes of people a deal is assigned to (an owner, a sales rep, an agent) may be thousands: a label-encoded Account_Owner__c of 478 values", () => {
  assertCodesUpTo(["Account_Owner__c", "Owner", "deal_owner", "SalesRep", "sales_rep", "Sales Rep", "agent", "Salesperson"], 478, 5000);
  // an id of the owner stays an id; a name that only contains the word is none; a fraction is a number
  assert.notEqual(inferAttribute("OwnerId", many(478)).type, "categorical");
  assert.equal(inferAttribute("owner_tenure_days", many(478)).type, "numeric");
  assert.equal(inferAttribute("representative_revenue", many(40)).type, "numeric");
  assert.equal(inferAttribute("Owner", [...many(40), "2.5"]).type, "numeric");
});
