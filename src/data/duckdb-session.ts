import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { quoteString } from "../sql/quoting";
import { workFolder } from "./work-folder";

/** Options of {@link openDuckDB}. */
export interface DuckDBSessionOptions {
  /** The IANA time zone naive timestamps are read in (DuckDB's `TimeZone`). Default `"UTC"`, whatever the machine's `TZ`. */
  timeZone?: string;
}

/**
 * An in-memory DuckDB connection for reading the user's tables, locked down before it runs
 * anything of theirs: relative paths (in `file:` tables and inside `sql:` queries) resolve
 * against `baseDir`, the folder of the dataset.yaml; naive timestamps are read in
 * `options.timeZone` (default UTC, never the machine's `TZ`); extensions are neither installed
 * nor loaded on demand (no network, no community extensions); what DuckDB spills to disk past
 * its memory limit goes to a folder of the session's own in the process's {@link workFolder},
 * removed at exit (DuckDB's default is a `.tmp` folder in the working directory, shared by every
 * in-memory instance, whose spilled files then clash); and the configuration is locked,
 * so no query can change any of this. Which statements a `sql:` table may hold is checked
 * separately, by {@link assertReadOnlyQuery}.
 *
 * @example
 * import { openDuckDB } from "./duckdb-session";
 * const db = await openDuckDB("data/sample");
 * (await db.runAndReadAll("select 1 as x")).getRowObjects(); // => [{ x: 1 }]
 * db.closeSync();
 */
export async function openDuckDB(baseDir: string, options: DuckDBSessionOptions = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    allow_community_extensions: "false",
  });
  const connection = await instance.connect();
  await connection.run(`SET file_search_path = ${quoteString(baseDir, "duckdb")}`);
  await connection.run(`SET TimeZone = ${quoteString(options.timeZone ?? "UTC", "duckdb")}`);
  await connection.run(`SET temp_directory = ${quoteString(mkdtempSync(join(workFolder(), "duckdb-")), "duckdb")}`);
  await connection.run("SET lock_configuration = true");
  return connection;
}


