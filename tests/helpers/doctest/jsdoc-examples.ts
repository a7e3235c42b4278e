import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One `@example` block of a JSDoc comment. */
export interface JsdocExample {
  /** The source file, relative to the repository root (with forward slashes). */
  file: string;
  /** The 1-based line of the `@example` tag. */
  line: number;
  /** The example's code, with the comment's leading ` * ` removed; its first line is the tag's line. */
  code: string;
}

/**
 * Every `@example` in the JSDoc comments of a text: the lines after the tag up to the next tag
 * or the end of the comment.
 */
export function jsdocExamples(text: string, file: string): JsdocExample[] {
  const examples: JsdocExample[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length;
    const lines = comment[0]
      .replace(/^\/\*\*/, "")
      .replace(/\*\/$/, "")
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""));
    let current: { line: number; code: string[] } | null = null;
    const finish = () => {
      if (current) examples.push({ file, line: current.line, code: current.code.join("\n").trimEnd() });
      current = null;
    };
    lines.forEach((l, i) => {
      if (/^@\w/.test(l)) {
        finish();
        if (l.startsWith("@example")) current = { line: firstLine + i, code: [l.slice("@example".length)] };
      } else current?.code.push(l);
    });
    finish();
  }
  return examples;
}

/** The TypeScript files under a folder, recursively, relative to `root`, sorted. */
export function sourceFiles(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.posix.join(folder, f.split(path.sep).join("/")))
    .sort();
}

/** Every `@example` of every TypeScript file under `folder`. */
export function examplesUnder(root: string, folder: string): JsdocExample[] {
  return sourceFiles(root, folder).flatMap((f) => jsdocExamples(readFileSync(path.join(root, f), "utf8"), f));
}
