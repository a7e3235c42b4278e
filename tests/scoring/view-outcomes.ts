import { DuckDBInstance } from "@duckdb/node-api";
import { Client } from "pg";
import { score, ScoreError } from "../../src/scoring/score";
import type { ScoringRules } from "../../src/formats/scoring-rules-schema";
import { scoringSql } from "../../src/scoring/sql/scoring-sql";

/*
 * The outcome of each lead of a small leads table (text columns, the first one the id), scored
 * three ways: score(), the generated DuckDB view, the generated PostgreSQL view. Each outcome is
 * "points tier grade", "null null null" when the lead cannot be scored.
 */

/** A leads table: column names and rows of text (null = SQL NULL / absent). */
export interface LeadsTable {
  columns: readonly string[];
  rows: readonly (readonly (string | null)[])[];
}

/** score()'s outcome per lead id. */
export function scorerOutcomes(rules: ScoringRules, leads: LeadsTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of leads.rows) {
    const record = Object.fromEntries(leads.columns.map((c, j) => [c, row[j]]));
    try {
      const s = score(rules, record, { reasons: 0 });
      out.set(row[0]!, `${s.points} ${s.tier} ${s.grade}`);
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
      out.set(row[0]!, "null null null");
    }
  }
  return out;
}

const outcomes = (rows: Record<string, unknown>[], id: string) =>
  new Map(rows.map((r) => [String(r[id]), `${r.points === null ? null : Number(r.points)} ${r.tier} ${r.grade}`]));

/** The DuckDB view's outcome per lead id (every column stored as VARCHAR). */
export async function duckdbOutcomes(rules: ScoringRules, leads: LeadsTable): Promise<Map<string, string>> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  try {
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    await db.run(`CREATE TABLE leads (${leads.columns.map((c) => `${q(c)} VARCHAR`).join(", ")})`);
    const appender = await db.createAppender("leads");
    for (const row of leads.rows) {
      for (const v of row) if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
      appender.endRow();
    }
    appender.closeSync();
    await db.run(scoringSql(rules, { dialect: "duckdb" }));
    return outcomes((await db.runAndReadAll("SELECT * FROM lead_scores")).getRowObjectsJS() as Record<string, unknown>[], rules.inputs.id);
  } finally {
    db.closeSync();
  }
}

/** The PostgreSQL view's outcome per lead id (columns of type text), or undefined without PGHOST. */
export async function postgresOutcomes(rules: ScoringRules, leads: LeadsTable): Promise<Map<string, string> | undefined> {
  if (!process.env.PGHOST) return undefined;
  const client = new Client();
  await client.connect();
  const schema = `leadlab_values_${process.pid}_${Date.now()}`;
  try {
    await client.query(`SET TIME ZONE 'UTC'`);
    await client.query(`CREATE SCHEMA ${schema}`);
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    await client.query(`CREATE TABLE ${schema}.leads (${leads.columns.map((c) => `${q(c)} text`).join(", ")})`);
    const arrays = leads.columns.map((_, j) => leads.rows.map((r) => r[j]));
    await client.query(`INSERT INTO ${schema}.leads SELECT * FROM unnest(${arrays.map((_, j) => `$${j + 1}::text[]`).join(", ")})`, arrays);
    await client.query(scoringSql(rules, { dialect: "postgres", leadsTable: `${schema}.leads`, viewName: `${schema}.lead_scores` }));
    return outcomes((await client.query(`SELECT * FROM ${schema}.lead_scores`)).rows, rules.inputs.id);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
  }
}
