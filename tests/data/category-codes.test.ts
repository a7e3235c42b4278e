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

test("numbers stay numbers: another name, more than 30 codes, a fraction, or a declared type", () => {
  assert.equal(inferAttribute("employees", codes(9)).type, "numeric");
  assert.equal(inferAttribute("TrafficType", codes(31)).type, "numeric");
  assert.equal(inferAttribute("TrafficType", [...codes(9), "2.5"]).type, "numeric");
  assert.equal(inferAttribute("Region", codes(9), { type: "numeric" }).type, "numeric");
  // a name that only contains a category word is not one ("typed_pages", "regional_sales")
  assert.equal(inferAttribute("typed_pages", codes(9)).type, "numeric");
  assert.equal(inferAttribute("regional_sales", codes(9)).type, "numeric");
  assert.equal(inferAttribute("area_sqft", codes(9)).type, "numeric");
  assert.equal(inferAttribute("Country__c", codes(31)).type, "numeric");
});
