import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

let cached: string | undefined;

/**
 * The version of leadlab that is running, from its package.json (found by walking up from this
 * file, so it works from the sources and from the compiled `dist/`). Written into exported files
 * as provenance.
 *
 * @example
 * import { toolVersion } from "leadlab";
 * /^\d+\.\d+\.\d+/.test(toolVersion()); // => true
 */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "leadlab" && typeof pkg.version === "string") return (cached = pkg.version);
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("toolVersion: leadlab's package.json was not found above " + __dirname);
    dir = up;
  }
}
