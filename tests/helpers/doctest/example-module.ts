import ts from "typescript";
import { parseExpectation } from "./expectation";

/** An import of an example, as written. */
export interface ExampleImport {
  specifier: string;
  /** The imported names (the default import as "default"); type-only ones too. */
  names: string[];
}

/** An example made runnable. */
export interface ExampleModule {
  /**
   * CommonJS source whose `module.exports` is `async (check, throws, approx, rest) => void`: the
   * example's statements; each one followed by `// =>` passes its value to
   * `check(actual, expected, tolerance, line, text)`, and each one followed by `// throws: message`
   * runs inside `throws(async () => statement, message, line, text)`.
   */
  js: string;
  imports: ExampleImport[];
  /** How many `// =>` values and `// throws:` messages the example states. */
  checks: number;
}

/** The module an example documents: its path and the names it exports at run time. */
export interface ExampleScope {
  file: string;
  names: readonly string[];
}

/**
 * Turns an example into a module: imports stay at the top (with `specifiers` rewritten, e.g.
 * "leadlab" to the source entry), the other statements run in an async function, and every
 * statement followed by a `// =>` comment has its value checked (one followed by `// throws:`, its
 * error). As in Python's doctest, the
 * example runs in the scope of the module it documents: that module's exports are in scope unless
 * the example imports or declares the same name. `firstLine` is the source line of the example's
 * first line, for messages.
 */
export function exampleModule(code: string, firstLine: number, specifiers: Record<string, string>, scope: ExampleScope): ExampleModule {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const parseErrors = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (parseErrors.length > 0) throw new Error(`the example does not parse: ${ts.flattenDiagnosticMessageText(parseErrors[0].messageText, "\n")}`);
  const imports: ExampleImport[] = [];
  const head: string[] = [];
  const body: string[] = [];
  let checks = 0;
  source.statements.forEach((statement, i) => {
    const text = code.slice(statement.getStart(source), statement.end);
    if (ts.isImportDeclaration(statement)) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      imports.push({ specifier, names: importedNames(statement) });
      const target = specifiers[specifier];
      head.push(target === undefined ? text : text.replace(/(["'])[^"']*\1(\s*;?)$/, `${JSON.stringify(target)}$2`));
      return;
    }
    const gapEnd = i + 1 < source.statements.length ? source.statements[i + 1].getStart(source) : code.length;
    // The comments after the statement: on its line (trailing), then on the lines before the next one.
    const comments = [...(ts.getTrailingCommentRanges(code, statement.end) ?? []), ...(ts.getLeadingCommentRanges(code, statement.end) ?? [])];
    const stated = comments
      .filter((c, k) => c.end <= gapEnd && comments.findIndex((d) => d.pos === c.pos) === k)
      .map((c) => code.slice(c.pos, c.end))
      .filter((c) => c.startsWith("// =>") || c.startsWith("// throws:"));
    const line = firstLine + source.getLineAndCharacterOfPosition(statement.getStart(source)).line;
    if (stated.length === 0) {
      body.push(text);
      return;
    }
    if (stated.length > 1) throw new Error(`line ${line}: one statement, ${stated.length} // => values`);
    checks++;
    if (stated[0].startsWith("// throws:")) {
      const message = stated[0].slice("// throws:".length).trim();
      body.push(`await throws(async () => { ${text} }, ${JSON.stringify(message)}, ${line}, ${JSON.stringify(text)});`);
      return;
    }
    const { expression, tolerance } = parseExpectation(stated[0].slice("// =>".length));
    const value = checkedValue(statement, source);
    if (value === null) throw new Error(`line ${line}: // => follows a statement that is not an expression or one const: ${text}`);
    if (!ts.isExpressionStatement(statement)) body.push(text);
    body.push(`await check(${value}, ${expression}, ${JSON.stringify(tolerance)}, ${line}, ${JSON.stringify(text)});`);
  });
  const bound = boundNames(source);
  const inScope = scope.names.filter((n) => !bound.has(n));
  if (inScope.length > 0) head.push(`const { ${inScope.join(", ")} } = require(${JSON.stringify(scope.file)});`);
  const module = [...head, "module.exports = async (check, throws, __approx, __rest) => {", ...body, "};"].join("\n");
  const js = ts.transpileModule(module, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  return { js, imports, checks };
}

/** The expression whose value a `// =>` states: an expression statement's, or a single `const`'s name. */
function checkedValue(statement: ts.Statement, source: ts.SourceFile): string | null {
  if (ts.isExpressionStatement(statement)) return `(${statement.expression.getText(source)})`;
  if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
    const name = statement.declarationList.declarations[0].name;
    if (ts.isIdentifier(name)) return name.text;
  }
  return null;
}

/** The names an example binds at its top level: imports, declarations, and destructured names. */
function boundNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
      else if (bindings) names.add(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
  }
  return names;
}

function importedNames(statement: ts.ImportDeclaration): string[] {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? ["default"] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push((e.propertyName ?? e.name).text);
  return names;
}
