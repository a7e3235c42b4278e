import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The names a TypeScript module exports, values and types alike, read from its source:
 * `export { a, type B } from`, `export type { C }`, exported declarations, and `export * from`
 * followed into the module it names.
 */
export function exportedNames(file: string): Set<string> {
  const names = new Set<string>();
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) for (const e of statement.exportClause.elements) names.add(e.name.text);
      else if (statement.exportClause) names.add(statement.exportClause.name.text);
      else if (statement.moduleSpecifier) for (const n of exportedNames(resolveSource(file, (statement.moduleSpecifier as ts.StringLiteral).text))) names.add(n);
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) names.add((statement.name as ts.Identifier).text);
  }
  return names;
}

function resolveSource(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const file = [`${base}.ts`, path.join(base, "index.ts")].find(existsSync);
  if (!file) throw new Error(`${from}: cannot find the module "${specifier}"`);
  return file;
}
