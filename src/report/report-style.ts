/**
 * The report's style sheet, inlined into the page: the system sans-serif, a readable column
 * at most 1120 pixels wide, a green or red verdict box, tables with right-aligned figures,
 * badges for flags, charts two to a row that shrink on a narrow screen, and print rules that
 * keep a table or a chart on one page.
 *
 * @example
 * import { REPORT_CSS } from "./report-style";
 * REPORT_CSS.includes(".verdict.good"); // => true
 */
export const REPORT_CSS = `
:root { --text: #222; --muted: #5f6b76; --line: #dde3e9; --soft: #f5f7f9; --blue: #1f5f99;
  --good: #1e7b3c; --good-bg: #eaf6ee; --bad: #b3261e; --bad-bg: #fdecea; --warn: #8a5a00; --warn-bg: #fff6e0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--text);
  font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 4px; overflow-wrap: anywhere; }
p { margin: 6px 0 10px; }
section { margin: 34px 0 0; }
.lede { color: var(--muted); margin: 0; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
code, .mono { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
nav.toc { margin: 14px 0 0; font-size: 13px; color: var(--muted); }
nav.toc a { color: var(--blue); text-decoration: none; margin-right: 12px; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }

.verdict { margin: 22px 0 0; padding: 16px 20px; border-radius: 8px; border: 2px solid; }
.verdict.good { background: var(--good-bg); border-color: var(--good); }
.verdict.bad { background: var(--bad-bg); border-color: var(--bad); }
.verdict .headline { font-size: 21px; font-weight: 700; margin: 0 0 4px; }
.verdict.good .headline { color: var(--good); }
.verdict.bad .headline { color: var(--bad); }
.verdict p { margin: 4px 0 0; }
#summary h3 { margin: 16px 0 4px; }
ul.actions { margin: 4px 0 8px; padding-left: 20px; }
ul.actions li { margin: 3px 0; }
ul.reasons { margin: 0; padding-left: 16px; }
ul.reasons li { margin: 0; }

.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 8px 0 12px; }
.tile { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.tile .label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; }
.tile .value { font-size: 24px; font-weight: 700; margin: 2px 0; font-variant-numeric: tabular-nums; }
.tile .value small { font-size: 14px; font-weight: 400; color: var(--muted); }
.tile .note { font-size: 13px; color: var(--muted); line-height: 1.35; }

.table-scroll { overflow-x: auto; max-width: 100%; }
table.data { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
table.data caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
table.data th { text-align: left; font-size: 13px; font-weight: 600; color: var(--muted);
  border-bottom: 2px solid var(--line); padding: 6px 10px; vertical-align: bottom; }
table.data td { border-bottom: 1px solid var(--line); padding: 6px 10px; vertical-align: top; overflow-wrap: break-word; }
table.data .nowrap { white-space: nowrap; }
table.data td.name { overflow-wrap: anywhere; min-width: 9em; }
table.data tbody tr:nth-child(even) td { background: #fafbfc; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data tbody tr.leak td { background: var(--bad-bg); } /* as specific as the striping above, and after it: striped rows are highlighted too */
table.data tr.empty td { color: var(--muted); }
table.compact { width: auto; min-width: 420px; }

.badge { display: inline-block; font-size: 12px; line-height: 1.3; padding: 1px 7px; border-radius: 10px; margin: 1px 4px 1px 0;
  border: 1px solid transparent; white-space: nowrap; }
.badge.on-card { background: #e3eefa; color: var(--blue); border-color: #b9d2ec; }
.badge.sig { background: var(--good-bg); color: var(--good); border-color: #bfe0c9; }
.badge.ns { background: var(--soft); color: var(--muted); border-color: var(--line); }
.badge.leak { background: var(--bad); color: #fff; font-weight: 600; }
.badge.kept { background: var(--warn-bg); color: var(--warn); border-color: #f0d58c; font-weight: 600; }
.badge.redundant { background: var(--soft); color: var(--muted); border-color: var(--line); white-space: normal; }
.reason { display: block; font-size: 12px; color: var(--bad); margin-top: 2px; }

.attributes { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 16px; align-items: start; }
.attribute { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 4px; break-inside: avoid; min-width: 0; }
.attribute .meta { font-size: 13px; color: var(--muted); margin: 0 0 4px; }
.attribute .rationale { font-size: 13px; margin: 4px 0 6px; }
.attribute table.data td:first-child { min-width: 7em; }
.pointsbar { position: relative; height: 12px; width: 100px; display: inline-block; vertical-align: middle; margin-left: 8px;
  background: linear-gradient(to right, transparent 49.5%, #b0b8c0 49.5%, #b0b8c0 50.5%, transparent 50.5%); }
.pointsbar span { position: absolute; top: 1px; height: 10px; border-radius: 2px; }
.pointsbar .plus { left: 50%; background: #2e8b57; }
.pointsbar .minus { right: 50%; background: #c0392b; }

.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 18px; }
figure { margin: 0; padding: 10px; border: 1px solid var(--line); border-radius: 8px; break-inside: avoid; min-width: 0; }
svg.chart { display: block; max-width: 100%; height: auto; }
figure svg.chart { margin: 0 auto; }
figcaption { font-size: 13px; color: var(--muted); margin: 6px 4px 0; }
.grade-layout { display: grid; grid-template-columns: minmax(0, auto) minmax(260px, 1fr); gap: 22px; align-items: start; }

.psi { font-size: 18px; font-weight: 700; }
.psi.stable { color: var(--good); }
.psi.moderate { color: var(--warn); }
.psi.major { color: var(--bad); }
ul.warnings { margin: 6px 0; padding-left: 20px; }
ul.warnings li { margin: 4px 0; overflow-wrap: anywhere; }
pre.diff { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto;
  font-size: 13px; line-height: 1.45; white-space: pre; }
details { margin: 6px 0 10px; }
details summary { cursor: pointer; color: var(--blue); font-size: 14px; }
footer { margin-top: 44px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }

@media (max-width: 900px) {
  table.data th, table.data td { padding: 6px 6px; }
  .badge { white-space: normal; overflow-wrap: anywhere; }
  table.data td.name { min-width: 7em; }
  .grade-layout { grid-template-columns: 1fr; }
}
@media (max-width: 720px) {
  main { padding: 18px 14px 36px; }
  .attributes, .charts, .grade-layout { grid-template-columns: 1fr; }
  table.compact { min-width: 0; }
}
@media print {
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section, figure, table, .attribute, .verdict { break-inside: avoid; }
  details:not([open]) > *:not(summary) { display: block; }
}
`;
