/*
 * A small interpreter of the Salesforce formula subset the export writes: numbers, "strings"
 * with backslash escapes, TRUE/FALSE, field names, + - & (left to right, one level), unary
 * minus, comparisons (< <= > >= = == <> !=), parentheses and the functions IF, CASE, ISBLANK,
 * AND, OR, NOT, TRIM, LOWER, TEXT, VALUE, CONTAINS, SUBSTITUTE. Blank fields are treated as
 * blanks: arithmetic or a comparison with a blank is blank, and IF takes a blank test as false.
 * Anything else is a syntax error, so a formula using more than this subset fails the test.
 */

type Value = number | string | boolean | null;
type Node =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "field"; name: string }
  | { t: "neg"; e: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "call"; fn: string; args: Node[] };

const FUNCTIONS = new Set(["IF", "CASE", "ISBLANK", "AND", "OR", "NOT", "TRIM", "LOWER", "TEXT", "VALUE", "CONTAINS", "SUBSTITUTE"]);

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_.]*)|(<=|>=|<>|!=|==|[-+&<>=(),]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new SyntaxError(`formula: unexpected "${src.slice(i, i + 20)}" at ${i}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
    i = re.lastIndex;
  }
  return tokens;
}

/** Parses a formula into a tree; throws a SyntaxError for anything outside the subset. */
export function parseFormula(src: string): Node {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const take = (want?: string) => {
    const tok = tokens[p++];
    if (tok === undefined || (want !== undefined && tok !== want)) throw new SyntaxError(`formula: expected ${want ?? "more"} at token ${p - 1}, got ${tok}`);
    return tok;
  };
  const comparison = (): Node => {
    const a = additive();
    if (["<", "<=", ">", ">=", "=", "==", "<>", "!="].includes(peek())) return { t: "bin", op: take(), a, b: additive() };
    return a;
  };
  const additive = (): Node => {
    let a = unary();
    while (["+", "-", "&"].includes(peek())) a = { t: "bin", op: take(), a, b: unary() };
    return a;
  };
  const unary = (): Node => (peek() === "-" ? (take(), { t: "neg", e: unary() }) : primary());
  const primary = (): Node => {
    const tok = take();
    if (/^\d/.test(tok)) return { t: "num", v: Number(tok) };
    if (tok.startsWith('"')) return { t: "str", v: tok.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)) };
    if (tok === "(") {
      const e = comparison();
      take(")");
      return e;
    }
    if (tok === "TRUE" || tok === "FALSE") return { t: "bool", v: tok === "TRUE" };
    if (/^[A-Za-z_]/.test(tok)) {
      if (peek() !== "(") return { t: "field", name: tok };
      if (!FUNCTIONS.has(tok)) throw new SyntaxError(`formula: function ${tok} is not in the subset`);
      take("(");
      const args: Node[] = [];
      if (peek() !== ")") {
        args.push(comparison());
        while (peek() === ",") (take(), args.push(comparison()));
      }
      take(")");
      return { t: "call", fn: tok, args };
    }
    throw new SyntaxError(`formula: unexpected ${tok}`);
  };
  const tree = comparison();
  if (p !== tokens.length) throw new SyntaxError(`formula: unexpected ${tokens[p]} after the end`);
  return tree;
}

const textOf = (v: Value): string => (v === null ? "" : String(v));
const blank = (v: Value) => v === null || v === "";

/** Evaluates a parsed formula; `field` gives a field's value (another formula field evaluated by the caller). It makes no closure per node: a test evaluates the sample's formulas for thousands of leads. */
export function evaluateFormula(node: Node, field: (name: string) => Value): Value {
  switch (node.t) {
    case "num":
    case "str":
    case "bool":
      return node.v;
    case "field":
      return field(node.name);
    case "neg": {
      const v = evaluateFormula(node.e, field);
      return v === null ? null : -(v as number);
    }
    case "bin": {
      const a = evaluateFormula(node.a, field);
      const b = evaluateFormula(node.b, field);
      if (node.op === "&") return textOf(a) + textOf(b);
      if (a === null || b === null) return null;
      switch (node.op) {
        case "+": return (a as number) + (b as number);
        case "-": return (a as number) - (b as number);
        case "<": return a < b;
        case "<=": return a <= b;
        case ">": return a > b;
        case ">=": return a >= b;
        case "=": case "==": return a === b;
        default: return a !== b;
      }
    }
    case "call": {
      const [x, y, z] = node.args;
      switch (node.fn) {
        case "IF":
          if (node.args.length !== 3) throw new SyntaxError("IF takes 3 arguments");
          return evaluateFormula(x, field) === true ? evaluateFormula(y, field) : evaluateFormula(z, field);
        case "CASE": {
          if (node.args.length % 2 !== 0) throw new SyntaxError("CASE takes an expression, pairs and an else value");
          const v = evaluateFormula(x, field);
          for (let i = 1; i + 1 < node.args.length; i += 2) if (evaluateFormula(node.args[i], field) === v) return evaluateFormula(node.args[i + 1], field);
          return evaluateFormula(node.args[node.args.length - 1], field);
        }
        case "ISBLANK": return blank(evaluateFormula(x, field));
        case "AND": return node.args.every((a) => evaluateFormula(a, field) === true);
        case "OR": return node.args.some((a) => evaluateFormula(a, field) === true);
        case "NOT": return evaluateFormula(x, field) !== true;
        case "TRIM": return textOf(evaluateFormula(x, field)).trim();
        case "LOWER": return textOf(evaluateFormula(x, field)).toLowerCase();
        case "TEXT": return textOf(evaluateFormula(x, field));
        case "VALUE": { const v = evaluateFormula(x, field); return blank(v) ? null : Number(v); }
        case "CONTAINS": return textOf(evaluateFormula(x, field)).includes(textOf(evaluateFormula(y, field)));
        case "SUBSTITUTE": return textOf(evaluateFormula(x, field)).split(textOf(evaluateFormula(y, field))).join(textOf(evaluateFormula(z, field)));
      }
      throw new SyntaxError(`formula: ${node.fn}`);
    }
  }
}
