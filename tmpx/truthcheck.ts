import { readFileSync } from "node:fs";
import { SAMPLE_GROUND_TRUTH } from "../src/sample/ground-truth";
const s = JSON.parse(readFileSync("rules/sample/summary.json", "utf8"));
const base = (n: string) => n.replace(/=.*$/, "").replace(/_(count|sum|active_days|days_since_last)_\d+d$/, "");
const truth = new Map(SAMPLE_GROUND_TRUTH.attributes.map((a) => [a.attribute, a]));
const report = (label: string, sig: string[], key: "effectOnRetention" | "effectOnWin" | "amount") => {
  const bases = [...new Set(sig.map(base))];
  const indep = bases.filter((b) => truth.get(b)?.independent);
  console.log(label, sig.length, "significant; independent (false discoveries):", indep, "; unknown:", bases.filter((b) => !truth.has(b)));
};
const ret = s.retention.drivers.filter((d: any) => d.q < 0.05).map((d: any) => d.name);
report("retention", ret, "effectOnRetention");
const plantedRet = SAMPLE_GROUND_TRUTH.attributes.filter((a) => a.effectOnRetention !== "none" && a.effectOnRetention !== undefined).map((a) => a.attribute);
console.log("planted retention:", plantedRet.map((p) => `${p}:${ret.some((r: string) => base(r) === p)}`).join(" "));
const amt = s.value.attributes.filter((d: any) => d.q < 0.05).map((d: any) => d.name);
report("amount", amt, "amount");
console.log(Object.keys(SAMPLE_GROUND_TRUTH.attributes[0]));
